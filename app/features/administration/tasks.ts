import type { TFunction } from 'i18next'

/** What the navigation knows of the signed-in person: which sections they may open (root.tsx, navigationFor). */
export type NavigationPerson = {
	name: string
	approves?: boolean
	managesTeam?: boolean
	runsSessions?: boolean
	trains?: boolean
	outbox?: boolean
	managesSynonyms?: boolean
	managesPoDefaults?: boolean
	managesCompetencies?: boolean
	readsPassports?: boolean
	readsPassportOverview?: boolean
	managesRequirements?: boolean
	managesConcernRequirements?: boolean
	courseAdmin?: boolean
	concernAdmin?: boolean
	readsReport?: boolean
	readsConcernReport?: boolean
	readsAuditTrail?: boolean
	managesSingleSignOn?: boolean
	/** The concern's privacy officer: erasure requests (ADR 054). */
	handlesErasure?: boolean
	managesXapiClients?: boolean
	managesXapiPeople?: boolean
	unit?: { name: string; slug: string } | null
	/** The unit's own look (ADR 052): the header shows its logo; null for the concern's. */
	branding?: { logo: boolean; accent: boolean; version: string } | null
}

export type AdminTask = { to: string; label: string; description: string }
export type AdminTaskGroup = { id: string; heading: string; tasks: AdminTask[] }

/**
 * The administration tasks a person may do, grouped by subject: the /beheer page lists them, the
 * main navigation shows "Beheer" when there is one, and a task's pages get a breadcrumb back. Each
 * task is shown by the same permission its route's guard asks (the flags of root.tsx), so a link
 * never leads to a 403.
 */
export function adminTaskGroups(person: NavigationPerson | null, t: TFunction): AdminTaskGroup[] {
	if (!person) return []
	const task = (allowed: boolean | undefined, to: string, label: string, description: string): AdminTask[] => (allowed ? [{ to, label, description }] : [])
	const groups: AdminTaskGroup[] = [
		{
			id: 'aanbod',
			heading: t('administration.offering'),
			tasks: [
				...task(person.courseAdmin, '/beheer/cursussen', t('nav.courseAdmin'), t('administration.courses')),
				...task(person.courseAdmin, '/beheer/evaluaties', t('evaluation.overviewNav'), t('administration.evaluations')),
				...task(person.courseAdmin, '/beheer/interventies', t('intervention.nav'), t('administration.interventions')),
				...task(person.runsSessions, '/beheer/zalen', t('navExtra.rooms'), t('administration.rooms')),
				...task(person.runsSessions, '/beheer/trainers', t('navExtra.trainers'), t('administration.trainers')),
				...task(person.concernAdmin, '/beheer/leeromgevingen', t('navExtra.learningTools'), t('administration.learningTools')),
				...task(person.concernAdmin, '/beheer/dubbelingen', t('nav.duplicates'), t('administration.duplicates')),
			],
		},
		{
			id: 'paspoort',
			heading: t('administration.passport'),
			tasks: [
				...task(person.managesRequirements, '/beheer/eisen', t('requirements.nav'), t('administration.requirements')),
				...task(person.managesCompetencies, '/beheer/bekwaamheden', t('competencies.nav'), t('administration.competencies')),
				...task(person.managesConcernRequirements, '/beheer/eisen-concern', t('requirements.concernNav'), t('administration.concernRequirements')),
				...task(person.readsPassportOverview, '/beheer/paspoorten', t('passportOverview.nav'), t('administration.passportOverview')),
			],
		},
		{
			id: 'rapportages',
			heading: t('administration.reports'),
			tasks: [
				...task(person.readsReport, '/beheer/rapportages', t('report.nav'), t('administration.report')),
				...task(person.readsConcernReport, '/beheer/rapportages/concern', t('report.concernNav'), t('administration.concernReport')),
				...task(person.readsAuditTrail, '/beheer/logboek', t('auditTrail.nav'), t('administration.auditTrail')),
			],
		},
		{
			id: 'regels',
			heading: t('administration.rules'),
			tasks: [
				// The unit's settings: its coordinators change its P&O rules (the same permission as its xAPI people).
				...task(person.managesXapiPeople && !!person.unit, `/onderdelen/${person.unit?.slug}/regels`, t('navExtra.unitRules'), t('administration.unitRules')),
				...task(person.managesXapiPeople && !!person.unit, `/onderdelen/${person.unit?.slug}/huisstijl`, t('branding.nav'), t('administration.unitBranding')),
				...task(person.managesPoDefaults, '/beheer/regels', t('navExtra.concernRules'), t('administration.concernRules')),
				...task(person.managesSingleSignOn, '/beheer/inloggen', t('ssoSettings.nav'), t('administration.ssoSettings')),
				...task(person.handlesErasure, '/beheer/privacy', t('privacy.officerTitle'), t('administration.erasureRequests')),
				...task(person.managesSynonyms, '/beheer/zoeksynoniemen', t('synonyms.nav'), t('administration.synonyms')),
				...task(person.managesSynonyms, '/beheer/zoekvragen', t('searchQueries.nav'), t('administration.searchQueries')),
			],
		},
		{
			id: 'xapi',
			heading: t('administration.xapi'),
			tasks: [
				...task(person.managesXapiClients, '/beheer/xapi-systemen', t('xapiClients.nav'), t('administration.xapiClients')),
				...task(person.managesXapiClients, '/beheer/xapi-privacy', t('xapiPrivacy.nav'), t('administration.xapiPrivacy')),
				...task(person.managesXapiClients, '/beheer/xapi-regels', t('xapiRules.nav'), t('administration.xapiRules')),
				...task(person.managesXapiPeople, '/beheer/xapi-onbekend', t('xapiPeople.nav'), t('administration.xapiPeople')),
			],
		},
	]
	return groups.filter((group) => group.tasks.length > 0)
}

/**
 * The task a page belongs to: the one whose address is the page's or its longest beginning
 * (`/beheer/cursussen/…/vragen` belongs to the course administration). None for other pages.
 */
export function taskOfPath(groups: AdminTaskGroup[], pathname: string): AdminTask | null {
	const matching = groups.flatMap((group) => group.tasks).filter((task) => pathname === task.to || pathname.startsWith(`${task.to}/`))
	return matching.sort((a, b) => b.to.length - a.to.length)[0] ?? null
}
