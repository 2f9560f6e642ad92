/** Data the probes aim at: private things of NVWA that people of RVO must never reach. */
export type IsolationFixtures = {
	nvwaDraftCourse: { id: string; title: string }
	nvwaCourseForAcmOnly: { id: string; title: string }
}

export type Persona = 'rvo-employee' | 'rvo-manager' | 'rvo-coordinator' | 'nvwa-coordinator'

export type Probe = {
	/** What the attack or control is, in words. */
	name: string
	as: Persona | null
	path: (fixtures: IsolationFixtures) => string
	/** 403 or 404 for an attack (302 to sign-in when anonymous); 200 for the control that proves the probe aims at something real. */
	expectStatus: 200 | 302 | 403 | 404
	/** Text that must not appear in the response (an attack) or must (a control). */
	text?: (fixtures: IsolationFixtures) => string
}

const RVO_PEOPLE: Persona[] = ['rvo-employee', 'rvo-manager', 'rvo-coordinator']

/** For each tenant-owned route: attacks by people of another unit, and a control by the owner. */
export const CROSS_TENANT_PROBES: Record<string, Probe[]> = {
	'routes/catalogus.$courseId': [
		...RVO_PEOPLE.flatMap((as): Probe[] => [
			{ name: "swapped id: another unit's draft", as, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 404, text: (f) => f.nvwaDraftCourse.title },
			{ name: 'swapped id: a course opened to other units only', as, path: (f) => `/catalogus/${f.nvwaCourseForAcmOnly.id}`, expectStatus: 404, text: (f) => f.nvwaCourseForAcmOnly.title },
		]),
		{ name: 'not signed in: a draft', as: null, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 404 },
		{ name: 'control: the providing unit sees its draft', as: 'nvwa-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
	],
	'routes/catalogus._index': [
		// The draft is the newest course, so it would head the first page if it leaked.
		...RVO_PEOPLE.map((as): Probe => ({ name: "the list hides another unit's newest draft", as, path: () => '/catalogus', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title })),
		{ name: 'control: the providing unit sees its newest draft first', as: 'nvwa-coordinator', path: () => '/catalogus', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
	],
	'routes/onderdelen.$slug.regels': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "direct URL: another unit's P&O rules", as, path: () => '/onderdelen/nvwa/regels', expectStatus: 403, text: () => 'Leerbudget' })),
		{ name: 'direct URL, not signed in', as: null, path: () => '/onderdelen/nvwa/regels', expectStatus: 302 },
		{ name: 'control: the own coordinator reads them', as: 'nvwa-coordinator', path: () => '/onderdelen/nvwa/regels', expectStatus: 200, text: () => 'Leerbudget' },
	],
}

/** Whether a probe is a control (the text must appear) or an attack (it must not). */
export const isControl = (probe: Probe) => probe.name.startsWith('control:')
