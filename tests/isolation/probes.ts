/** Data the probes aim at: private things of NVWA that people of RVO must never reach. */
export type IsolationFixtures = {
	nvwaDraftCourse: { id: string; title: string }
	nvwaCourseForAcmOnly: { id: string; title: string }
	/** A published, concern-wide NVWA course: something real for the duplicate pages to compare. */
	nvwaSharedCourse: { id: string; title: string }
	/** A session NVWA runs, with an NVWA employee enrolled; and that employee's request awaiting approval. */
	nvwaSession: { id: string; courseId: string; courseTitle: string }
	nvwaEnrolment: { id: string; employeeName: string }
	nvwaAwaitingApproval: { id: string; employeeName: string }
	/** The NVWA employee's invitation to evaluate the course of `nvwaEnrolment` (ADR 041). */
	nvwaEvaluation: { id: string; courseTitle: string }
	/** The NVWA employee's completed enrolment and their card to self on it (ADR 042), with its one action. */
	nvwaSelfCard: { enrolmentId: string; courseTitle: string; action: string }
	/** A practice card of the NVWA employee, due, of a question on NVWA's course (ADR 047): only they may see or answer it. */
	nvwaPracticeCard: { id: string; prompt: string }
	/** An intervention of NVWA with a trained team and a measure (ADR 044): RVO's coordinators neither see, change nor fill it. */
	nvwaIntervention: { id: string; name: string; measureName: string; teamNumber: string; managerId: string }
	/** A finished bulk decision NVWA's coordinator started (ADR 038), naming the NVWA employee. */
	nvwaBulkJob: { id: string; employeeName: string; reason: string }
	nvwaOutboxSubject: string
	/** An online part (LTI resource link) of the NVWA draft, and its tool. */
	nvwaOnlinePart: { id: string; title: string; toolId: string }
	/**
	 * RVO's own courses that are not published, each with a planned session ahead: only RVO's
	 * coordinators see them, its employees and managers get the 404 of a course that does not exist.
	 */
	rvoDraftCourse: { id: string; title: string; sessionId: string }
	rvoArchivedCourse: { id: string; title: string; sessionId: string }
	/** An online part of RVO's draft course. */
	rvoDraftOnlinePart: { id: string }
	/** A room and a trainer of NVWA (issue 14): RVO's coordinators can neither see nor book them. */
	nvwaRoom: { id: string; name: string }
	nvwaTrainer: { id: string; name: string }
	nvwaLocationId: string
	/** A session RVO's manager persona teaches (an internal trainer), whose one meeting has begun, with an RVO employee enrolled. */
	rvoTrainerSession: { id: string; courseTitle: string; meetingId: string; enrolmentId: string; participantName: string }
	/** A job profile of NVWA (issue 15): filtering RVO's passport matrix on it finds nobody of NVWA. */
	nvwaJobProfileId: string
	/** NVWA's employee persona: an import by another unit never finds them. */
	nvwaEmployee: { employeeNumber: string; name: string }
	/** An NVWA employee's own open request to be erased (ADR 054), for the privacy officer. */
	nvwaErasureRequest: { id: string; personName: string }
	/** A certificate the NVWA employee persona sent in, awaiting a decision; its file holds `marker`. */
	nvwaUpload: { id: string; fileName: string; marker: string }
	/** NVWA's own passport requirement (issue 15) and one on an NVWA employee: RVO's coordinators neither see nor deactivate them. */
	nvwaRequirement: { id: string; competencyName: string }
	nvwaPersonRequirement: { id: string; personId: string; personName: string }
	/** A piece of evidence of the NVWA employee persona (issue 15): RVO neither reads their passport nor revokes or corrects it. */
	nvwaEvidence: { id: string; personId: string; personName: string }
	/** An xAPI client (a system) of NVWA (ADR 039): RVO's coordinators neither see, rename nor deactivate it. */
	nvwaXapiClient: { id: string; name: string; tenantId: string }
	/** An xAPI statement NVWA's client stored about someone NVWA does not know (ADR 039): only NVWA's coordinators see the address. */
	nvwaUnknownXapiActor: { address: string }
	nvwaXapiRule: { id: string; name: string }
	/** RVO's manager persona's team (issue 18, item 5): the RVO employee persona is in it; an RVO person of another manager is not. */
	rvoTeam: { memberId: string; memberName: string; outsiderId: string; outsiderName: string }
	/** The NVWA employee persona as an available expert, and another NVWA person as a paused one (ADR 048). */
	nvwaExpert: { tenantId: string; userId: string; description: string; contact: string; email: string }
	nvwaPausedExpert: { userId: string; description: string }
	/** A row of NVWA's audit trail (ADR 049) whose before-and-after names `marker`: RVO's coordinator never reads it, whatever the filters. */
	nvwaAuditEntry: { id: number; tenantId: string; marker: string }
	/** NVWA's own look (ADR 052): an accent colour that appears on no other unit's page, and the text of its logo. */
	nvwaBranding: { accentColour: string; logoText: string }
	/** An active competency, to name in a requirement form. */
	competencyId: string
	/** A date (YYYY-MM-DD) well ahead, for planning forms. */
	planDate: string
}

export type Persona = 'rvo-employee' | 'rvo-manager' | 'rvo-coordinator' | 'nvwa-employee' | 'nvwa-coordinator' | 'concern-admin' | 'privacy-officer'

export type Probe = {
	/** What the attack or control is, in words. */
	name: string
	as: Persona | null
	path: (fixtures: IsolationFixtures) => string
	/**
	 * A form to POST (same-origin, as a browser would) instead of a GET: an intent of the route's action.
	 * An attack that posts must also leave the stored courses, sessions and enrolments as they were.
	 */
	form?: (fixtures: IsolationFixtures) => Record<string, string>
	/**
	 * 403 or 404 for an attack (302 to sign-in when anonymous; 409 for an act refused to someone who may see its object; 400 for a
	 * form naming another unit's thing, refused beside its field); 200 (303 after a POST) for the control that proves the probe aims at something real.
	 */
	expectStatus: 200 | 302 | 303 | 400 | 403 | 404 | 409
	/** Text that must not appear in the response (an attack) or must (a control). */
	text?: (fixtures: IsolationFixtures) => string
}

/** An evidence import naming NVWA's employee by their employee number (issue 15). */
const importOf = (f: IsolationFixtures) => `medewerker;bekwaamheid;datum\n${f.nvwaEmployee.employeeNumber};Integriteit en ambtseed;1-3-2024`

/** The planning form's course search (JSON), for a title. */
const coursesToPlan = (title: string) => `/uitvoeringen/nieuw/cursussen?zoek=${encodeURIComponent(title)}`

/** A name without its last word: a search for it, echoed in the search field, does not itself hold the whole name. */
const firstNames = (name: string) => name.split(' ').slice(0, -1).join(' ')

const RVO_PEOPLE: Persona[] = ['rvo-employee', 'rvo-manager', 'rvo-coordinator']

/** A complete, valid intervention form naming `teamId` as the trained team. */
function interventionForm(teamId: string): Record<string, string> {
	return { intent: 'save', name: 'Overgenomen (isolatietest)', firstMonth: '2026-03', lastMonth: '2026-03', monthsBefore: '3', monthsAfter: '3', measureName: 'Fouten', better: 'lower', teams: teamId }
}
/** People of the providing unit itself who are not its coordinators: its unpublished courses are not theirs to see. */
const RVO_NON_COORDINATORS: Persona[] = ['rvo-employee', 'rvo-manager']
const RVO_UNPUBLISHED = [
	{ label: 'draft', course: (f: IsolationFixtures) => f.rvoDraftCourse },
	{ label: 'archived', course: (f: IsolationFixtures) => f.rvoArchivedCourse },
]

/** A well-formed unit id that names no unit. */
const NO_UNIT = '00000000-0000-4000-8000-000000000000'

/** For each tenant-owned route: attacks by people of another unit, and a control by the owner. */
export const CROSS_TENANT_PROBES: Record<string, Probe[]> = {
	'routes/catalogus.$courseId': [
		...RVO_PEOPLE.flatMap((as): Probe[] => [
			{ name: "swapped id: another unit's draft", as, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 404, text: (f) => f.nvwaDraftCourse.title },
			{ name: 'swapped id: a course opened to other units only', as, path: (f) => `/catalogus/${f.nvwaCourseForAcmOnly.id}`, expectStatus: 404, text: (f) => f.nvwaCourseForAcmOnly.title },
		]),
		{ name: 'not signed in: a draft', as: null, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 404 },
		{ name: 'control: the providing unit sees its draft', as: 'nvwa-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}`, expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		// The own unit (issue 12): a course that is not published is its coordinators' only.
		...RVO_UNPUBLISHED.flatMap(({ label, course }): Probe[] => [
			...RVO_NON_COORDINATORS.map((as): Probe => ({ name: `direct URL: the own unit's ${label} course`, as, path: (f) => `/catalogus/${course(f).id}`, expectStatus: 404, text: (f) => course(f).title })),
			...RVO_NON_COORDINATORS.map((as): Probe => ({
				name: `enrolling in a session of the own unit's ${label} course is refused, and nothing is stored`,
				as,
				path: (f) => `/catalogus/${course(f).id}`,
				form: (f) => ({ intent: 'enrol', sessionId: course(f).sessionId }),
				expectStatus: 404,
				text: (f) => course(f).title,
			})),
			{
				name: `the coordinator who sees the ${label} course cannot enrol in it either`,
				as: 'rvo-coordinator',
				path: (f) => `/catalogus/${course(f).id}`,
				form: (f) => ({ intent: 'enrol', sessionId: course(f).sessionId }),
				expectStatus: 409,
			},
			{ name: `not signed in: the ${label} course`, as: null, path: (f) => `/catalogus/${course(f).id}`, expectStatus: 404, text: (f) => course(f).title },
			{ name: `control: the own unit's coordinator sees its ${label} course`, as: 'rvo-coordinator', path: (f) => `/catalogus/${course(f).id}`, expectStatus: 200, text: (f) => course(f).title },
		]),
	],
	// Search finds published courses only (drafts are for the providing unit's course management),
	// and a course opened to selected units only for those units and its provider.
	'routes/catalogus._index': [
		...RVO_PEOPLE.flatMap((as): Probe[] => [
			{ name: "a search for another unit's draft finds nothing", as, path: () => '/catalogus?q=conceptopleiding+isolatietest', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
			{ name: 'a search for a course opened to other units only finds nothing', as, path: () => '/catalogus?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
			{ name: 'a filter on the providing unit does not reveal it', as, path: () => '/catalogus?aanbieder=nvwa&q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		]),
		{ name: 'not signed in: a search for it finds nothing', as: null, path: () => '/catalogus?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		...RVO_UNPUBLISHED.flatMap(({ label, course }) =>
			RVO_PEOPLE.map((as): Probe => ({ name: `a search for the own unit's ${label} course finds nothing`, as, path: () => '/catalogus?q=isolatietest+eigen', expectStatus: 200, text: (f) => course(f).title })),
		),
		{ name: 'control: the providing unit finds its course opened to ACM', as: 'nvwa-coordinator', path: () => '/catalogus?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
	],
	'routes/catalogus.zoeken': [
		...RVO_PEOPLE.flatMap((as): Probe[] => [
			{ name: "JSON search: another unit's draft", as, path: () => '/catalogus/zoeken?q=conceptopleiding+isolatietest', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
			{ name: 'JSON search: a course opened to other units only', as, path: () => '/catalogus/zoeken?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		]),
		{ name: 'JSON search, not signed in', as: null, path: () => '/catalogus/zoeken?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		{ name: 'control: the providing unit finds it as JSON', as: 'nvwa-coordinator', path: () => '/catalogus/zoeken?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
	],
	// The privacy officer's pages (ADR 054): concern-wide, the officer's alone; a unit's people, its
	// coordinators and the concern administrator see no request, by URL or by a swapped id.
	'routes/beheer.privacy': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const, 'concern-admin' as const].map((as): Probe => ({ name: 'only the privacy officer reads the erasure queue', as, path: () => '/beheer/privacy', expectStatus: 403, text: (f) => f.nvwaErasureRequest.personName })),
		{ name: 'not signed in', as: null, path: () => '/beheer/privacy', expectStatus: 302 },
		{ name: 'forged: a coordinator asks to erase an employee of another unit', as: 'rvo-coordinator', path: () => '/beheer/privacy', form: (f) => ({ intent: 'request', unitId: f.nvwaXapiClient.tenantId, employeeNumber: f.nvwaEmployee.employeeNumber }), expectStatus: 403 },
		{ name: 'control: the privacy officer reads the queue', as: 'privacy-officer', path: () => '/beheer/privacy', expectStatus: 200, text: (f) => f.nvwaErasureRequest.personName },
	],
	'routes/beheer.privacy_.$requestId': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const, 'concern-admin' as const].map((as): Probe => ({ name: "swapped id: another unit's employee's erasure request", as, path: (f) => `/beheer/privacy/${f.nvwaErasureRequest.id}`, expectStatus: 403, text: (f) => f.nvwaErasureRequest.personName })),
		{ name: "forged: a coordinator approves the erasure of another unit's employee", as: 'rvo-coordinator', path: (f) => `/beheer/privacy/${f.nvwaErasureRequest.id}`, form: () => ({ intent: 'approve' }), expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/privacy/${f.nvwaErasureRequest.id}`, expectStatus: 302 },
		{ name: 'control: the privacy officer sees the request and its preview', as: 'privacy-officer', path: (f) => `/beheer/privacy/${f.nvwaErasureRequest.id}`, expectStatus: 200, text: (f) => f.nvwaErasureRequest.personName },
	],
	'routes/beheer.zoeksynoniemen': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not keep the concern synonym list', as, path: () => '/beheer/zoeksynoniemen', expectStatus: 403, text: () => 'Synoniem toevoegen' })),
		{ name: 'not signed in', as: null, path: () => '/beheer/zoeksynoniemen', expectStatus: 302 },
		{ name: 'control: the concern administrator keeps it', as: 'concern-admin', path: () => '/beheer/zoeksynoniemen', expectStatus: 200, text: () => 'Synoniem toevoegen' },
	],
	'routes/beheer.zoekvragen': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not read the search analytics', as, path: () => '/beheer/zoekvragen', expectStatus: 403, text: () => 'Meest gezocht' })),
		{ name: 'not signed in', as: null, path: () => '/beheer/zoekvragen', expectStatus: 302 },
		{ name: 'control: the concern administrator reads them', as: 'concern-admin', path: () => '/beheer/zoekvragen', expectStatus: 200, text: () => 'Meest gezocht' },
		{ name: 'control: an unknown period shows the default and says so', as: 'concern-admin', path: () => '/beheer/zoekvragen?periode=365', expectStatus: 200, text: () => 'Die periode kennen we niet' },
	],
	'routes/beheer.zoekvragen.lijst': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not download the search analytics', as, path: () => '/beheer/zoekvragen/lijst?tabel=gezocht', expectStatus: 403, text: () => 'Zoekvraag;' })),
		{ name: 'not signed in', as: null, path: () => '/beheer/zoekvragen/lijst?tabel=gezocht', expectStatus: 302 },
		{ name: 'control: the concern administrator downloads them', as: 'concern-admin', path: () => '/beheer/zoekvragen/lijst?tabel=gezocht', expectStatus: 200, text: () => 'Zoekvraag;' },
		{ name: 'control: an unknown table is a 400 that says which to choose', as: 'concern-admin', path: () => '/beheer/zoekvragen/lijst?tabel=alles', expectStatus: 400, text: () => 'Kies een tabel' },
	],
	// Not tenant-owned but concern-wide: attacked all the same, by every unit role, and anonymously.
	'routes/beheer.bekwaamheden': [
		...[...RVO_PEOPLE, 'nvwa-employee' as const, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not keep the concern competencies', as, path: () => '/beheer/bekwaamheden', expectStatus: 403, text: () => 'Bekwaamheid toevoegen' })),
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const].map(
			(as): Probe => ({
				name: 'a unit may not add a concern competency',
				as,
				path: () => '/beheer/bekwaamheden',
				form: () => ({ intent: 'save', name: 'Ingeslopen bekwaamheid', validityMonths: '12', warningDays: '60', renewalBasis: 'expiry' }),
				expectStatus: 403,
			}),
		),
		{ name: 'not signed in', as: null, path: () => '/beheer/bekwaamheden', expectStatus: 302 },
		{ name: 'control: the concern administrator keeps them', as: 'concern-admin', path: () => '/beheer/bekwaamheden', expectStatus: 200, text: () => 'Bekwaamheid toevoegen' },
	],
	// Issue 15: the passport matrix names people, so another unit's never appear, whatever the query names.
	'routes/paspoorten._index': [
		{ name: 'an employee has neither a team nor a unit to read', as: 'rvo-employee', path: () => '/paspoorten', expectStatus: 403 },
		{ name: 'a manager may not read the whole unit', as: 'rvo-manager', path: () => '/paspoorten?wie=eenheid', expectStatus: 403 },
		{ name: 'a coordinator who manages nobody has no team', as: 'rvo-coordinator', path: () => '/paspoorten?wie=team', expectStatus: 403 },
		...(['rvo-manager', 'rvo-coordinator'] as const).map(
			(as): Probe => ({
				name: "another unit's employee is found by no search",
				as,
				// All but the last name: the search box echoes the query, never the whole name.
				path: (f) => `/paspoorten?q=${encodeURIComponent(f.nvwaAwaitingApproval.employeeName.split(' ').slice(0, -1).join(' '))}`,
				expectStatus: 200,
				text: (f) => f.nvwaAwaitingApproval.employeeName,
			}),
		),
		{ name: "another unit's job profile filters to nobody of it", as: 'rvo-coordinator', path: (f) => `/paspoorten?functie=${f.nvwaJobProfileId}`, expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: 'not signed in', as: null, path: () => '/paspoorten', expectStatus: 302 },
		{ name: "control: the unit's coordinator finds them", as: 'nvwa-coordinator', path: (f) => `/paspoorten?q=${encodeURIComponent(f.nvwaAwaitingApproval.employeeName.split(' ').slice(0, -1).join(' '))}`, expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
	],
	'routes/paspoorten.importeren': [
		{ name: 'an employee imports nothing', as: 'rvo-employee', path: () => '/paspoorten/importeren', expectStatus: 403 },
		{ name: 'a manager imports nothing', as: 'rvo-manager', path: () => '/paspoorten/importeren', form: (f) => ({ intent: 'import', csv: importOf(f) }), expectStatus: 403 },
		{ name: "checking a row of another unit's employee finds nobody", as: 'rvo-coordinator', path: () => '/paspoorten/importeren', form: (f) => ({ intent: 'check', csv: importOf(f) }), expectStatus: 200, text: (f) => f.nvwaEmployee.name },
		{ name: "importing evidence for another unit's employee stores nothing", as: 'rvo-coordinator', path: () => '/paspoorten/importeren', form: (f) => ({ intent: 'import', csv: importOf(f) }), expectStatus: 409 },
		{ name: 'not signed in', as: null, path: () => '/paspoorten/importeren', expectStatus: 302 },
		{ name: "control: the unit's coordinator finds its employee", as: 'nvwa-coordinator', path: () => '/paspoorten/importeren', form: (f) => ({ intent: 'check', csv: importOf(f) }), expectStatus: 200, text: (f) => f.nvwaEmployee.name },
	],
	'routes/paspoorten.lijst': [
		{ name: 'an employee downloads no matrix', as: 'rvo-employee', path: () => '/paspoorten/lijst?formaat=csv', expectStatus: 403 },
		{ name: 'a manager may not download the whole unit', as: 'rvo-manager', path: () => '/paspoorten/lijst?formaat=csv&wie=eenheid', expectStatus: 403 },
		{ name: "the download holds nobody of another unit", as: 'rvo-coordinator', path: () => '/paspoorten/lijst?formaat=csv', expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: 'not signed in', as: null, path: () => '/paspoorten/lijst?formaat=csv', expectStatus: 302 },
		{ name: "control: the unit's coordinator's download holds them", as: 'nvwa-coordinator', path: (f) => `/paspoorten/lijst?formaat=csv&q=${encodeURIComponent(f.nvwaAwaitingApproval.employeeName)}`, expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
	],
	'routes/paspoorten.bewijs': [
		{ name: 'an employee reviews no certificates', as: 'rvo-employee', path: () => '/paspoorten/bewijs', expectStatus: 403 },
		...(['rvo-manager', 'rvo-coordinator'] as const).map((as): Probe => ({ name: "another unit's certificate is not listed", as, path: () => '/paspoorten/bewijs', expectStatus: 200, text: (f) => f.nvwaUpload.fileName })),
		{ name: "another unit's certificate cannot be approved by id", as: 'rvo-coordinator', path: () => '/paspoorten/bewijs', form: (f) => ({ intent: 'approve', uploadId: f.nvwaUpload.id }), expectStatus: 404 },
		{ name: "another unit's certificate cannot be rejected by id", as: 'rvo-manager', path: () => '/paspoorten/bewijs', form: (f) => ({ intent: 'reject', uploadId: f.nvwaUpload.id, reason: 'Aanval' }), expectStatus: 404 },
		{ name: 'an employee cannot approve, not even by id', as: 'nvwa-employee', path: () => '/paspoorten/bewijs', form: (f) => ({ intent: 'approve', uploadId: f.nvwaUpload.id }), expectStatus: 403 },
		{ name: 'not signed in', as: null, path: () => '/paspoorten/bewijs', expectStatus: 302 },
		{ name: "control: the unit's coordinator sees it", as: 'nvwa-coordinator', path: () => '/paspoorten/bewijs', expectStatus: 200, text: (f) => f.nvwaUpload.fileName },
	],
	'routes/paspoorten.medewerker.$userId': [
		{ name: "an employee opens nobody's passport", as: 'rvo-employee', path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`, expectStatus: 403, text: (f) => f.nvwaEvidence.personName },
		...(['rvo-manager', 'rvo-coordinator'] as const).map(
			(as): Probe => ({ name: "swapped id: another unit's person is not found", as, path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`, expectStatus: 404, text: (f) => f.nvwaEvidence.personName }),
		),
		{
			name: "another unit's evidence cannot be revoked by id",
			as: 'rvo-coordinator',
			path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`,
			form: (f) => ({ intent: 'revoke', evidenceId: f.nvwaEvidence.id, reason: 'Aanval' }),
			expectStatus: 404,
		},
		{
			name: "another unit's evidence cannot be corrected by id",
			as: 'rvo-coordinator',
			path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`,
			form: (f) => ({ intent: 'correct', evidenceId: f.nvwaEvidence.id, occurredOn: '2020-01-01', reason: 'Aanval' }),
			expectStatus: 404,
		},
		{
			name: 'a manager revokes nothing, not even by id',
			as: 'rvo-manager',
			path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`,
			form: (f) => ({ intent: 'revoke', evidenceId: f.nvwaEvidence.id, reason: 'Aanval' }),
			expectStatus: 403,
		},
		{ name: 'not signed in', as: null, path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`, expectStatus: 302 },
		{ name: "control: the unit's coordinator opens it", as: 'nvwa-coordinator', path: (f) => `/paspoorten/medewerker/${f.nvwaEvidence.personId}`, expectStatus: 200, text: (f) => f.nvwaEvidence.personName },
	],
	'routes/paspoort-bewijs.$uploadId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "another unit's certificate file is not found", as, path: (f) => `/paspoort-bewijs/${f.nvwaUpload.id}`, expectStatus: 404, text: (f) => f.nvwaUpload.marker })),
		{ name: 'not signed in', as: null, path: (f) => `/paspoort-bewijs/${f.nvwaUpload.id}`, expectStatus: 302 },
		{ name: 'control: its sender opens it', as: 'nvwa-employee', path: (f) => `/paspoort-bewijs/${f.nvwaUpload.id}`, expectStatus: 200, text: (f) => f.nvwaUpload.marker },
		{ name: "control: the unit's coordinator opens it", as: 'nvwa-coordinator', path: (f) => `/paspoort-bewijs/${f.nvwaUpload.id}`, expectStatus: 200, text: (f) => f.nvwaUpload.marker },
	],
	'routes/beheer.paspoorten': [
		...[...RVO_PEOPLE, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not read the concern overview', as, path: () => '/beheer/paspoorten', expectStatus: 403 })),
		{ name: 'the overview names no person', as: 'concern-admin', path: () => '/beheer/paspoorten', expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: 'not signed in', as: null, path: () => '/beheer/paspoorten', expectStatus: 302 },
		{ name: 'control: the concern administrator reads the counts', as: 'concern-admin', path: () => '/beheer/paspoorten', expectStatus: 200, text: () => 'Stand per organisatieonderdeel en bekwaamheid' },
	],
	'routes/beheer.inloggen': [
		...[...RVO_PEOPLE, 'nvwa-employee' as const, 'nvwa-coordinator' as const].map((as): Probe => ({ name: "a unit may not read every unit's sign-in", as, path: () => '/beheer/inloggen', expectStatus: 403, text: () => 'Inloggen per organisatieonderdeel' })),
		{ name: 'not signed in', as: null, path: () => '/beheer/inloggen', expectStatus: 302 },
		{ name: 'control: the concern administrator reads them', as: 'concern-admin', path: () => '/beheer/inloggen', expectStatus: 200, text: () => 'Inloggen per organisatieonderdeel' },
	],
	'routes/beheer.inloggen_.$slug': [
		// Its own unit's and another's alike: a coordinator who could point the sign-in elsewhere could sign in as anyone of the unit.
		...(['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-coordinator'] as const).flatMap((as): Probe[] =>
			['rvo', 'nvwa'].flatMap((unit): Probe[] => [
				{ name: `a unit may not open ${unit}'s sign-in settings`, as, path: () => `/beheer/inloggen/${unit}`, expectStatus: 403, text: () => 'Controleren en opslaan' },
				{
					name: `a unit may not set ${unit}'s identity provider`,
					as,
					path: () => `/beheer/inloggen/${unit}`,
					form: () => ({ intent: 'save', issuer: 'https://login.aanvaller.invalid', clientId: 'x', clientSecretEnv: 'SSO_X', employeeNumberClaim: 'sub', extraScopes: '', mfaAcrValues: '' }),
					expectStatus: 403,
				},
				{ name: `a unit may not remove ${unit}'s identity provider`, as, path: () => `/beheer/inloggen/${unit}`, form: () => ({ intent: 'remove' }), expectStatus: 403 },
			]),
		),
		{ name: 'not signed in', as: null, path: () => '/beheer/inloggen/nvwa', expectStatus: 302 },
		{ name: 'not signed in: no change', as: null, path: () => '/beheer/inloggen/nvwa', form: () => ({ intent: 'remove' }), expectStatus: 302 },
		{ name: "control: the concern administrator opens a unit's settings", as: 'concern-admin', path: () => '/beheer/inloggen/nvwa', expectStatus: 200, text: () => 'Controleren en opslaan' },
		{ name: 'control: the concern administrator removes a provider (here one ACM does not have)', as: 'concern-admin', path: () => '/beheer/inloggen/acm', form: () => ({ intent: 'remove' }), expectStatus: 303 },
	],
	'routes/beheer.regels': [
		...[...RVO_PEOPLE, 'nvwa-employee' as const, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not set the concern defaults', as, path: () => '/beheer/regels', expectStatus: 403, text: () => 'Concernregels opslaan' })),
		{ name: 'not signed in', as: null, path: () => '/beheer/regels', expectStatus: 302 },
		{ name: 'control: the concern administrator sets them', as: 'concern-admin', path: () => '/beheer/regels', expectStatus: 200, text: () => 'Concernregels opslaan' },
	],
	'routes/onderdelen.$slug.huisstijl': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "direct URL: another unit's branding", as, path: () => '/onderdelen/nvwa/huisstijl', expectStatus: 403, text: (f) => f.nvwaBranding.accentColour })),
		{ name: 'a unit that does not exist is refused alike', as: 'rvo-coordinator', path: () => '/onderdelen/bestaat-niet/huisstijl', expectStatus: 403 },
		{ name: 'a slug that is no slug is refused alike', as: 'rvo-coordinator', path: () => '/onderdelen/NVWA%27--/huisstijl', expectStatus: 403 },
		{ name: "forged form: setting another unit's colour", as: 'rvo-coordinator', path: () => '/onderdelen/nvwa/huisstijl', form: () => ({ intent: 'save', accentColour: '#000000' }), expectStatus: 403 },
		{ name: "forged form: a bad colour for another unit is still a 403, not a 400", as: 'rvo-coordinator', path: () => '/onderdelen/nvwa/huisstijl', form: () => ({ intent: 'save', accentColour: '#ffffff' }), expectStatus: 403 },
		{ name: "forged form: resetting another unit's branding", as: 'rvo-coordinator', path: () => '/onderdelen/nvwa/huisstijl', form: () => ({ intent: 'reset' }), expectStatus: 403 },
		{ name: 'an employee of the unit does not set its branding', as: 'nvwa-employee', path: () => '/onderdelen/nvwa/huisstijl', expectStatus: 403, text: (f) => f.nvwaBranding.accentColour },
		{ name: 'the concern administrator does not set a unit’s branding', as: 'concern-admin', path: () => '/onderdelen/nvwa/huisstijl', expectStatus: 403, text: (f) => f.nvwaBranding.accentColour },
		{ name: 'direct URL, not signed in', as: null, path: () => '/onderdelen/nvwa/huisstijl', expectStatus: 302 },
		{ name: 'control: the own coordinator reads it', as: 'nvwa-coordinator', path: () => '/onderdelen/nvwa/huisstijl', expectStatus: 200, text: (f) => f.nvwaBranding.accentColour },
	],
	'routes/huisstijl.logo': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "one's own unit's logo, never another's", as, path: () => '/huisstijl/logo', expectStatus: 200, text: (f) => f.nvwaBranding.logoText })),
		{ name: 'not signed in', as: null, path: () => '/huisstijl/logo', expectStatus: 302 },
		{ name: "control: NVWA's people get NVWA's logo", as: 'nvwa-employee', path: () => '/huisstijl/logo', expectStatus: 200, text: (f) => f.nvwaBranding.logoText },
	],
	'routes/huisstijl.stijl[.]css': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "one's own unit's colours, never another's", as, path: () => '/huisstijl/stijl.css', expectStatus: 200, text: (f) => f.nvwaBranding.accentColour })),
		{ name: 'not signed in', as: null, path: () => '/huisstijl/stijl.css', expectStatus: 302 },
		{ name: "control: NVWA's people get NVWA's colours", as: 'nvwa-employee', path: () => '/huisstijl/stijl.css', expectStatus: 200, text: (f) => f.nvwaBranding.accentColour },
	],
	'routes/onderdelen.$slug.regels': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "direct URL: another unit's P&O rules", as, path: () => '/onderdelen/nvwa/regels', expectStatus: 403, text: () => 'Leerbudget' })),
		{ name: 'direct URL, not signed in', as: null, path: () => '/onderdelen/nvwa/regels', expectStatus: 302 },
		{ name: 'control: the own coordinator reads them', as: 'nvwa-coordinator', path: () => '/onderdelen/nvwa/regels', expectStatus: 200, text: () => 'Leerbudget' },
	],
	'routes/beheer.cursussen._index': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "the unit's course list hides another unit's draft", as, path: () => '/beheer/cursussen', expectStatus: as === 'rvo-coordinator' ? 200 : 403, text: (f) => f.nvwaDraftCourse.title })),
		{ name: 'not signed in', as: null, path: () => '/beheer/cursussen', expectStatus: 302 },
		{ name: 'control: the providing unit lists its draft', as: 'nvwa-coordinator', path: () => '/beheer/cursussen', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: "the drafts filter lists only the unit's own drafts", as: 'rvo-coordinator', path: () => '/beheer/cursussen?status=draft&vorm=', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: 'control: the drafts filter lists the providing unit\'s draft', as: 'nvwa-coordinator', path: () => '/beheer/cursussen?status=draft', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
	],
	'routes/beheer.cursussen.nieuw': [
		{ name: 'an employee cannot create courses', as: 'rvo-employee', path: () => '/beheer/cursussen/nieuw', expectStatus: 403, text: () => 'Controleer op dubbelingen' },
		{ name: 'a manager cannot create courses', as: 'rvo-manager', path: () => '/beheer/cursussen/nieuw', expectStatus: 403, text: () => 'Controleer op dubbelingen' },
		{ name: 'not signed in', as: null, path: () => '/beheer/cursussen/nieuw', expectStatus: 302 },
		{ name: 'control: a coordinator opens the form', as: 'rvo-coordinator', path: () => '/beheer/cursussen/nieuw', expectStatus: 200, text: () => 'Controleer op dubbelingen' },
	],
	'routes/beheer.cursussen.$courseId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: edit another unit's draft", as, path: (f) => `/beheer/cursussen/${f.nvwaDraftCourse.id}`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaDraftCourse.title })),
		{ name: "swapped id: edit another unit's published course", as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}`, expectStatus: 404, text: (f) => f.nvwaSharedCourse.title },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/cursussen/${f.nvwaDraftCourse.id}`, expectStatus: 302 },
		{ name: 'control: the providing unit edits its draft', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaDraftCourse.id}`, expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: "swapped id: publish another unit's draft", as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaDraftCourse.id}`, form: () => ({ intent: 'publish' }), expectStatus: 404 },
		{ name: "swapped id: archive another unit's published course", as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}`, form: () => ({ intent: 'archive' }), expectStatus: 404 },
		{ name: 'an employee cannot publish a draft of their unit', as: 'nvwa-employee', path: (f) => `/beheer/cursussen/${f.nvwaDraftCourse.id}`, form: () => ({ intent: 'publish' }), expectStatus: 403 },
	],
	// A unit's passport requirements (issue 15): RVO's coordinators reach only RVO's; another unit's ids are not found or refused beside the field, and nothing changes.
	'routes/beheer.eisen': [
		...(['rvo-employee', 'rvo-manager', 'nvwa-employee'] as const).map((as): Probe => ({ name: 'only a coordinator keeps the unit requirements', as, path: () => '/beheer/eisen', expectStatus: 403 })),
		{ name: "another unit's person requirement is not listed", as: 'rvo-coordinator', path: () => '/beheer/eisen', expectStatus: 200, text: (f) => f.nvwaPersonRequirement.personName },
		{ name: "swapped id: confirming the deactivation of another unit's requirement", as: 'rvo-coordinator', path: (f) => `/beheer/eisen?deactiveer=${f.nvwaRequirement.id}`, expectStatus: 404, text: (f) => f.nvwaRequirement.competencyName },
		{ name: "swapped id: confirming the deactivation of another unit's person requirement", as: 'rvo-coordinator', path: (f) => `/beheer/eisen?deactiveer-persoon=${f.nvwaPersonRequirement.id}`, expectStatus: 404, text: (f) => f.nvwaPersonRequirement.personName },
		{ name: "deactivating another unit's requirement is not found, and it stays", as: 'rvo-coordinator', path: () => '/beheer/eisen', form: (f) => ({ intent: 'deactivate', id: f.nvwaRequirement.id }), expectStatus: 404 },
		{ name: "deactivating another unit's person requirement is not found, and it stays", as: 'rvo-coordinator', path: () => '/beheer/eisen', form: (f) => ({ intent: 'deactivate-person', id: f.nvwaPersonRequirement.id }), expectStatus: 404 },
		{
			name: "a requirement for another unit's job profile is refused beside the field, and nothing is stored",
			as: 'rvo-coordinator',
			path: () => '/beheer/eisen',
			form: (f) => ({ intent: 'add', competencyId: f.competencyId, jobProfileId: f.nvwaJobProfileId, introducedOn: '2030-01-01', graceDays: '0' }),
			expectStatus: 400,
		},
		{
			name: "a requirement on another unit's person is refused beside the field, and nothing is stored",
			as: 'rvo-coordinator',
			path: () => '/beheer/eisen',
			form: (f) => ({ intent: 'add-person', userId: f.nvwaPersonRequirement.personId, competencyId: f.competencyId, introducedOn: '2030-01-01', graceDays: '0' }),
			expectStatus: 400,
			text: (f) => f.nvwaPersonRequirement.personName,
		},
		{ name: 'a search for a person of another unit (all but the last name, so the echoed query cannot hide a leak) finds nobody', as: 'rvo-coordinator', path: (f) => `/beheer/eisen?zoek=${encodeURIComponent(f.nvwaPersonRequirement.personName.split(' ').slice(0, -1).join(' '))}`, expectStatus: 200, text: (f) => f.nvwaPersonRequirement.personName },
		{ name: 'not signed in', as: null, path: () => '/beheer/eisen', expectStatus: 302 },
		{ name: "control: the unit's coordinator confirms its own requirement's deactivation", as: 'nvwa-coordinator', path: (f) => `/beheer/eisen?deactiveer=${f.nvwaRequirement.id}`, expectStatus: 200, text: (f) => f.nvwaRequirement.competencyName },
		{ name: "control: the unit's coordinator sees its person requirement", as: 'nvwa-coordinator', path: () => '/beheer/eisen', expectStatus: 200, text: (f) => f.nvwaPersonRequirement.personName },
	],
	// Concern-wide: attacked by every unit role, and anonymously.
	'routes/beheer.eisen-concern': [
		...[...RVO_PEOPLE, 'nvwa-employee' as const, 'nvwa-coordinator' as const].map((as): Probe => ({ name: 'a unit may not keep the concern requirements', as, path: () => '/beheer/eisen-concern', expectStatus: 403, text: () => 'Eis toevoegen' })),
		{
			name: 'a coordinator may not add a concern requirement, and nothing is stored',
			as: 'rvo-coordinator',
			path: () => '/beheer/eisen-concern',
			form: (f) => ({ intent: 'add', competencyId: f.competencyId, jobProfileName: '', introducedOn: '2030-01-01', graceDays: '0' }),
			expectStatus: 403,
		},
		{ name: 'not signed in', as: null, path: () => '/beheer/eisen-concern', expectStatus: 302 },
		{ name: 'control: the concern administrator keeps them', as: 'concern-admin', path: () => '/beheer/eisen-concern', expectStatus: 200, text: () => 'Eis toevoegen' },
	],
	'routes/beheer.cursussen.$courseId_.bekwaamheden': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the competencies of another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/bekwaamheden`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaSharedCourse.title })),
		{
			name: "swapped id: set the competencies of another unit's course",
			as: 'rvo-coordinator',
			path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/bekwaamheden`,
			form: () => ({ intent: 'save' }),
			expectStatus: 404,
		},
		{ name: 'not signed in', as: null, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/bekwaamheden`, expectStatus: 302 },
		{ name: 'control: the providing unit opens its course', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/bekwaamheden`, expectStatus: 200, text: (f) => f.nvwaSharedCourse.title },
	],
	'routes/beheer.cursussen.dubbelingen': [
		{ name: 'suggestions never show a course opened to other units only', as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/dubbelingen?title=${encodeURIComponent(f.nvwaCourseForAcmOnly.title)}`, expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		{ name: "suggestions never show another unit's draft", as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/dubbelingen?title=${encodeURIComponent(f.nvwaDraftCourse.title)}`, expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: 'an employee gets no suggestions', as: 'rvo-employee', path: (f) => `/beheer/cursussen/dubbelingen?title=${encodeURIComponent(f.nvwaSharedCourse.title)}`, expectStatus: 403, text: (f) => f.nvwaSharedCourse.title },
		{ name: 'control: the provider sees its own restricted course suggested', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/dubbelingen?title=${encodeURIComponent(f.nvwaCourseForAcmOnly.title)}`, expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
	],
	'routes/beheer.leeromgevingen_.$toolId': [
		...(['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-coordinator'] as const).map((as): Probe => ({
			name: "only a concern administrator opens a tool's page (its Moodle token and sync)",
			as,
			path: (f) => `/beheer/leeromgevingen/${f.nvwaOnlinePart.toolId}`,
			expectStatus: 403,
			text: () => 'Moodle-webservices',
		})),
		{ name: 'not signed in', as: null, path: (f) => `/beheer/leeromgevingen/${f.nvwaOnlinePart.toolId}`, expectStatus: 302 },
		{ name: "control: the concern administrator opens the tool's page", as: 'concern-admin', path: (f) => `/beheer/leeromgevingen/${f.nvwaOnlinePart.toolId}`, expectStatus: 200, text: () => 'Moodle-webservices' },
	],
	'routes/beheer.dubbelingen._index': [
		...(['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-employee', 'nvwa-coordinator'] as const).flatMap((as): Probe[] => [
			{ name: 'only a concern administrator sees the duplicate report', as, path: () => '/beheer/dubbelingen?pagina=2&aanbieder=nvwa', expectStatus: 403, text: () => 'Recent samengevoegd' },
			{ name: 'only a concern administrator starts a concern-wide scan', as, path: () => '/beheer/dubbelingen', form: () => ({ intent: 'scan' }), expectStatus: 403 },
		]),
		{ name: 'not signed in', as: null, path: () => '/beheer/dubbelingen', expectStatus: 302 },
		{ name: 'not signed in: no scan', as: null, path: () => '/beheer/dubbelingen', form: () => ({ intent: 'scan' }), expectStatus: 302 },
		{ name: 'control: the concern administrator opens the report', as: 'concern-admin', path: () => '/beheer/dubbelingen?aanbieder=nvwa', expectStatus: 200, text: () => 'Recent samengevoegd' },
		{ name: 'control: the concern administrator starts a scan', as: 'concern-admin', path: () => '/beheer/dubbelingen', form: () => ({ intent: 'scan' }), expectStatus: 303 },
	],
	'routes/beheer.dubbelingen.vergelijken': [
		...(['rvo-coordinator', 'nvwa-coordinator'] as const).map((as): Probe => ({
			name: 'a coordinator cannot compare (or merge) across units',
			as,
			path: (f) => `/beheer/dubbelingen/vergelijken?cursus=${f.nvwaSharedCourse.id}&cursus=${f.nvwaCourseForAcmOnly.id}`,
			expectStatus: 403,
			text: (f) => f.nvwaCourseForAcmOnly.title,
		})),
		{ name: 'control: the concern administrator compares them', as: 'concern-admin', path: (f) => `/beheer/dubbelingen/vergelijken?cursus=${f.nvwaSharedCourse.id}&cursus=${f.nvwaCourseForAcmOnly.id}`, expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
	],
	'routes/mijn-leren.$enrolmentId.annuleren': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's employee's enrolment", as, path: (f) => `/mijn-leren/${f.nvwaEnrolment.id}/annuleren`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle })),
		{ name: 'not signed in', as: null, path: (f) => `/mijn-leren/${f.nvwaEnrolment.id}/annuleren`, expectStatus: 302 },
		// Even the providing unit's coordinator cancels through the session page, not as the employee.
		{ name: "the provider's coordinator is not the employee", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/${f.nvwaEnrolment.id}/annuleren`, expectStatus: 404 },
		// One rule for page and action: the POST the page would send is not theirs either.
		{ name: "the provider's coordinator posts the employee's cancel", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/${f.nvwaEnrolment.id}/annuleren`, form: () => ({ intent: 'cancel' }), expectStatus: 404 },
		{ name: 'control: the employee sees the confirmation', as: 'nvwa-employee', path: (f) => `/mijn-leren/${f.nvwaEnrolment.id}/annuleren`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	'routes/mijn-leren.evaluatie.$invitationId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's employee's evaluation", as, path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, expectStatus: 404, text: (f) => f.nvwaEvaluation.courseTitle })),
		...RVO_PEOPLE.map(
			(as): Probe => ({ name: "answers another unit's employee's evaluation", as, path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, form: () => ({ intent: 'answer', trainer: '1' }), expectStatus: 404 }),
		),
		// The provider's coordinator is not the participant: the invitation is theirs alone (answers are anonymous).
		{ name: "the provider's coordinator opens the employee's evaluation", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, expectStatus: 404 },
		{ name: "the provider's coordinator answers in the employee's name", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, form: () => ({ intent: 'answer', trainer: '1' }), expectStatus: 404 },
		{ name: 'not signed in', as: null, path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, expectStatus: 302 },
		{ name: 'control: the employee opens it', as: 'nvwa-employee', path: (f) => `/mijn-leren/evaluatie/${f.nvwaEvaluation.id}`, expectStatus: 200, text: (f) => f.nvwaEvaluation.courseTitle },
	],
	'routes/mijn-leren.kaart.$enrolmentId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's employee's card to self", as, path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, expectStatus: 404, text: (f) => f.nvwaSelfCard.action })),
		...RVO_PEOPLE.map(
			(as): Probe => ({ name: "moves the return day of another unit's employee's card", as, path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, form: () => ({ intent: 'return-date', returnOn: '2099-02-01' }), expectStatus: 404 }),
		),
		// Not their coordinator, not their manager: what someone means to change in their work is theirs.
		{ name: "the provider's coordinator opens the employee's card", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, expectStatus: 404, text: (f) => f.nvwaSelfCard.action },
		{ name: "the provider's coordinator writes a card on the employee's enrolment", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, form: () => ({ intent: 'write', action1: 'Namens een ander' }), expectStatus: 404 },
		{ name: "the provider's coordinator looks back in the employee's name", as: 'nvwa-coordinator', path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, form: () => ({ intent: 'review', outcome1: 'done' }), expectStatus: 404 },
		{ name: 'not signed in', as: null, path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, expectStatus: 302 },
		{ name: 'control: the employee opens their card', as: 'nvwa-employee', path: (f) => `/mijn-leren/kaart/${f.nvwaSelfCard.enrolmentId}`, expectStatus: 200, text: (f) => f.nvwaSelfCard.action },
	],
	'routes/oefenen': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "another unit's employee's practice questions are not shown", as, path: () => '/oefenen', expectStatus: 200, text: (f) => f.nvwaPracticeCard.prompt })),
		...RVO_PEOPLE.map((as): Probe => ({ name: "answers another unit's employee's practice card", as, path: () => '/oefenen', form: (f) => ({ intent: 'answer', cardId: f.nvwaPracticeCard.id, chosen: '0' }), expectStatus: 404, text: (f) => f.nvwaPracticeCard.prompt })),
		// Not their coordinator: what someone remembers is theirs.
		{ name: "the provider's coordinator answers the employee's card", as: 'nvwa-coordinator', path: () => '/oefenen', form: (f) => ({ intent: 'answer', cardId: f.nvwaPracticeCard.id, chosen: '0' }), expectStatus: 404, text: (f) => f.nvwaPracticeCard.prompt },
		{ name: 'not signed in', as: null, path: () => '/oefenen', expectStatus: 302 },
		{ name: 'control: the employee sees their due question', as: 'nvwa-employee', path: () => '/oefenen', expectStatus: 200, text: (f) => f.nvwaPracticeCard.prompt },
	],
	'routes/beheer.cursussen.$courseId_.vragen': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the deck of another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/vragen`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaSharedCourse.title })),
		...RVO_PEOPLE.map(
			(as): Probe => ({
				name: "adds a question to another unit's deck",
				as,
				path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/vragen`,
				form: () => ({ intent: 'question', kind: 'true_false', prompt: 'Ingeschoven vraag', correct: 'true', explanation: 'Nee.' }),
				expectStatus: as === 'rvo-coordinator' ? 404 : 403,
			}),
		),
		{ name: "the unit's own employee does not see its courses' decks", as: 'nvwa-employee', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/vragen`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/vragen`, expectStatus: 302 },
		{ name: 'control: the providing unit opens its course’s deck', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/vragen`, expectStatus: 200, text: (f) => f.nvwaSharedCourse.title },
	],
	// The experts directory (ADR 048). An entry is its person's alone: whatever a form names, it acts on the sender's own entry.
	'routes/expert-worden': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "another unit's expert's entry is not on one's own page", as, path: () => '/expert-worden', expectStatus: 200, text: (f) => f.nvwaExpert.description })),
		...RVO_PEOPLE.map(
			(as): Probe => ({ name: "opts another unit's expert out by naming them", as, path: () => '/expert-worden', form: (f) => ({ intent: 'opt-out', userId: f.nvwaExpert.userId, tenantId: f.nvwaExpert.tenantId }), expectStatus: 404 }),
		),
		...RVO_PEOPLE.map(
			(as): Probe => ({ name: "pauses another unit's expert by naming them", as, path: () => '/expert-worden', form: (f) => ({ intent: 'pause', userId: f.nvwaExpert.userId, tenantId: f.nvwaExpert.tenantId }), expectStatus: 404 }),
		),
		// Their own coordinator is not them either.
		{ name: "the expert's coordinator opts them out", as: 'nvwa-coordinator', path: () => '/expert-worden', form: (f) => ({ intent: 'opt-out', userId: f.nvwaExpert.userId }), expectStatus: 404 },
		{ name: "the expert's coordinator reads their entry", as: 'nvwa-coordinator', path: () => '/expert-worden', expectStatus: 200, text: (f) => f.nvwaExpert.contact },
		{ name: 'not signed in', as: null, path: () => '/expert-worden', expectStatus: 302 },
		{ name: 'not signed in, opting out', as: null, path: () => '/expert-worden', form: () => ({ intent: 'opt-out' }), expectStatus: 302 },
		{ name: 'control: the expert reads their own entry', as: 'nvwa-employee', path: () => '/expert-worden', expectStatus: 200, text: (f) => f.nvwaExpert.description },
	],
	// Concern-wide on purpose: every signed-in person finds the available experts of every unit, with the published columns only.
	'routes/experts': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "a paused expert of another unit is not listed", as, path: () => '/experts?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaPausedExpert.description })),
		...RVO_PEOPLE.map((as): Probe => ({ name: "an expert's e-mail address (not published) is not shown", as, path: () => '/experts?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaExpert.email })),
		{ name: 'not signed in', as: null, path: () => '/experts?q=isolatietest', expectStatus: 302 },
		{ name: 'control: an employee of another unit finds the available expert', as: 'rvo-employee', path: () => '/experts?q=isolatietest', expectStatus: 200, text: (f) => f.nvwaExpert.description },
	],
	'routes/beheer.interventies': [
		{ name: "RVO's coordinator sees none of NVWA's interventions", as: 'rvo-coordinator', path: () => '/beheer/interventies', expectStatus: 200, text: (f) => f.nvwaIntervention.name },
		...(['rvo-employee', 'rvo-manager', 'nvwa-employee', 'concern-admin'] as const).map((as): Probe => ({ name: 'not a coordinator of the unit', as, path: () => '/beheer/interventies', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/interventies', expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator sees its intervention', as: 'nvwa-coordinator', path: () => '/beheer/interventies', expectStatus: 200, text: (f) => f.nvwaIntervention.name },
	],
	'routes/beheer.interventies_.nieuw': [
		{ name: "the form offers none of NVWA's teams", as: 'rvo-coordinator', path: () => '/beheer/interventies/nieuw', expectStatus: 200, text: (f) => f.nvwaIntervention.managerId },
		{ name: "records an intervention with NVWA's team as trained", as: 'rvo-coordinator', path: () => '/beheer/interventies/nieuw', form: (f) => interventionForm(f.nvwaIntervention.managerId), expectStatus: 400 },
		...(['rvo-employee', 'rvo-manager'] as const).map((as): Probe => ({ name: 'not a coordinator', as, path: () => '/beheer/interventies/nieuw', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/interventies/nieuw', expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator is offered its own team', as: 'nvwa-coordinator', path: () => '/beheer/interventies/nieuw', expectStatus: 200, text: (f) => f.nvwaIntervention.managerId },
	],
	'routes/beheer.interventies_.$interventionId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's intervention", as, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaIntervention.measureName })),
		{
			name: "counts a measure into another unit's intervention",
			as: 'rvo-coordinator',
			path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}`,
			form: () => ({ intent: 'count', verbId: 'https://leerplein.example/xapi/verbs/found-error', activityPrefix: 'https://zaken.example/' }),
			expectStatus: 404,
		},
		{ name: "the unit's own employee does not see it", as: 'nvwa-employee', path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}`, expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator opens its intervention', as: 'nvwa-coordinator', path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}`, expectStatus: 200, text: (f) => f.nvwaIntervention.measureName },
	],
	'routes/beheer.interventies_.$interventionId_.wijzigen': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the form of another unit's intervention", as, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/wijzigen`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaIntervention.measureName })),
		{ name: "changes another unit's intervention", as: 'rvo-coordinator', path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/wijzigen`, form: (f) => interventionForm(f.nvwaIntervention.managerId), expectStatus: 404 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/wijzigen`, expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator opens the form', as: 'nvwa-coordinator', path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/wijzigen`, expectStatus: 200, text: (f) => f.nvwaIntervention.measureName },
	],
	'routes/beheer.interventies_.$interventionId_.metingen': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's measure as CSV", as, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/metingen`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaIntervention.teamNumber })),
		{ name: 'not signed in', as: null, path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/metingen`, expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator downloads its measure', as: 'nvwa-coordinator', path: (f) => `/beheer/interventies/${f.nvwaIntervention.id}/metingen`, expectStatus: 200, text: (f) => f.nvwaIntervention.teamNumber },
	],
	'routes/beheer.cursussen.$courseId_.evaluatie': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the evaluation of another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, expectStatus: as === 'rvo-coordinator' ? 404 : 403, text: (f) => f.nvwaSharedCourse.title })),
		{ name: "the unit's own employee does not see its courses' evaluations", as: 'nvwa-employee', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, expectStatus: 302 },
		{ name: 'control: the providing unit opens its course’s evaluation', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, expectStatus: 200, text: (f) => f.nvwaSharedCourse.title },
		// The follow-up's weeks (ADR 045): another unit's course is not found, its own employee refused, nothing changed.
		...RVO_PEOPLE.map((as): Probe => ({ name: "sets the follow-up weeks of another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, form: () => ({ intent: 'follow-up-weeks', weeks: '5', manager: 'on' }), expectStatus: as === 'rvo-coordinator' ? 404 : 403 })),
		{ name: "the unit's own employee does not set the follow-up weeks", as: 'nvwa-employee', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, form: () => ({ intent: 'follow-up-weeks', weeks: '5' }), expectStatus: 403 },
		{ name: 'control: the providing unit sets its course’s follow-up weeks', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie`, form: () => ({ intent: 'follow-up-weeks', weeks: '12' }), expectStatus: 303 },
	],
	'routes/beheer.cursussen.$courseId_.evaluatie_.antwoorden': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the answers to another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=csv`, expectStatus: as === 'rvo-coordinator' ? 404 : 403 })),
		{ name: "the unit's own employee does not download them", as: 'nvwa-employee', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=xlsx`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=csv`, expectStatus: 302 },
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the follow-up answers to another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=csv&vragenlijst=vervolg`, expectStatus: as === 'rvo-coordinator' ? 404 : 403 })),
		// The providing unit's own course, without five responses: refused, with the reason.
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: the managers' answers to another unit's course", as, path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=xlsx&vragenlijst=leidinggevende`, expectStatus: as === 'rvo-coordinator' ? 404 : 403 })),
		{ name: 'control: the providing unit is told there are too few follow-up answers', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=xlsx&vragenlijst=vervolg`, expectStatus: 400, text: () => 'ten minste 5 deelnemers' },
		{ name: 'control: the providing unit is told there are too few answers', as: 'nvwa-coordinator', path: (f) => `/beheer/cursussen/${f.nvwaSharedCourse.id}/evaluatie/antwoorden?formaat=csv`, expectStatus: 400, text: () => 'ten minste 5 deelnemers' },
	],
	'routes/beheer.evaluaties': [
		{ name: "RVO's coordinator sees none of NVWA's evaluated courses", as: 'rvo-coordinator', path: () => '/beheer/evaluaties?periode=alles', expectStatus: 200, text: (f) => f.nvwaEvaluation.courseTitle },
		...(['rvo-employee', 'rvo-manager', 'nvwa-employee'] as const).map((as): Probe => ({ name: 'not a coordinator', as, path: () => '/beheer/evaluaties', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/evaluaties', expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator sees its evaluated course', as: 'nvwa-coordinator', path: () => '/beheer/evaluaties?periode=alles', expectStatus: 200, text: (f) => f.nvwaEvaluation.courseTitle },
	],
	'routes/beheer.evaluaties_.lijst': [
		{ name: "RVO's CSV holds none of NVWA's evaluated courses", as: 'rvo-coordinator', path: () => '/beheer/evaluaties/lijst?periode=alles', expectStatus: 200, text: (f) => f.nvwaEvaluation.courseTitle },
		...(['rvo-employee', 'nvwa-employee'] as const).map((as): Probe => ({ name: 'not a coordinator', as, path: () => '/beheer/evaluaties/lijst', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/evaluaties/lijst', expectStatus: 302 },
		{ name: 'control: NVWA’s CSV lists its evaluated course', as: 'nvwa-coordinator', path: () => '/beheer/evaluaties/lijst?periode=alles', expectStatus: 200, text: (f) => f.nvwaEvaluation.courseTitle },
	],
	// Reports (ADR 043): a unit's own figures; NVWA's course ran a session a month ago, inside the default period.
	'routes/beheer.rapportages': [
		{ name: "RVO's report lists none of NVWA's courses", as: 'rvo-coordinator', path: () => '/beheer/rapportages', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: "swapped id: RVO filters on NVWA's course, refused beside the field", as: 'rvo-coordinator', path: (f) => `/beheer/rapportages?opleiding=${f.nvwaSession.courseId}`, expectStatus: 400, text: (f) => f.nvwaSession.courseTitle },
		...(['rvo-employee', 'rvo-manager', 'nvwa-employee', 'concern-admin'] as const).map((as): Probe => ({ name: 'not a coordinator (the concern sees no unit report)', as, path: () => '/beheer/rapportages', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/rapportages', expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator sees its course', as: 'nvwa-coordinator', path: (f) => `/beheer/rapportages?opleiding=${f.nvwaSession.courseId}`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	'routes/beheer.rapportages_.export': [
		{ name: "RVO's course table holds none of NVWA's courses", as: 'rvo-coordinator', path: () => '/beheer/rapportages/export?tabel=opleidingen&formaat=csv', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: "swapped id: RVO exports NVWA's course", as: 'rvo-coordinator', path: (f) => `/beheer/rapportages/export?tabel=opleidingen&formaat=csv&opleiding=${f.nvwaSession.courseId}`, expectStatus: 400, text: (f) => f.nvwaSession.courseTitle },
		...(['rvo-employee', 'nvwa-employee', 'concern-admin'] as const).map((as): Probe => ({ name: 'not a coordinator', as, path: () => '/beheer/rapportages/export?tabel=opleidingen&formaat=csv', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/rapportages/export', expectStatus: 302 },
		{ name: 'control: NVWA’s course table lists its course', as: 'nvwa-coordinator', path: (f) => `/beheer/rapportages/export?tabel=opleidingen&formaat=csv&opleiding=${f.nvwaSession.courseId}`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	// The concern's report (ADR 043, addendum): sums per unit for the concern administrator alone, never a course or a person.
	'routes/beheer.logboek': [
		{ name: "RVO's trail holds none of NVWA's rows", as: 'rvo-coordinator', path: () => '/beheer/logboek', expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		{ name: "swapped id: RVO names NVWA as the unit", as: 'rvo-coordinator', path: (f) => `/beheer/logboek?onderdeel=${f.nvwaAuditEntry.tenantId}`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		{ name: "RVO filters on NVWA's object", as: 'rvo-coordinator', path: (f) => `/beheer/logboek?objecttype=tenant&object=${f.nvwaAuditEntry.tenantId}`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		{ name: "RVO pages past NVWA's row", as: 'rvo-coordinator', path: () => '/beheer/logboek?na=2999-01-01T00:00:00.000000Z_999999999', expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		...(['rvo-employee', 'rvo-manager', 'nvwa-employee'] as const).map((as): Probe => ({ name: 'not a coordinator or the concern administrator', as, path: () => '/beheer/logboek', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/logboek', expectStatus: 302 },
		{ name: 'control: NVWA’s coordinator reads its row', as: 'nvwa-coordinator', path: (f) => `/beheer/logboek?objecttype=tenant&object=${f.nvwaAuditEntry.tenantId}`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		{ name: 'control: the concern administrator reads every unit’s rows', as: 'concern-admin', path: (f) => `/beheer/logboek?onderdeel=${f.nvwaAuditEntry.tenantId}&objecttype=tenant`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
	],
	'routes/beheer.logboek_.export': [
		{ name: "RVO's file holds none of NVWA's rows", as: 'rvo-coordinator', path: (f) => `/beheer/logboek/export?formaat=csv&onderdeel=${f.nvwaAuditEntry.tenantId}`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
		...(['rvo-employee', 'nvwa-employee'] as const).map((as): Probe => ({ name: 'not a coordinator or the concern administrator', as, path: () => '/beheer/logboek/export?formaat=csv', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/logboek/export?formaat=csv', expectStatus: 302 },
		{ name: 'control: NVWA’s file holds its row', as: 'nvwa-coordinator', path: (f) => `/beheer/logboek/export?formaat=csv&objecttype=tenant&object=${f.nvwaAuditEntry.tenantId}`, expectStatus: 200, text: (f) => f.nvwaAuditEntry.marker },
	],
	'routes/beheer.rapportages_.concern': [
		...(['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-employee', 'nvwa-coordinator'] as const).map((as): Probe => ({ name: 'not the concern administrator', as, path: () => '/beheer/rapportages/concern', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/rapportages/concern', expectStatus: 302 },
		{ name: 'the concern report names no course', as: 'concern-admin', path: () => '/beheer/rapportages/concern', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the concern administrator sees every unit', as: 'concern-admin', path: () => '/beheer/rapportages/concern', expectStatus: 200, text: () => 'Nederlandse Voedsel- en Warenautoriteit' },
	],
	'routes/beheer.rapportages_.concern_.export': [
		...(['rvo-employee', 'rvo-coordinator', 'nvwa-coordinator'] as const).map((as): Probe => ({ name: 'not the concern administrator', as, path: () => '/beheer/rapportages/concern/export?formaat=csv', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/beheer/rapportages/concern/export', expectStatus: 302 },
		{ name: 'the concern file names no course', as: 'concern-admin', path: () => '/beheer/rapportages/concern/export?formaat=csv', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the concern file lists every unit', as: 'concern-admin', path: () => '/beheer/rapportages/concern/export?formaat=csv', expectStatus: 200, text: () => 'Nederlandse Voedsel- en Warenautoriteit' },
	],
	'routes/mijn-leren.agenda.$enrolmentId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's employee's calendar file", as, path: (f) => `/mijn-leren/agenda/${f.nvwaEnrolment.id}`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle })),
		{ name: 'control: the employee downloads it', as: 'nvwa-employee', path: (f) => `/mijn-leren/agenda/${f.nvwaEnrolment.id}`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	'routes/goedkeuringen_.verwerking.$jobId': [
		{ name: 'an employee has no batches', as: 'rvo-employee', path: (f) => `/goedkeuringen/verwerking/${f.nvwaBulkJob.id}`, expectStatus: 403, text: (f) => f.nvwaBulkJob.employeeName },
		// The employee is the one the batch names (and her own name is in the header): the reason must not show.
		{ name: "the unit's own employee does not see the coordinator's batch", as: 'nvwa-employee', path: (f) => `/goedkeuringen/verwerking/${f.nvwaBulkJob.id}`, expectStatus: 403, text: (f) => f.nvwaBulkJob.reason },
		...(['rvo-coordinator', 'rvo-manager'] as const).map(
			(as): Probe => ({ name: "swapped id: another unit's batch is not found", as, path: (f) => `/goedkeuringen/verwerking/${f.nvwaBulkJob.id}`, expectStatus: 404, text: (f) => f.nvwaBulkJob.employeeName }),
		),
		{ name: 'not signed in', as: null, path: (f) => `/goedkeuringen/verwerking/${f.nvwaBulkJob.id}`, expectStatus: 302 },
		{ name: 'control: the coordinator who started it sees its outcome', as: 'nvwa-coordinator', path: (f) => `/goedkeuringen/verwerking/${f.nvwaBulkJob.id}`, expectStatus: 200, text: (f) => f.nvwaBulkJob.employeeName },
	],
	'routes/mijn-team': [
		...(['rvo-employee', 'rvo-coordinator', 'nvwa-employee', 'nvwa-coordinator', 'concern-admin'] as const).map((as): Probe => ({ name: 'only a manager has a team page', as, path: () => '/mijn-team', expectStatus: 403 })),
		{ name: 'not signed in', as: null, path: () => '/mijn-team', expectStatus: 302 },
		{ name: "swapped id: another manager's person of the own unit is not found", as: 'rvo-manager', path: (f) => `/mijn-team?medewerker=${f.rvoTeam.outsiderId}`, expectStatus: 404, text: (f) => f.rvoTeam.outsiderName },
		{ name: "swapped id: another unit's person is not found", as: 'rvo-manager', path: (f) => `/mijn-team?medewerker=${f.nvwaEvidence.personId}`, expectStatus: 404, text: (f) => f.nvwaEvidence.personName },
		{ name: "another manager's person is not in the team", as: 'rvo-manager', path: (f) => `/mijn-team?q=${encodeURIComponent(firstNames(f.rvoTeam.outsiderName))}`, expectStatus: 200, text: (f) => f.rvoTeam.outsiderName },
		{ name: "another unit's person is not in the team", as: 'rvo-manager', path: (f) => `/mijn-team?q=${encodeURIComponent(firstNames(f.nvwaAwaitingApproval.employeeName))}`, expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: "control: the manager opens their own person's learning", as: 'rvo-manager', path: (f) => `/mijn-team?medewerker=${f.rvoTeam.memberId}`, expectStatus: 200, text: (f) => f.rvoTeam.memberName },
	],
	'routes/goedkeuringen': [
		{ name: 'an employee has no inbox', as: 'rvo-employee', path: () => '/goedkeuringen', expectStatus: 403, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: "another unit's manager does not see the request", as: 'rvo-manager', path: () => '/goedkeuringen', expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: "another unit's coordinator does not see the request", as: 'rvo-coordinator', path: () => '/goedkeuringen', expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: "control: the unit's coordinator sees it", as: 'nvwa-coordinator', path: () => '/goedkeuringen', expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
		// Issue 14: the bulk form's ids are forged at will; only the approver's own inbox is ever previewed or decided.
		...(['rvo-manager', 'rvo-coordinator'] as const).flatMap((as): Probe[] => [
			{ name: "forged id: previewing the approval of another unit's request", as, path: () => '/goedkeuringen', form: (f) => ({ intent: 'preview-approve', ids: f.nvwaAwaitingApproval.id }), expectStatus: 404, text: (f) => f.nvwaAwaitingApproval.employeeName },
			{ name: "forged id: approving another unit's request", as, path: () => '/goedkeuringen', form: (f) => ({ intent: 'approve', ids: f.nvwaAwaitingApproval.id }), expectStatus: 404, text: (f) => f.nvwaAwaitingApproval.employeeName },
			{ name: "forged id: declining another unit's request", as, path: () => '/goedkeuringen', form: (f) => ({ intent: 'decline', ids: f.nvwaAwaitingApproval.id, reason: 'Overgenomen' }), expectStatus: 404, text: (f) => f.nvwaAwaitingApproval.employeeName },
		]),
		{ name: 'an employee previews no decision', as: 'rvo-employee', path: () => '/goedkeuringen', form: (f) => ({ intent: 'preview-approve', ids: f.nvwaAwaitingApproval.id }), expectStatus: 403, text: (f) => f.nvwaAwaitingApproval.employeeName },
		{ name: 'not signed in: no preview', as: null, path: () => '/goedkeuringen', form: (f) => ({ intent: 'preview-approve', ids: f.nvwaAwaitingApproval.id }), expectStatus: 302 },
		{ name: "control: the unit's coordinator previews approving it", as: 'nvwa-coordinator', path: () => '/goedkeuringen', form: (f) => ({ intent: 'preview-approve', ids: f.nvwaAwaitingApproval.id }), expectStatus: 200, text: (f) => f.nvwaAwaitingApproval.employeeName },
	],
	'routes/uitvoeringen._index': [
		{ name: 'an employee runs no sessions', as: 'rvo-employee', path: () => '/uitvoeringen', expectStatus: 403 },
		{ name: "another unit's coordinator does not see the session", as: 'rvo-coordinator', path: () => '/uitvoeringen', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the providing coordinator sees it', as: 'nvwa-coordinator', path: () => '/uitvoeringen', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		// Issue 14: a filter naming another unit's trainer, over all time, still lists only the asker's unit.
		{ name: "forged id: filtering on another unit's trainer", as: 'rvo-coordinator', path: (f) => `/uitvoeringen?trainer=${f.nvwaTrainer.id}&van=`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the providing coordinator finds it over all time', as: 'nvwa-coordinator', path: () => '/uitvoeringen?van=&stand=planned', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	'routes/uitvoeringen.$sessionId._index': [
		{ name: "direct URL: another unit's session, as coordinator", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}`, expectStatus: 404, text: (f) => f.nvwaEnrolment.employeeName },
		{ name: "direct URL: another unit's session, as manager", as: 'rvo-manager', path: (f) => `/uitvoeringen/${f.nvwaSession.id}`, expectStatus: 403, text: (f) => f.nvwaEnrolment.employeeName },
		// (The participant's own name is in the header, so this attack checks the status only.)
		{ name: 'a participant is no coordinator', as: 'nvwa-employee', path: (f) => `/uitvoeringen/${f.nvwaSession.id}`, expectStatus: 403 },
		{ name: 'control: the providing coordinator sees the participant', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}`, expectStatus: 200, text: (f) => f.nvwaEnrolment.employeeName },
		// Issue 12: only the providing unit's coordinator cancels a participant, and only one of this session.
		{
			name: "another unit's coordinator cancels a participant of its session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'cancel-enrolment', enrolmentId: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "swapped id: another unit's participant cancelled from an own session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoDraftCourse.sessionId}`,
			form: (f) => ({ intent: 'cancel-enrolment', enrolmentId: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "another unit's coordinator registers attendance in its session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoTrainerSession.meetingId, [`attendance:${f.nvwaEnrolment.id}`]: 'present' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "forged id: another session's participant marked from an own session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoTrainerSession.meetingId, [`attendance:${f.nvwaEnrolment.id}`]: 'present' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		// Issue 14: bulk actions on the participant list, only on the own session's own people.
		...(['preview-cancel-selected', 'cancel-selected'] as const).map((intent): Probe => ({
			name: `another unit's coordinator ${intent} in its session`,
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f: IsolationFixtures) => ({ intent, ids: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 404,
			text: (f: IsolationFixtures) => f.nvwaEnrolment.employeeName,
		})),
		...(['preview-cancel-selected', 'cancel-selected'] as const).map((intent): Probe => ({
			name: `forged id: another unit's participant in ${intent} from an own session`,
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoDraftCourse.sessionId}`,
			form: (f: IsolationFixtures) => ({ intent, ids: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 404,
			text: (f: IsolationFixtures) => f.nvwaEnrolment.employeeName,
		})),
		{
			name: "forged id: another unit's participant mailed from an own session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoDraftCourse.sessionId}`,
			form: (f) => ({ intent: 'mail-selected', ids: f.nvwaEnrolment.id, subject: 'Hallo daar', message: 'Een bericht voor iemand anders' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "another unit's coordinator mails the participants of its session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'mail-selected', ids: f.nvwaEnrolment.id, subject: 'Hallo daar', message: 'Een bericht voor iemand anders' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		...(['preview-move-selected', 'move-selected'] as const).map((intent): Probe => ({
			name: `forged id: another unit's participant in ${intent} from an own session`,
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoDraftCourse.sessionId}`,
			form: (f: IsolationFixtures) => ({ intent, ids: f.nvwaEnrolment.id, toSessionId: f.nvwaSession.id }),
			expectStatus: 404,
			text: (f: IsolationFixtures) => f.nvwaEnrolment.employeeName,
		})),
		// "All that match" is resolved on the server within the asker's own session: another unit's
		// session is not found; an own session's filter naming another unit's participant finds nobody.
		...(['preview-cancel-selected', 'mail-selected'] as const).map((intent): Probe => ({
			name: `another unit's coordinator ${intent} for all that match in its session`,
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: () => ({ intent, alles: 'ja', filter: '', reason: 'Geen plaats meer', subject: 'Hallo daar', message: 'Een bericht voor iemand anders' }),
			expectStatus: 404,
			text: (f: IsolationFixtures) => f.nvwaEnrolment.employeeName,
		})),
		{
			name: "all that match in an own session, filtered on another unit's participant, finds nobody",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoDraftCourse.sessionId}`,
			form: (f) => ({ intent: 'mail-selected', alles: 'ja', filter: new URLSearchParams({ deelnemer: f.nvwaEnrolment.employeeName }).toString(), subject: 'Hallo daar', message: 'Een bericht voor iemand anders' }),
			expectStatus: 400,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "control: the unit's coordinator previews cancelling all that match its participant's name",
			as: 'nvwa-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'preview-cancel-selected', alles: 'ja', filter: new URLSearchParams({ deelnemer: f.nvwaEnrolment.employeeName }).toString(), reason: 'Geen plaats meer' }),
			expectStatus: 200,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "control: the unit's coordinator previews cancelling its participant",
			as: 'nvwa-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'preview-cancel-selected', ids: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 200,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: 'a participant mails nobody from the session page',
			as: 'nvwa-employee',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'mail-selected', ids: f.nvwaEnrolment.id, subject: 'Hallo daar', message: 'Een bericht aan iedereen' }),
			expectStatus: 403,
		},
		{
			name: 'a participant cancels nobody from the session page',
			as: 'nvwa-employee',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'cancel-enrolment', enrolmentId: f.nvwaEnrolment.id, reason: 'Geen plaats meer' }),
			expectStatus: 403,
		},
	],
	'routes/beheer.trainers': [
		{ name: 'an employee manages no trainers', as: 'rvo-employee', path: () => '/beheer/trainers', expectStatus: 403 },
		{ name: "another unit's coordinator does not see the trainer", as: 'rvo-coordinator', path: () => '/beheer/trainers', expectStatus: 200, text: (f) => f.nvwaTrainer.name },
		// Searched by the trainer's organisation (the search box echoes the query; the name must not appear).
		{ name: "another unit's coordinator does not find the trainer by search", as: 'rvo-coordinator', path: () => '/beheer/trainers?q=Bureau+Isolatie', expectStatus: 200, text: (f) => f.nvwaTrainer.name },
		{ name: "swapped id: editing another unit's trainer", as: 'rvo-coordinator', path: (f) => `/beheer/trainers?bewerk=${f.nvwaTrainer.id}`, expectStatus: 404, text: (f) => f.nvwaTrainer.name },
		{ name: "forged id: deactivating another unit's trainer", as: 'rvo-coordinator', path: () => '/beheer/trainers', form: (f) => ({ intent: 'deactivate', id: f.nvwaTrainer.id }), expectStatus: 404 },
		{
			name: "forged id: saving over another unit's trainer",
			as: 'rvo-coordinator',
			path: () => '/beheer/trainers',
			form: (f) => ({ intent: 'save', id: f.nvwaTrainer.id, kind: 'external', name: 'Overgenomen', organisation: 'Elders', email: 'overgenomen@example.org' }),
			expectStatus: 404,
		},
		{ name: 'control: the unit\'s coordinator edits its trainer', as: 'nvwa-coordinator', path: (f) => `/beheer/trainers?bewerk=${f.nvwaTrainer.id}`, expectStatus: 200, text: (f) => f.nvwaTrainer.name },
	],
	'routes/beheer.xapi-onbekend': [
		{ name: 'an employee keeps no xAPI people', as: 'rvo-employee', path: () => '/beheer/xapi-onbekend', expectStatus: 403 },
		{ name: 'an employee matches nothing again', as: 'rvo-employee', path: () => '/beheer/xapi-onbekend', form: () => ({ intent: 'rematch' }), expectStatus: 403 },
		{ name: "another unit's coordinator does not see its unknown actor", as: 'rvo-coordinator', path: () => '/beheer/xapi-onbekend', expectStatus: 200, text: (f) => f.nvwaUnknownXapiActor.address },
		{ name: 'control: the unit\'s coordinator sees its unknown actor', as: 'nvwa-coordinator', path: () => '/beheer/xapi-onbekend', expectStatus: 200, text: (f) => f.nvwaUnknownXapiActor.address },
	],
	'routes/beheer.xapi-regels': [
		{ name: 'an employee keeps no xAPI rules', as: 'rvo-employee', path: () => '/beheer/xapi-regels', expectStatus: 403 },
		{ name: "another unit's coordinator does not see its rule", as: 'rvo-coordinator', path: () => '/beheer/xapi-regels', expectStatus: 200, text: (f) => f.nvwaXapiRule.name },
		{ name: "swapped id: previewing another unit's rule", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-regels?voorbeeld=${f.nvwaXapiRule.id}`, expectStatus: 404, text: (f) => f.nvwaXapiRule.name },
		{ name: "forged id: switching off another unit's rule", as: 'rvo-coordinator', path: () => '/beheer/xapi-regels', form: (f) => ({ intent: 'switch-off', ruleId: f.nvwaXapiRule.id }), expectStatus: 404 },
		{ name: "swapped unit: another unit's rules by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}`, expectStatus: 403, text: (f) => f.nvwaXapiRule.name },
		{ name: "swapped unit: previewing another unit's rule by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}&voorbeeld=${f.nvwaXapiRule.id}`, expectStatus: 403, text: (f) => f.nvwaXapiRule.name },
		{ name: "forged unit: switching off another unit's rule by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}`, form: (f) => ({ intent: 'switch-off', ruleId: f.nvwaXapiRule.id }), expectStatus: 403 },
		{
			name: 'forged unit: adding a rule for another unit by ?eenheid=',
			as: 'rvo-coordinator',
			path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}`,
			form: (f) => ({ intent: 'add', name: 'Ingeschoven regel', competencyId: f.competencyId, verbId: 'http://adlnet.gov/expapi/verbs/completed', activityMatch: 'id', activityPattern: 'http://example.nl/isolatie*', requiresSuccess: 'yes', minScoreKind: 'none', requiredCount: '1', periodMonths: '12' }),
			expectStatus: 403,
		},
		{ name: 'the concern administrator sees no unit until choosing one', as: 'concern-admin', path: () => '/beheer/xapi-regels', expectStatus: 200, text: (f) => f.nvwaXapiRule.name },
		{ name: 'the concern administrator previews no rule until choosing its unit', as: 'concern-admin', path: (f) => `/beheer/xapi-regels?voorbeeld=${f.nvwaXapiRule.id}`, expectStatus: 404, text: (f) => f.nvwaXapiRule.name },
		{ name: "control: the unit's coordinator sees its rule", as: 'nvwa-coordinator', path: () => '/beheer/xapi-regels', expectStatus: 200, text: (f) => f.nvwaXapiRule.name },
		{ name: 'control: the concern administrator sees it for the unit chosen', as: 'concern-admin', path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}`, expectStatus: 200, text: (f) => f.nvwaXapiRule.name },
		{ name: 'control: the concern administrator previews it for the unit chosen', as: 'concern-admin', path: (f) => `/beheer/xapi-regels?eenheid=${f.nvwaXapiClient.tenantId}&voorbeeld=${f.nvwaXapiRule.id}`, expectStatus: 200, text: (f) => f.nvwaXapiRule.name },
	],
	'routes/beheer.zalen': [
		{ name: 'an employee manages no rooms', as: 'rvo-employee', path: () => '/beheer/zalen', expectStatus: 403 },
		{ name: "another unit's coordinator does not see the room", as: 'rvo-coordinator', path: () => '/beheer/zalen', expectStatus: 200, text: (f) => f.nvwaRoom.name },
		{ name: "swapped id: editing another unit's room", as: 'rvo-coordinator', path: (f) => `/beheer/zalen?bewerk=${f.nvwaRoom.id}`, expectStatus: 404, text: (f) => f.nvwaRoom.name },
		{ name: "forged id: deactivating another unit's room", as: 'rvo-coordinator', path: () => '/beheer/zalen', form: (f) => ({ intent: 'deactivate', id: f.nvwaRoom.id }), expectStatus: 404 },
		{
			name: "forged id: saving over another unit's room",
			as: 'rvo-coordinator',
			path: () => '/beheer/zalen',
			form: (f) => ({ intent: 'save-room', id: f.nvwaRoom.id, locationId: f.nvwaLocationId, name: 'Overgenomen', capacity: '10' }),
			expectStatus: 404,
		},
		{ name: "forged id: a room at another unit's location", as: 'rvo-coordinator', path: () => '/beheer/zalen', form: (f) => ({ intent: 'save-room', locationId: f.nvwaLocationId, name: 'Ingeschoven zaal', capacity: '10' }), expectStatus: 404 },
		{ name: 'control: the unit\'s coordinator edits its room', as: 'nvwa-coordinator', path: (f) => `/beheer/zalen?bewerk=${f.nvwaRoom.id}`, expectStatus: 200, text: (f) => f.nvwaRoom.name },
	],
	'routes/uitvoeringen.nieuw.cursussen': [
		{ name: 'an employee searches no courses to plan', as: 'rvo-employee', path: (f) => coursesToPlan(f.rvoDraftCourse.title), expectStatus: 403, text: (f) => f.rvoDraftCourse.title },
		{ name: 'a manager searches no courses to plan', as: 'rvo-manager', path: (f) => coursesToPlan(f.rvoDraftCourse.title), expectStatus: 403, text: (f) => f.rvoDraftCourse.title },
		{ name: 'not signed in', as: null, path: (f) => coursesToPlan(f.nvwaDraftCourse.title), expectStatus: 302 },
		{ name: "another unit's coordinator never finds its draft course", as: 'rvo-coordinator', path: (f) => coursesToPlan(f.nvwaDraftCourse.title), expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: "another unit's coordinator never finds its course offered to a third unit", as: 'rvo-coordinator', path: (f) => coursesToPlan(f.nvwaCourseForAcmOnly.title), expectStatus: 200, text: (f) => f.nvwaCourseForAcmOnly.title },
		{ name: "another unit's coordinator does not plan its published course it never joined", as: 'rvo-coordinator', path: (f) => coursesToPlan(f.nvwaSharedCourse.title), expectStatus: 200, text: (f) => f.nvwaSharedCourse.title },
		{ name: 'control: the providing coordinator finds its draft course', as: 'nvwa-coordinator', path: (f) => coursesToPlan(f.nvwaDraftCourse.title), expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
	],
	'routes/uitvoeringen.nieuw': [
		{ name: 'an employee plans no sessions', as: 'rvo-employee', path: () => '/uitvoeringen/nieuw', expectStatus: 403 },
		{ name: 'a manager plans no sessions', as: 'rvo-manager', path: () => '/uitvoeringen/nieuw', expectStatus: 403 },
		// The page echoes its search, so it searches a word of the fixtures' titles and looks for the whole title.
		{ name: "the page's own course search (without JavaScript) never offers another unit's draft course", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw?zoek=isolatietest', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: "direct URL: preselecting another unit's draft course names nothing", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/nieuw?cursus=${f.nvwaDraftCourse.id}`, expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: 'control: the providing coordinator finds its draft course on the page', as: 'nvwa-coordinator', path: () => '/uitvoeringen/nieuw?zoek=isolatietest', expectStatus: 200, text: (f) => f.nvwaDraftCourse.title },
		{ name: "another unit's coordinator is not offered the room", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw', expectStatus: 200, text: (f) => f.nvwaRoom.name },
		{ name: "another unit's coordinator is not offered the trainer", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw', expectStatus: 200, text: (f) => f.nvwaTrainer.name },
		{ name: "forged id: booking another unit's room", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw', form: (f) => planForm(f, { courseId: f.rvoDraftCourse.id, place: f.nvwaRoom.id, trainerId: f.nvwaTrainer.id }), expectStatus: 404, text: (f) => f.nvwaRoom.name },
		{ name: "forged id: booking another unit's trainer", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw', form: (f) => planForm(f, { courseId: f.rvoDraftCourse.id, place: 'online', trainerId: f.nvwaTrainer.id }), expectStatus: 404, text: (f) => f.nvwaTrainer.name },
		{ name: "forged id: a session of another unit's course", as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw', form: (f) => planForm(f, { courseId: f.nvwaSharedCourse.id, place: 'online', trainerId: f.nvwaTrainer.id }), expectStatus: 404 },
		{ name: "direct URL: copying another unit's session", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/nieuw?kopie=${f.nvwaSession.id}`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the providing coordinator copies its session', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/nieuw?kopie=${f.nvwaSession.id}`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the unit\'s coordinator is offered its room and trainer', as: 'nvwa-coordinator', path: () => '/uitvoeringen/nieuw', expectStatus: 200, text: (f) => f.nvwaTrainer.name },
		{ name: 'control: the unit\'s coordinator plans with its room and trainer', as: 'nvwa-coordinator', path: () => '/uitvoeringen/nieuw', form: (f) => planForm(f, { courseId: f.nvwaSharedCourse.id, place: f.nvwaRoom.id, trainerId: f.nvwaTrainer.id }), expectStatus: 303 },
	],
	'routes/uitvoeringen.$sessionId.lijst': [
		{ name: "direct URL: another unit's participant list, as coordinator", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/lijst?formaat=csv`, expectStatus: 404, text: (f) => f.nvwaEnrolment.employeeName },
		{ name: 'an employee takes out no list', as: 'rvo-employee', path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}/lijst?formaat=csv`, expectStatus: 403, text: (f) => f.rvoTrainerSession.participantName },
		{ name: 'a trainer takes the list from their own page, not the coordinator’s', as: 'rvo-manager', path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}/lijst?formaat=csv`, expectStatus: 403, text: (f) => f.rvoTrainerSession.participantName },
		{ name: "forged id: an attendance sheet of another session's meeting", as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/lijst?formaat=pdf&bijeenkomst=${f.rvoTrainerSession.meetingId}`, expectStatus: 404 },
		{ name: 'control: the providing coordinator downloads the list', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/lijst?formaat=csv`, expectStatus: 200, text: (f) => f.nvwaEnrolment.employeeName },
	],
	'routes/mijn-sessies._index': [
		{ name: 'an employee who is no trainer has no sessions page', as: 'rvo-employee', path: () => '/mijn-sessies', expectStatus: 403 },
		{ name: 'a coordinator who is no trainer has none either', as: 'rvo-coordinator', path: () => '/mijn-sessies', expectStatus: 403, text: (f) => f.rvoTrainerSession.courseTitle },
		{ name: "a trainer does not see another unit's sessions", as: 'rvo-manager', path: () => '/mijn-sessies', expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the trainer sees the session they teach', as: 'rvo-manager', path: () => '/mijn-sessies', expectStatus: 200, text: (f) => f.rvoTrainerSession.courseTitle },
	],
	'routes/mijn-sessies.$sessionId._index': [
		{ name: "direct URL: another unit's session, as a trainer", as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.nvwaSession.id}`, expectStatus: 404, text: (f) => f.nvwaEnrolment.employeeName },
		{ name: 'swapped id: a session of the own unit the trainer does not teach', as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.rvoDraftCourse.sessionId}`, expectStatus: 404, text: (f) => f.rvoDraftCourse.title },
		{ name: 'an employee who is no trainer of the session', as: 'rvo-employee', path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`, expectStatus: 404, text: (f) => f.rvoTrainerSession.participantName },
		{ name: "another unit's coordinator", as: 'nvwa-coordinator', path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`, expectStatus: 404, text: (f) => f.rvoTrainerSession.participantName },
		{
			name: "forged id: another session's participant marked from the trainer's own session",
			as: 'rvo-manager',
			path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoTrainerSession.meetingId, [`attendance:${f.nvwaEnrolment.id}`]: 'present' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: "forged id: another session's meeting",
			as: 'rvo-manager',
			path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoDraftCourse.sessionId, [`attendance:${f.rvoTrainerSession.enrolmentId}`]: 'present' }),
			expectStatus: 404,
		},
		{
			name: "registering attendance in another unit's session",
			as: 'rvo-manager',
			path: (f) => `/mijn-sessies/${f.nvwaSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoTrainerSession.meetingId, [`attendance:${f.nvwaEnrolment.id}`]: 'present' }),
			expectStatus: 404,
			text: (f) => f.nvwaEnrolment.employeeName,
		},
		{
			name: 'an employee who is no trainer registers nothing',
			as: 'rvo-employee',
			path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`,
			form: (f) => ({ intent: 'attendance', meetingId: f.rvoTrainerSession.meetingId, [`attendance:${f.rvoTrainerSession.enrolmentId}`]: 'absent' }),
			expectStatus: 404,
			text: (f) => f.rvoTrainerSession.participantName,
		},
		{ name: 'control: the trainer sees the participant', as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}`, expectStatus: 200, text: (f) => f.rvoTrainerSession.participantName },
	],
	'routes/mijn-sessies.$sessionId.lijst': [
		{ name: "direct URL: another unit's session's list, as a trainer", as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.nvwaSession.id}/lijst?formaat=csv`, expectStatus: 404, text: (f) => f.nvwaEnrolment.employeeName },
		{ name: 'an employee who is no trainer of the session', as: 'rvo-employee', path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}/lijst?formaat=csv`, expectStatus: 404, text: (f) => f.rvoTrainerSession.participantName },
		{ name: 'swapped id: a session of the own unit the trainer does not teach', as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.rvoDraftCourse.sessionId}/lijst?formaat=csv`, expectStatus: 404 },
		{ name: 'control: the trainer downloads the list', as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.rvoTrainerSession.id}/lijst?formaat=csv`, expectStatus: 200, text: (f) => f.rvoTrainerSession.participantName },
	],
	'routes/uitvoeringen.$sessionId.wijzigen': [
		{ name: "direct URL: changing another unit's session", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'an employee changes no sessions', as: 'rvo-employee', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 403 },
		{ name: 'a manager changes no sessions', as: 'rvo-manager', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 403 },
		{ name: 'a participant is no coordinator', as: 'nvwa-employee', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 302 },
		{
			name: "forged id: changing another unit's session with its trainer",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`,
			form: (f) => editForm(f, { place: 'online', trainerId: f.nvwaTrainer.id }),
			expectStatus: 404,
			text: (f) => f.nvwaSession.courseTitle,
		},
		{
			name: "forged id: changing another unit's session into its room",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`,
			form: (f) => editForm(f, { place: f.nvwaRoom.id, trainerId: f.nvwaTrainer.id }),
			expectStatus: 404,
			text: (f) => f.nvwaRoom.name,
		},
		{ name: 'control: the providing coordinator is offered its room and trainer', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, expectStatus: 200, text: (f) => f.nvwaTrainer.name },
		// In the afternoon: the planning control books the same room and trainer in the morning of that day.
		{ name: 'control: the providing coordinator changes its session', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/wijzigen`, form: (f) => editForm(f, { place: f.nvwaRoom.id, trainerId: f.nvwaTrainer.id }), expectStatus: 303 },
	],
	'routes/uitvoeringen.$sessionId.annuleren': [
		{ name: "direct URL: cancelling another unit's session", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/annuleren`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle },
		{ name: 'control: the providing coordinator is asked to confirm', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/annuleren`, expectStatus: 200, text: (f) => f.nvwaSession.courseTitle },
	],
	'routes/uitvoeringen.$sessionId.deelnemer-toevoegen': [
		{ name: "direct URL: adding people to another unit's session", as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/deelnemer-toevoegen`, expectStatus: 404, text: (f) => f.nvwaSession.courseTitle },
		{
			name: "posting a person to another unit's session",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.nvwaSession.id}/deelnemer-toevoegen`,
			form: (f) => ({ intent: 'add', employeeId: f.nvwaEvidence.personId }),
			expectStatus: 404,
		},
		// The search finds the unit's own people only; the query is echoed, so it is the first word of the name, not the name.
		{
			name: "searching for another unit's employee on the own session finds nobody",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}/deelnemer-toevoegen?zoek=${encodeURIComponent(f.nvwaEvidence.personName.split(' ')[0]!)}`,
			expectStatus: 200,
			text: (f) => f.nvwaEvidence.personName,
		},
		{
			name: "adding another unit's employee to the own session is refused beside the choice",
			as: 'rvo-coordinator',
			path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}/deelnemer-toevoegen`,
			form: (f) => ({ intent: 'add', employeeId: f.nvwaEvidence.personId }),
			expectStatus: 400,
			text: (f) => f.nvwaEvidence.personName,
		},
		{ name: 'an employee may not add people', as: 'rvo-employee', path: (f) => `/uitvoeringen/${f.rvoTrainerSession.id}/deelnemer-toevoegen`, expectStatus: 403 },
		{ name: 'not signed in', as: null, path: (f) => `/uitvoeringen/${f.nvwaSession.id}/deelnemer-toevoegen`, expectStatus: 302 },
		{ name: 'control: the providing coordinator finds its own employee', as: 'nvwa-coordinator', path: (f) => `/uitvoeringen/${f.nvwaSession.id}/deelnemer-toevoegen?zoek=${encodeURIComponent(f.nvwaEvidence.personName)}`, expectStatus: 200, text: (f) => f.nvwaEvidence.personName },
	],
	'routes/postvak': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "another unit's mail stays out of the outbox", as, path: () => '/postvak', expectStatus: 200, text: (f) => f.nvwaOutboxSubject })),
		{ name: "control: the unit's own people see it", as: 'nvwa-coordinator', path: () => '/postvak', expectStatus: 200, text: (f) => f.nvwaOutboxSubject },
	],
	'routes/catalogus.$courseId_.online-onderdelen': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: another unit's online parts", as, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, expectStatus: 404, text: (f) => f.nvwaOnlinePart.title })),
		{ name: 'not signed in', as: null, path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, expectStatus: 302 },
		{ name: 'control: the providing coordinator manages them', as: 'nvwa-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, expectStatus: 200, text: (f) => f.nvwaOnlinePart.title },
		...RVO_NON_COORDINATORS.map((as): Probe => ({ name: "direct URL: the online parts of the own unit's draft course", as, path: (f) => `/catalogus/${f.rvoDraftCourse.id}/online-onderdelen`, expectStatus: 404, text: (f) => f.rvoDraftCourse.title })),
		{ name: "control: the own unit's coordinator manages its draft's parts", as: 'rvo-coordinator', path: (f) => `/catalogus/${f.rvoDraftCourse.id}/online-onderdelen`, expectStatus: 200, text: (f) => f.rvoDraftCourse.title },
		// A blended programme's completion rule (ADR 033) is the providing unit's to set.
		{ name: "setting another unit's completion rule", as: 'rvo-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, form: () => ({ intent: 'completion-rule', minParts: '1' }), expectStatus: 404 },
		{ name: "moving a part of another unit's course", as: 'rvo-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, form: () => ({ intent: 'move-part', part: 'classroom', direction: 'down' }), expectStatus: 404 },
		{ name: 'control: the providing coordinator sets the completion rule', as: 'nvwa-coordinator', path: (f) => `/catalogus/${f.nvwaDraftCourse.id}/online-onderdelen`, form: () => ({ intent: 'completion-rule', minParts: '1' }), expectStatus: 303 },
	],
	'routes/lti.starten.$resourceLinkId': [
		...RVO_PEOPLE.map((as): Probe => ({ name: "swapped id: launch another unit's online part", as, path: (f) => `/lti/starten/${f.nvwaOnlinePart.id}`, expectStatus: 404 })),
		{ name: 'not signed in', as: null, path: (f) => `/lti/starten/${f.nvwaOnlinePart.id}`, expectStatus: 302 },
		...RVO_NON_COORDINATORS.map((as): Probe => ({ name: "direct URL: an online part of the own unit's draft course", as, path: (f) => `/lti/starten/${f.rvoDraftOnlinePart.id}`, expectStatus: 404 })),
		{ name: "control: the own unit's coordinator launches its draft's part", as: 'rvo-coordinator', path: (f) => `/lti/starten/${f.rvoDraftOnlinePart.id}`, expectStatus: 302 },
		// The control is sent on to the tool's login (a redirect), which the attacks never reach.
		{ name: 'control: the providing coordinator launches it', as: 'nvwa-coordinator', path: (f) => `/lti/starten/${f.nvwaOnlinePart.id}`, expectStatus: 302 },
	],
	'routes/lti.inhoud-kiezen.$courseId.$toolId': [
		{ name: "swapped id: pick content for another unit's course", as: 'rvo-coordinator', path: (f) => `/lti/inhoud-kiezen/${f.nvwaDraftCourse.id}/${f.nvwaOnlinePart.toolId}`, expectStatus: 404 },
		{ name: 'an employee may not pick content', as: 'rvo-employee', path: (f) => `/lti/inhoud-kiezen/${f.nvwaDraftCourse.id}/${f.nvwaOnlinePart.toolId}`, expectStatus: 404 },
		{ name: "the own unit's employee does not even find its draft", as: 'rvo-employee', path: (f) => `/lti/inhoud-kiezen/${f.rvoDraftCourse.id}/${f.nvwaOnlinePart.toolId}`, expectStatus: 404 },
		{ name: 'control: the providing coordinator picks content', as: 'nvwa-coordinator', path: (f) => `/lti/inhoud-kiezen/${f.nvwaDraftCourse.id}/${f.nvwaOnlinePart.toolId}`, expectStatus: 302 },
	],
	// A search echoes what was typed (the name); the employee number shows only in a row found.
	'routes/beheer.xapi-privacy': [
		{ name: "an employee keeps no one's xAPI statements", as: 'rvo-employee', path: () => '/beheer/xapi-privacy', expectStatus: 403 },
		{ name: 'not signed in', as: null, path: () => '/beheer/xapi-privacy', expectStatus: 302 },
		{ name: "another unit's coordinator does not find its employee", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy?zoek=${encodeURIComponent(f.nvwaEmployee.name)}`, expectStatus: 200, text: (f) => f.nvwaEmployee.employeeNumber },
		{ name: "swapped id: confirming the erasure of another unit's employee", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy?wis=${f.nvwaEvidence.personId}`, expectStatus: 404, text: (f) => f.nvwaEvidence.personName },
		{ name: "swapped unit: another unit's employees by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy?eenheid=${f.nvwaXapiClient.tenantId}&zoek=${encodeURIComponent(f.nvwaEmployee.name)}`, expectStatus: 403, text: (f) => f.nvwaEmployee.employeeNumber },
		{ name: "forged id: erasing another unit's employee's statements", as: 'rvo-coordinator', path: () => '/beheer/xapi-privacy', form: (f) => ({ intent: 'erase', personId: f.nvwaEvidence.personId }), expectStatus: 404 },
		{ name: "forged unit: erasing for another unit by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy?eenheid=${f.nvwaXapiClient.tenantId}`, form: (f) => ({ intent: 'erase', personId: f.nvwaEvidence.personId }), expectStatus: 403 },
		{ name: "forged unit: setting another unit's retention", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy?eenheid=${f.nvwaXapiClient.tenantId}`, form: () => ({ intent: 'retention', retentionMonths: '1' }), expectStatus: 403 },
		{ name: 'the concern administrator sees no unit until choosing one', as: 'concern-admin', path: (f) => `/beheer/xapi-privacy?zoek=${encodeURIComponent(f.nvwaEmployee.name)}`, expectStatus: 200, text: (f) => f.nvwaEmployee.employeeNumber },
		{ name: 'forged unit: the concern administrator setting the retention of a unit that does not exist', as: 'concern-admin', path: () => `/beheer/xapi-privacy?eenheid=${NO_UNIT}`, form: () => ({ intent: 'retention', retentionMonths: '1' }), expectStatus: 404 },
		{ name: "control: the unit's coordinator is asked to confirm erasing its employee's statements", as: 'nvwa-coordinator', path: (f) => `/beheer/xapi-privacy?wis=${f.nvwaEvidence.personId}`, expectStatus: 200, text: (f) => f.nvwaEvidence.personName },
		{ name: "control: the unit's coordinator finds its employee", as: 'nvwa-coordinator', path: (f) => `/beheer/xapi-privacy?zoek=${encodeURIComponent(f.nvwaEmployee.name)}`, expectStatus: 200, text: (f) => f.nvwaEmployee.employeeNumber },
		{ name: 'control: the concern administrator finds them in the unit chosen', as: 'concern-admin', path: (f) => `/beheer/xapi-privacy?eenheid=${f.nvwaXapiClient.tenantId}&zoek=${encodeURIComponent(f.nvwaEvidence.personName)}`, expectStatus: 200, text: (f) => f.nvwaEvidence.personName },
	],
	'routes/beheer.xapi-privacy_.download': [
		{ name: "an employee downloads no one's xAPI statements", as: 'rvo-employee', path: () => '/beheer/xapi-privacy/download', form: (f) => ({ intent: 'export', personId: f.nvwaEvidence.personId }), expectStatus: 403 },
		{ name: "forged id: downloading another unit's employee's statements", as: 'rvo-coordinator', path: () => '/beheer/xapi-privacy/download', form: (f) => ({ intent: 'export', personId: f.nvwaEvidence.personId }), expectStatus: 404, text: () => 'http://example.nl/isolatie-privacy' },
		{ name: "forged unit: downloading for another unit by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-privacy/download?eenheid=${f.nvwaXapiClient.tenantId}`, form: (f) => ({ intent: 'export', personId: f.nvwaEvidence.personId }), expectStatus: 403, text: () => 'http://example.nl/isolatie-privacy' },
		{ name: "control: the unit's coordinator downloads them", as: 'nvwa-coordinator', path: () => '/beheer/xapi-privacy/download', form: (f) => ({ intent: 'export', personId: f.nvwaEvidence.personId }), expectStatus: 200, text: () => 'http://example.nl/isolatie-privacy' },
		{ name: 'control: the concern administrator downloads them for the unit chosen', as: 'concern-admin', path: (f) => `/beheer/xapi-privacy/download?eenheid=${f.nvwaXapiClient.tenantId}`, form: (f) => ({ intent: 'export', personId: f.nvwaEvidence.personId }), expectStatus: 200, text: () => 'http://example.nl/isolatie-privacy' },
	],
	'routes/beheer.xapi-systemen': [
		{ name: 'an employee manages no xAPI systems', as: 'rvo-employee', path: () => '/beheer/xapi-systemen', expectStatus: 403 },
		{ name: 'not signed in', as: null, path: () => '/beheer/xapi-systemen', expectStatus: 302 },
		{ name: "another unit's coordinator does not see the system", as: 'rvo-coordinator', path: () => '/beheer/xapi-systemen', expectStatus: 200, text: (f) => f.nvwaXapiClient.name },
		{ name: "swapped id: changing another unit's system", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-systemen?bewerk=${f.nvwaXapiClient.id}`, expectStatus: 404, text: (f) => f.nvwaXapiClient.name },
		{ name: "swapped id: deactivating another unit's system", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-systemen?deactiveer=${f.nvwaXapiClient.id}`, expectStatus: 404, text: (f) => f.nvwaXapiClient.name },
		{ name: "swapped unit: another unit's systems by ?eenheid=", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-systemen?eenheid=${f.nvwaXapiClient.tenantId}`, expectStatus: 403, text: (f) => f.nvwaXapiClient.name },
		{ name: "forged id: deactivating another unit's system", as: 'rvo-coordinator', path: () => '/beheer/xapi-systemen', form: (f) => ({ intent: 'deactivate', id: f.nvwaXapiClient.id }), expectStatus: 404 },
		{ name: "swapped id: a new secret for another unit's system", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-systemen?vernieuw=${f.nvwaXapiClient.id}`, expectStatus: 404, text: (f) => f.nvwaXapiClient.name },
		{ name: "forged id: a new secret for another unit's system", as: 'rvo-coordinator', path: () => '/beheer/xapi-systemen', form: (f) => ({ intent: 'renew', id: f.nvwaXapiClient.id }), expectStatus: 404 },
		{
			name: "forged id: renaming another unit's system",
			as: 'rvo-coordinator',
			path: () => '/beheer/xapi-systemen',
			form: (f) => ({ intent: 'save', id: f.nvwaXapiClient.id, name: 'Overgenomen systeem', scopes: 'statements/read' }),
			expectStatus: 404,
		},
		{ name: "forged unit: registering a system for another unit", as: 'rvo-coordinator', path: (f) => `/beheer/xapi-systemen?eenheid=${f.nvwaXapiClient.tenantId}`, form: () => ({ intent: 'register', name: 'Ingeschoven systeem', scopes: 'statements/read' }), expectStatus: 403 },
		{ name: 'the concern administrator sees no unit until choosing one', as: 'concern-admin', path: () => '/beheer/xapi-systemen', expectStatus: 200, text: (f) => f.nvwaXapiClient.name },
		{ name: 'forged unit: the concern administrator registering a system for a unit that does not exist', as: 'concern-admin', path: () => `/beheer/xapi-systemen?eenheid=${NO_UNIT}`, form: () => ({ intent: 'register', name: 'Systeem zonder eenheid', scopes: 'statements/read' }), expectStatus: 404 },
		{ name: "control: the unit's coordinator sees its system", as: 'nvwa-coordinator', path: (f) => `/beheer/xapi-systemen?bewerk=${f.nvwaXapiClient.id}`, expectStatus: 200, text: (f) => f.nvwaXapiClient.name },
		{ name: 'control: the concern administrator sees it for the unit chosen', as: 'concern-admin', path: (f) => `/beheer/xapi-systemen?eenheid=${f.nvwaXapiClient.tenantId}`, expectStatus: 200, text: (f) => f.nvwaXapiClient.name },
	],
}

/** Whether a probe is a control (the text must appear) or an attack (it must not). */
export const isControl = (probe: Probe) => probe.name.startsWith('control:')

/**
 * The planning form with one meeting on the fixtures' date. The service checks the course, then
 * the rooms, then the trainers: each forged id is refused in that order.
 */
/** The change form of a session with one meeting, in the afternoon of the plan date. */
function editForm(f: IsolationFixtures, { place, trainerId }: { place: string; trainerId: string }): Record<string, string> {
	return {
		intent: 'edit',
		'meetings[0].date': f.planDate,
		'meetings[0].startTime': '13:00',
		'meetings[0].endTime': '16:00',
		'meetings[0].place': place,
		'meetings[0].trainerIds': trainerId,
		capacity: '12',
		onlineLink: 'https://vergader.example/isolatietest',
	}
}

function planForm(f: IsolationFixtures, { courseId, place, trainerId }: { courseId: string; place: string; trainerId: string }): Record<string, string> {
	return {
		intent: 'plan',
		courseId,
		'meetings[0].date': f.planDate,
		'meetings[0].startTime': '09:00',
		'meetings[0].endTime': '12:00',
		'meetings[0].place': place,
		'meetings[0].trainerIds': trainerId,
		capacity: '12',
		onlineLink: 'https://vergader.example/isolatietest',
	}
}
