import type { Persona } from './probes.ts'

/**
 * Bad input over the whole route manifest (tests/e2e/bad-input.test.ts, ADR 021). For every route
 * of the portal: whom to ask as (a persona the route admits, so its guard lets the request through
 * to the parsing) and where; for a route with an action, the form a person would send. The test
 * sends that form as JSON, without a content type, with a NUL byte in one field, and with an
 * unknown intent, and sends every GET with `?q=%00`. The test fails when a route of the built
 * portal is missing here: a new route cannot land without saying how it meets bad input.
 */

/** Rows of RVO the requests aim at: things RVO's coordinator, employee or the concern administrator may change. */
export type BadInputFixtures = {
	/** An RVO colleague's open request to be erased, and RVO's id (ADR 054). */
	erasureRequest: { id: string; tenantId: string }
	/** A course the RVO employee completed, without a card to self (ADR 042). */
	completedEnrolment: { id: string }
	/** An unanswered evaluation invitation of the RVO employee (ADR 041). */
	evaluation: { id: string }
	/** A finished bulk decision of RVO's coordinator persona (ADR 038). */
	bulkJob: { id: string }
	/** A published, concern-wide RVO course, and a second one to compare it with. */
	course: { id: string }
	otherCourse: { id: string }
	/** A course of its own for the course form, which a request that slipped through would save over. */
	courseToEdit: { id: string }
	themeId: string
	/** A session with the RVO employee enrolled, one with seats free, and one to cancel. */
	session: { id: string }
	openSession: { id: string }
	sessionToCancel: { id: string }
	/** The RVO employee's enrolment, and another RVO employee's request awaiting approval. */
	enrolment: { id: string }
	awaitingApproval: { id: string }
	/** A session the RVO manager teaches (an internal trainer), with its one meeting and the RVO employee enrolled. */
	trainerSession: { id: string; meetingId: string; enrolmentId: string }
	/** A learning tool and an online part of the course on it. */
	tool: { id: string }
	onlinePart: { id: string }
	/** A certificate the RVO employee sent in, awaiting a decision (issue 15, uploads). */
	upload: { id: string }
	/** Certificates awaiting a decision for the levelled and the levelless competency below (levels on approval). */
	levelledUpload: { id: string }
	levellessUpload: { id: string }
	/** A piece of the RVO employee's evidence, for the coordinator to revoke (issue 15, evidence on a screen). */
	evidence: { id: string; userId: string }
	/** A competency to send a certificate in for. */
	competencyId: string
	/** A concern competency with two levels (Basis, Gevorderd), and one without levels (ADR 031, addendum on levels). */
	levelled: { id: string }
	levelless: { id: string }
	/** The RVO employee's e-mail address, to search them by. */
	employeeEmail: string
	/** An intervention of RVO and one of RVO's teams (its manager), ADR 044. */
	intervention: { id: string }
	teamId: string
}

type Form = Record<string, string | string[]>

/**
 * A value a person could type or pick that the page refuses beside its field (a level the
 * competency lacks, a level of a competency without levels, a level that is no number): sent as
 * a well-formed form (`file`: as multipart with that file), answered 400 with `message` (Dutch,
 * the page's language) in the error the field names in its aria-describedby, nothing changed.
 */
export type InvalidValue = {
	name: string
	/** Where the page sends it, when not the target's path (a query the form's page needs). */
	path?: (fixtures: BadInputFixtures) => string
	form: (fixtures: BadInputFixtures) => Form
	/** The field's name; a function where the name holds a row's id. */
	field: string | ((fixtures: BadInputFixtures) => string)
	message: string
	file?: { field: string; name: string; content: string }
}

/** What a tool's own protocol answers instead of the form pipeline's 415 and 400 (see the route's doc). */
export type ProtocolAnswer = { status: number; location?: string }

export type BadInputTarget = {
	/** The persona the route admits; null for a visitor or a tool. */
	as: Persona | null
	path: (fixtures: BadInputFixtures) => string
	/** The method of the action (a line item is replaced by PUT). */
	method?: 'POST' | 'PUT'
	/** The action's form as its page sends it: the requests below are made from it. */
	form?: (fixtures: BadInputFixtures) => Form
	/** The field that gets a NUL byte (appended to its value, or the whole value of a field the form lacks). */
	nulField?: string
	/** A bad request that slipped through would end the session it came with: each request gets a fresh one. */
	ownSession?: true
	/** More forms of the same page (other intents), each sent the same bad ways as `form`. */
	also?: { name: string; form: (fixtures: BadInputFixtures) => Form; nulField: string }[]
	/** Values the page refuses beside a field, each sent as is (tests/e2e/bad-input.test.ts, "beside the field"). */
	invalid?: InvalidValue[]
	/** Tool routes speak their own protocol: its documented refusals, per request. */
	protocol?: { notAForm: ProtocolAnswer[]; nul: ProtocolAnswer[]; unknownIntent: ProtocolAnswer[] }
}

const TOOL_URL = 'https://moodle.slechte-invoer.invalid'

/** A unit's single sign-on form as its page sends it (ADR 051), with `change` over it. */
function ssoSettingsForm(change: Form = {}): Form {
	return { intent: 'save', issuer: 'https://login.slechte-invoer.invalid', clientId: 'leerplein', clientSecretEnv: 'SSO_RVO_CLIENT_SECRET', employeeNumberClaim: 'employee_number', extraScopes: '', mfaAcrValues: '', ...change }
}

/** The intervention form as its page sends it, with `change` over it. */
function interventionForm(f: BadInputFixtures, change: Form = {}): Form {
	return { intent: 'save', name: 'Slechte invoer', courseId: '', description: '', firstMonth: '2026-03', lastMonth: '2026-04', monthsBefore: '3', monthsAfter: '3', measureName: 'Fouten', better: 'lower', teams: f.teamId, ...change }
}

/** Values the intervention form refuses beside their field (new and changed alike). */
function interventionInvalids(): InvalidValue[] {
	return [
		{ name: 'an empty name', form: (f) => interventionForm(f, { name: ' ' }), field: 'name', message: 'Geef de interventie een naam.' },
		{ name: 'a last month before the first', form: (f) => interventionForm(f, { lastMonth: '2026-02' }), field: 'lastMonth', message: 'De laatste maand ligt vóór de eerste.' },
		{ name: 'a month that does not exist', form: (f) => interventionForm(f, { firstMonth: '2026-13' }), field: 'firstMonth', message: 'Vul een maand in als jaar-maand, bijvoorbeeld 2026-03.' },
		{ name: 'a window of 25 months', form: (f) => interventionForm(f, { monthsAfter: '25' }), field: 'monthsAfter', message: 'Kies een heel aantal maanden van 1 tot en met 24.' },
		{ name: 'no trained team', form: (f) => interventionForm(f, { teams: [] }), field: 'teams', message: 'Kies ten minste één team dat de opleiding volgde.' },
	]
}

const XAPI_RETENTION_INVALID = 'Vul een heel aantal maanden in van 1 tot en met 120, of laat het veld leeg.'
const LEVEL_INVALID = 'Kies een niveau van deze bekwaamheid.'
const LEVEL_WITHOUT_LEVELS = 'Deze bekwaamheid heeft geen niveaus: laat het niveau leeg.'

/**
 * The three wrong levels, for a form whose level field is `field`: `form(competencyId, level)`
 * makes the form for a competency and a level as typed. The levelled fixture has two levels.
 */
function wrongLevels(
	field: string | ((competencyId: string, f: BadInputFixtures) => string),
	form: (f: BadInputFixtures, competencyId: string, level: string) => Form,
	file?: InvalidValue['file'],
): InvalidValue[] {
	const wrong = (name: string, competency: (f: BadInputFixtures) => string, level: string, message: string): InvalidValue => ({
		name,
		form: (f) => form(f, competency(f), level),
		field: typeof field === 'string' ? field : (f) => field(competency(f), f),
		message,
		file,
	})
	return [
		wrong("a level above the competency's levels", (f) => f.levelled.id, '3', LEVEL_INVALID),
		wrong('a level of a competency without levels', (f) => f.levelless.id, '1', LEVEL_WITHOUT_LEVELS),
		wrong('a level that is no number', (f) => f.levelled.id, 'twee', LEVEL_INVALID),
	]
}

const requirementForm = (extra: Form) => (_f: BadInputFixtures, competencyId: string, minLevel: string): Form => ({
	competencyId,
	introducedOn: '2030-01-01',
	graceDays: '0',
	minLevel,
	...extra,
})

const courseForm = (f: BadInputFixtures): Form => ({
	intent: 'save',
	title: 'Omgaan met slechte invoer',
	summary: 'Een opleiding die de test van slechte invoer nooit opslaat.',
	description: 'Deze opleiding bestaat alleen in het formulier van de test van slechte invoer.',
	themeId: f.themeId,
	form: 'classroom',
	language: 'nl',
	durationMinutes: '120',
	priceEuros: '0',
	visibility: 'concern',
})

const toolForm = (intent: string): Form => ({
	intent,
	name: 'Moodle (slechte invoer)',
	loginUrl: `${TOOL_URL}/enrol/lti/login.php`,
	targetLinkUri: `${TOOL_URL}/enrol/lti/launch.php`,
	deepLinkingUrl: '',
	redirectUris: `${TOOL_URL}/enrol/lti/launch.php`,
	jwksUrl: `${TOOL_URL}/enrol/lti/jwks.php`,
	publicJwk: '',
	deploymentIds: '1',
	custom: '',
})

const concernRules: Form = {
	intent: 'save',
	'approval.value': 'always',
	'approval.threshold': '',
	'approvers.value': 'manager_then_coordinator',
	'yearlyBudgetCents.value': '1234',
	'budgetExceeded.value': 'block',
	'costCentreRequired.value': 'true',
	'freeCancellationDays.value': '3',
	'noShowPolicy.value': 'charge',
	'acceptsOtherUnits.value': 'false',
}

/** An xAPI resource without a client's basic authentication (ADR 039). */
const xapiClientService = { notAForm: [{ status: 401 }], nul: [{ status: 401 }], unknownIntent: [{ status: 401 }] }

/** A bearer-token service answers every request without a token alike: 401 (invalid_token). */
const bearerService = { notAForm: [{ status: 401 }], nul: [{ status: 401 }], unknownIntent: [{ status: 401 }] }

export const BAD_INPUT_TARGETS: Record<string, BadInputTarget> = {
	'routes/_index': { as: null, path: () => '/' },
	'routes/$': { as: null, path: () => '/bestaat-niet' },
	'routes/toegankelijkheid': { as: null, path: () => '/toegankelijkheid' },
	'routes/privacy': { as: null, path: () => '/privacy' },
	'routes/taal': { as: null, path: () => '/taal', form: () => ({ intent: 'switch', lng: 'en', redirectTo: '/catalogus' }), nulField: 'redirectTo' },
	'routes/inloggen': { as: null, path: () => '/inloggen', form: () => ({ intent: 'persona', persona: 'rvo-employee', redirectTo: '/catalogus' }), nulField: 'redirectTo' },
	'routes/inloggen_.sso.$unit': { as: null, path: () => '/inloggen/sso/rvo' },
	'routes/inloggen_.sso.callback': { as: null, path: () => '/inloggen/sso/callback' },
	// The header's sign-out form sends nothing but the button; the account page's adds intent=everywhere.
	'routes/uitloggen': { as: 'rvo-employee', path: () => '/uitloggen', form: () => ({}), nulField: 'intent', ownSession: true },
	'routes/account': { as: 'rvo-employee', path: () => '/account' },
	'routes/account_.mijn-gegevens': { as: 'rvo-employee', path: () => '/account/mijn-gegevens' },
	'routes/account_.gegevens-wissen': { as: 'rvo-employee', path: () => '/account/gegevens-wissen', form: () => ({ intent: 'request' }), nulField: 'intent' },
	'routes/beheer.privacy': {
		as: 'privacy-officer',
		path: () => '/beheer/privacy',
		form: (f) => ({ intent: 'request', unitId: f.erasureRequest.tenantId, employeeNumber: '9000001' }),
		nulField: 'employeeNumber',
		invalid: [
			{ name: 'no employee number', form: (f) => ({ intent: 'request', unitId: f.erasureRequest.tenantId, employeeNumber: ' ' }), field: 'employeeNumber', message: 'Vul het personeelsnummer in.' },
			{ name: 'an employee number nobody in the unit has', form: (f) => ({ intent: 'request', unitId: f.erasureRequest.tenantId, employeeNumber: '0000000' }), field: 'employeeNumber', message: 'In dit organisatieonderdeel werkt niemand met dit personeelsnummer.' },
			{ name: 'no unit', form: () => ({ intent: 'request', unitId: '', employeeNumber: '9000001' }), field: 'unitId', message: 'Dit organisatieonderdeel bestaat niet. Kies een onderdeel uit de lijst.' },
		],
	},
	'routes/beheer.privacy_.$requestId': {
		as: 'privacy-officer',
		path: (f) => `/beheer/privacy/${f.erasureRequest.id}`,
		form: () => ({ intent: 'decline', reason: 'Slechte invoer' }),
		nulField: 'reason',
		also: [{ name: 'approve', form: () => ({ intent: 'approve' }), nulField: 'intent' }],
		invalid: [{ name: 'no reason to decline', form: () => ({ intent: 'decline', reason: '  ' }), field: 'reason', message: 'Vul de reden van afwijzing in.' }],
	},
	'routes/catalogus._index': { as: 'rvo-coordinator', path: () => '/catalogus' },
	'routes/catalogus.zoeken': { as: 'rvo-coordinator', path: () => '/catalogus/zoeken' },
	'routes/beheer.zoeksynoniemen': {
		as: 'concern-admin',
		path: () => '/beheer/zoeksynoniemen',
		form: () => ({ intent: 'save', id: '', term: 'slechteinvoer', expansions: 'onzin, rommel' }),
		nulField: 'term',
	},
	'routes/beheer.zoekvragen': { as: 'concern-admin', path: () => '/beheer/zoekvragen?periode=%00' },
	'routes/beheer.zoekvragen.lijst': { as: 'concern-admin', path: () => '/beheer/zoekvragen/lijst?tabel=gezocht&periode=%00' },
	'routes/catalogus.$courseId': {
		as: 'rvo-employee',
		path: (f) => `/catalogus/${f.course.id}`,
		form: (f) => ({ sessionId: f.openSession.id, costCentre: 'KP-1' }),
		nulField: 'costCentre',
	},
	'routes/onderdelen.$slug.regels': {
		as: 'rvo-coordinator',
		path: () => '/onderdelen/rvo/regels',
		form: () => ({ intent: 'save', 'freeCancellationDays.mode': 'override', 'freeCancellationDays.value': '9' }),
		nulField: 'freeCancellationDays.value',
	},
	'routes/onderdelen.$slug.huisstijl': {
		as: 'rvo-coordinator',
		path: () => '/onderdelen/rvo/huisstijl',
		form: () => ({ intent: 'save', accentColour: '#42145f' }),
		nulField: 'accentColour',
		also: [{ name: 'reset', form: () => ({ intent: 'reset' }), nulField: 'intent' }],
		invalid: [
			{ name: 'a colour with too little contrast', form: () => ({ intent: 'save', accentColour: '#777777' }), field: 'accentColour', message: 'Deze kleur heeft te weinig contrast: 4,47:1 met witte tekst, en als tekst op wit. Minstens 4,5:1 is nodig. Kies een donkerder kleur.' },
			{ name: 'a colour that is no #rrggbb', form: () => ({ intent: 'save', accentColour: 'paars' }), field: 'accentColour', message: 'Vul de kleur in als # met zes tekens 0–9 of a–f, bijvoorbeeld #42145f.' },
			{
				name: 'a logo that is neither SVG nor PNG by its bytes',
				form: () => ({ intent: 'save', accentColour: '#42145f' }),
				field: 'logo',
				message: 'Dit bestand is geen SVG of PNG. Kies een logo als SVG of PNG.',
				file: { field: 'logo', name: 'logo.svg', content: '%PDF-1.4\n%%EOF\n' },
			},
			{
				name: 'an SVG of which nothing is left once cleaned',
				form: () => ({ intent: 'save', accentColour: '#42145f' }),
				field: 'logo',
				message: 'Deze SVG is niet te lezen, of er blijft niets van over zonder scripts, links en ingesloten inhoud. Kies een ander bestand.',
				file: { field: 'logo', name: 'logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
			},
		],
	},
	'routes/huisstijl.logo': { as: 'rvo-employee', path: () => '/huisstijl/logo' },
	'routes/huisstijl.stijl[.]css': { as: 'rvo-employee', path: () => '/huisstijl/stijl.css' },
	'routes/beheer.cursussen._index': { as: 'rvo-coordinator', path: () => '/beheer/cursussen' },
	'routes/beheer.cursussen.nieuw': { as: 'rvo-coordinator', path: () => '/beheer/cursussen/nieuw', form: courseForm, nulField: 'title' },
	'routes/beheer.cursussen.$courseId': { as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/${f.courseToEdit.id}`, form: courseForm, nulField: 'title' },
	'routes/beheer.cursussen.dubbelingen': { as: 'rvo-coordinator', path: () => '/beheer/cursussen/dubbelingen?title=Omgaan+met+slechte+invoer' },
	'routes/uitvoeringen.nieuw.cursussen': { as: 'rvo-coordinator', path: () => '/uitvoeringen/nieuw/cursussen?zoek=Omgaan+met+slechte+invoer' },
	'routes/beheer.dubbelingen._index': {
		as: 'concern-admin',
		path: () => '/beheer/dubbelingen',
		form: () => ({ intent: 'undo', mergeId: '00000000-0000-4000-8000-000000000000' }),
		nulField: 'mergeId',
	},
	'routes/beheer.dubbelingen.vergelijken': {
		as: 'concern-admin',
		path: (f) => `/beheer/dubbelingen/vergelijken?cursus=${f.course.id}&cursus=${f.otherCourse.id}`,
		form: (f) => ({ intent: 'confirm', cursus: [f.course.id, f.otherCourse.id], canonicalId: f.course.id }),
		nulField: 'canonicalId',
	},
	'routes/mijn-leren._index': { as: 'rvo-employee', path: () => '/mijn-leren' },
	// The confirmation form sends nothing but the button.
	'routes/mijn-leren.evaluatie.$invitationId': {
		as: 'rvo-employee',
		path: (f) => `/mijn-leren/evaluatie/${f.evaluation.id}`,
		form: () => ({ intent: 'answer', content_useful: '4', best: 'Slechte invoer' }),
		nulField: 'best',
		invalid: [
			{ name: 'a statement rated 7', form: () => ({ intent: 'answer', trainer: '7' }), field: 'trainer', message: 'Kies een van de antwoorden op de schaal.' },
			{ name: 'a recommendation of 11', form: () => ({ intent: 'answer', recommend: '11' }), field: 'recommend', message: 'Kies een van de antwoorden op de schaal.' },
			{ name: 'an open answer of 2,001 characters', form: () => ({ intent: 'answer', improve: 'a'.repeat(2001) }), field: 'improve', message: 'Uw antwoord is te lang: ten hoogste 2.000 tekens.' },
		],
	},
	'routes/beheer.interventies': { as: 'rvo-coordinator', path: () => '/beheer/interventies' },
	'routes/beheer.interventies_.nieuw': {
		as: 'rvo-coordinator',
		path: () => '/beheer/interventies/nieuw',
		form: (f) => interventionForm(f),
		nulField: 'name',
		invalid: interventionInvalids(),
	},
	'routes/beheer.interventies_.$interventionId_.wijzigen': {
		as: 'rvo-coordinator',
		path: (f) => `/beheer/interventies/${f.intervention.id}/wijzigen`,
		form: (f) => interventionForm(f),
		nulField: 'measureName',
		invalid: interventionInvalids(),
	},
	'routes/beheer.interventies_.$interventionId': {
		as: 'rvo-coordinator',
		path: (f) => `/beheer/interventies/${f.intervention.id}`,
		form: () => ({ intent: 'count', verbId: 'https://leerplein.example/xapi/verbs/found-error', activityPrefix: 'https://zaken.example/' }),
		nulField: 'verbId',
		invalid: [
			{ name: 'a verb that is no IRI', form: () => ({ intent: 'count', verbId: 'fout gevonden', activityPrefix: 'https://zaken.example/' }), field: 'verbId', message: 'Vul het werkwoord in als volledige IRI, bijvoorbeeld https://…' },
			{
				name: 'a measure file without the header team, maand, waarde',
				form: () => ({ intent: 'import' }),
				field: 'bestand',
				message: 'De eerste regel moet de kolommen team, maand en waarde noemen.',
				file: { field: 'bestand', name: 'meting.csv', content: 'wie,wanneer,hoeveel\nM1,2026-01,3\n' },
			},
			{ name: 'no file', form: () => ({ intent: 'import' }), field: 'bestand', message: 'Kies een CSV-bestand.' },
		],
	},
	'routes/beheer.interventies_.$interventionId_.metingen': { as: 'rvo-coordinator', path: (f) => `/beheer/interventies/${f.intervention.id}/metingen` },
	'routes/beheer.evaluaties': { as: 'rvo-coordinator', path: () => '/beheer/evaluaties?periode=12' },
	'routes/beheer.evaluaties_.lijst': { as: 'rvo-coordinator', path: () => '/beheer/evaluaties/lijst?periode=12' },
	'routes/beheer.logboek': { as: 'rvo-coordinator', path: () => '/beheer/logboek?van=2024-01-01&tot=2024-12-31&resultaat=success' },
	'routes/beheer.logboek_.export': { as: 'concern-admin', path: () => '/beheer/logboek/export?van=2024-01-01&tot=2024-12-31&formaat=xlsx' },
	'routes/beheer.rapportages': { as: 'rvo-coordinator', path: () => '/beheer/rapportages?van=2024-01&tot=2024-12' },
	'routes/beheer.rapportages_.export': { as: 'rvo-coordinator', path: () => '/beheer/rapportages/export?van=2024-01&tot=2024-12&tabel=maanden&formaat=ods' },
	'routes/beheer.rapportages_.concern': { as: 'concern-admin', path: () => '/beheer/rapportages/concern?van=2024-01&tot=2024-12' },
	'routes/beheer.rapportages_.concern_.export': { as: 'concern-admin', path: () => '/beheer/rapportages/concern/export?van=2024-01&tot=2024-12&formaat=xlsx' },
	'routes/mijn-leren.kaart.$enrolmentId': {
		as: 'rvo-employee',
		path: (f) => `/mijn-leren/kaart/${f.completedEnrolment.id}`,
		form: () => ({ intent: 'write', action1: 'Slechte invoer weigeren', returnOn: '' }),
		nulField: 'action1',
		invalid: [
			{ name: 'an action of 501 characters', form: () => ({ intent: 'write', action1: 'Goed', action2: 'a'.repeat(501) }), field: 'action2', message: 'Deze actie is te lang: ten hoogste 500 tekens.' },
			{ name: 'a return day in the past', form: () => ({ intent: 'write', action1: 'Goed', returnOn: '2020-01-01' }), field: 'returnOn', message: 'Kies vandaag of een latere datum.' },
			{ name: 'a return day that does not exist', form: () => ({ intent: 'write', action1: 'Goed', returnOn: '2030-02-30' }), field: 'returnOn', message: 'Vul een datum in, bijvoorbeeld 2027-03-01.' },
		],
	},
	// Practising (ADR 047): the digest's hour is the one form that needs no card.
	'routes/oefenen': { as: 'rvo-employee', path: () => '/oefenen', form: () => ({ intent: 'hour', hour: '8' }), nulField: 'hour' },
	// A deck question (ADR 047): judged by the domain, each fault beside its field.
	'routes/beheer.cursussen.$courseId_.vragen': {
		as: 'rvo-coordinator',
		path: (f) => `/beheer/cursussen/${f.course.id}/vragen`,
		form: () => ({ intent: 'question', kind: 'choice', prompt: 'Slechte invoer weigeren?', option1: 'Ja', option2: 'Nee', correct: '1', explanation: 'Altijd.' }),
		nulField: 'prompt',
		invalid: [
			{ name: 'a question without a right answer', form: () => ({ intent: 'question', kind: 'choice', prompt: 'Welke?', option1: 'Ja', option2: 'Nee', correct: '', explanation: 'Uitleg.' }), field: 'correct', message: 'Kies welk antwoord juist is (precies één, en niet een leeg antwoord).' },
			{ name: 'a blank answer chosen as the right one', form: () => ({ intent: 'question', kind: 'choice', prompt: 'Welke?', option1: 'Ja', option2: 'Nee', correct: '3', explanation: 'Uitleg.' }), field: 'correct', message: 'Kies welk antwoord juist is (precies één, en niet een leeg antwoord).' },
			{ name: 'a question of one answer', form: () => ({ intent: 'question', kind: 'choice', prompt: 'Welke?', option1: 'Ja', correct: '1', explanation: 'Uitleg.' }), field: 'option1', message: 'Geef ten minste twee antwoorden.' },
			{ name: 'a question without an explanation', form: () => ({ intent: 'question', kind: 'true_false', prompt: 'Klopt het?', correct: 'true', explanation: ' ' }), field: 'explanation', message: 'Schrijf de uitleg die de deelnemer na het antwoorden ziet.' },
		],
	},
	// The experts directory (ADR 048): the entry's texts, themes and competencies, refused beside their fields.
	'routes/expert-worden': {
		as: 'rvo-employee',
		path: () => '/expert-worden',
		form: (f) => ({ intent: 'save', description: 'Slechte invoer weigeren', contact: 'Teams', themeIds: [f.themeId] }),
		nulField: 'description',
		invalid: [
			{ name: 'a description of 501 characters', form: (f) => ({ intent: 'save', description: 'a'.repeat(501), contact: 'Teams', themeIds: [f.themeId] }), field: 'description', message: 'De beschrijving is te lang: ten hoogste 500 tekens.' },
			{ name: 'no contact', form: (f) => ({ intent: 'save', description: 'Goed', contact: '  ', themeIds: [f.themeId] }), field: 'contact', message: 'Vul in hoe collega’s u bereiken.' },
			{ name: 'a contact of 201 characters', form: (f) => ({ intent: 'save', description: 'Goed', contact: 'b'.repeat(201), themeIds: [f.themeId] }), field: 'contact', message: 'De contactgegevens zijn te lang: ten hoogste 200 tekens.' },
			{ name: 'no theme', form: () => ({ intent: 'save', description: 'Goed', contact: 'Teams' }), field: 'themeIds', message: 'Kies ten minste één thema.' },
			{ name: 'a theme that does not exist', form: (f) => ({ intent: 'save', description: 'Goed', contact: 'Teams', themeIds: [f.course.id] }), field: 'themeIds', message: 'Deze keuze bestaat niet (meer). Kies uit de lijst.' },
			{ name: 'a competency that is no id', form: (f) => ({ intent: 'save', description: 'Goed', contact: 'Teams', themeIds: [f.themeId], competencyIds: ['abc'] }), field: 'competencyIds', message: 'Deze keuze bestaat niet (meer). Kies uit de lijst.' },
		],
	},
	'routes/experts': { as: 'nvwa-employee', path: () => '/experts?q=avg&thema=bestaat-niet&pagina=abc' },
	// The follow-up's weeks (ADR 045): a whole number from 4 to 52.
	'routes/beheer.cursussen.$courseId_.evaluatie': {
		as: 'rvo-coordinator',
		path: (f) => `/beheer/cursussen/${f.course.id}/evaluatie`,
		form: () => ({ intent: 'follow-up-weeks', weeks: '12' }),
		nulField: 'weeks',
		invalid: [
			{ name: 'three weeks', form: () => ({ intent: 'follow-up-weeks', weeks: '3' }), field: 'weeks', message: 'Ten minste 4 weken: eerder is er nog weinig toe te passen.' },
			{ name: 'fifty-three weeks', form: () => ({ intent: 'follow-up-weeks', weeks: '53' }), field: 'weeks', message: 'Ten hoogste 52 weken.' },
			{ name: 'weeks in words', form: () => ({ intent: 'follow-up-weeks', weeks: 'twaalf' }), field: 'weeks', message: 'Vul een heel aantal weken in, bijvoorbeeld 12.' },
			{ name: 'half a week', form: () => ({ intent: 'follow-up-weeks', weeks: '12.5' }), field: 'weeks', message: 'Vul een heel aantal weken in, bijvoorbeeld 12.' },
		],
	},
	'routes/beheer.cursussen.$courseId_.evaluatie_.antwoorden': { as: 'rvo-coordinator', path: (f) => `/beheer/cursussen/${f.course.id}/evaluatie/antwoorden?formaat=csv` },
	'routes/mijn-leren.$enrolmentId.annuleren': { as: 'rvo-employee', path: (f) => `/mijn-leren/${f.enrolment.id}/annuleren`, form: () => ({}), nulField: 'intent' },
	'routes/mijn-leren.agenda.$enrolmentId': { as: 'rvo-employee', path: (f) => `/mijn-leren/agenda/${f.enrolment.id}` },
	'routes/mijn-team': { as: 'rvo-manager', path: () => '/mijn-team' },
	'routes/goedkeuringen': {
		as: 'rvo-coordinator',
		path: () => '/goedkeuringen',
		form: (f) => ({ intent: 'decline', ids: [f.awaitingApproval.id], reason: 'Geen budget meer dit jaar' }),
		nulField: 'reason',
	},
	// The progress of a bulk decision (ADR 038): a page to read, no form.
	'routes/goedkeuringen_.verwerking.$jobId': { as: 'rvo-coordinator', path: (f) => `/goedkeuringen/verwerking/${f.bulkJob.id}` },
	'routes/uitvoeringen._index': { as: 'rvo-coordinator', path: () => '/uitvoeringen' },
	'routes/uitvoeringen.$sessionId._index': {
		as: 'rvo-coordinator',
		path: (f) => `/uitvoeringen/${f.session.id}`,
		form: () => ({ intent: 'capacity', capacity: '25' }),
		nulField: 'capacity',
		// The participant list's bulk actions (issue 14): a NUL in the reason, the subject, the target.
		also: [
			{ name: 'preview-cancel-selected', form: (f) => ({ intent: 'preview-cancel-selected', ids: [f.enrolment.id], reason: 'Slechte invoer' }), nulField: 'reason' },
			{ name: 'cancel-selected', form: (f) => ({ intent: 'cancel-selected', ids: [f.enrolment.id], reason: 'Slechte invoer' }), nulField: 'reason' },
			{ name: 'preview-move-selected', form: (f) => ({ intent: 'preview-move-selected', ids: [f.enrolment.id], toSessionId: f.openSession.id }), nulField: 'toSessionId' },
			{ name: 'move-selected', form: (f) => ({ intent: 'move-selected', ids: [f.enrolment.id], toSessionId: f.openSession.id }), nulField: 'toSessionId' },
			{ name: 'mail-selected', form: (f) => ({ intent: 'mail-selected', ids: [f.enrolment.id], subject: 'Slechte invoer', message: 'Een bericht dat nooit verstuurd wordt.' }), nulField: 'subject' },
		],
	},
	'routes/beheer.trainers': {
		as: 'rvo-coordinator',
		path: () => '/beheer/trainers',
		form: () => ({ intent: 'save', kind: 'external', name: 'Slechte Invoer', organisation: 'Bureau Test', email: 'slechte-invoer@example.org' }),
		nulField: 'name',
	},
	'routes/beheer.xapi-onbekend': {
		as: 'rvo-coordinator',
		path: () => '/beheer/xapi-onbekend',
		form: () => ({ intent: 'identifier', personIdentifier: 'account', accountHomePage: 'https://slechte-invoer.example' }),
		nulField: 'accountHomePage',
	},
	'routes/beheer.xapi-privacy': {
		as: 'rvo-coordinator',
		path: () => '/beheer/xapi-privacy',
		form: () => ({ intent: 'retention', retentionMonths: '12' }),
		nulField: 'retentionMonths',
		also: [
			{ name: 'erase', form: (f) => ({ intent: 'erase', personId: f.evidence.userId }), nulField: 'personId' },
		],
		invalid: [
			{ name: 'a retention of 0 months', form: () => ({ intent: 'retention', retentionMonths: '0' }), field: 'retentionMonths', message: XAPI_RETENTION_INVALID },
			{ name: 'a retention of 121 months', form: () => ({ intent: 'retention', retentionMonths: '121' }), field: 'retentionMonths', message: XAPI_RETENTION_INVALID },
			{ name: 'a retention in words', form: () => ({ intent: 'retention', retentionMonths: 'twaalf' }), field: 'retentionMonths', message: XAPI_RETENTION_INVALID },
			{ name: 'a retention of 1.5 months', form: () => ({ intent: 'retention', retentionMonths: '1.5' }), field: 'retentionMonths', message: XAPI_RETENTION_INVALID },
		],
	},
	'routes/beheer.xapi-privacy_.download': {
		as: 'rvo-coordinator',
		path: () => '/beheer/xapi-privacy/download',
		form: (f) => ({ intent: 'export', personId: f.evidence.userId }),
		nulField: 'personId',
	},
	'routes/beheer.xapi-regels': {
		as: 'rvo-coordinator',
		path: () => '/beheer/xapi-regels',
		form: (f) => ({
			intent: 'add',
			name: 'Slechte invoer',
			competencyId: f.competencyId,
			verbId: 'http://adlnet.gov/expapi/verbs/completed',
			activityMatch: 'id',
			activityPattern: 'https://slechte-invoer.example/*',
			requiresSuccess: 'yes',
			minScoreKind: 'none',
			requiredCount: '1',
			periodMonths: '12',
		}),
		nulField: 'name',
		invalid: [
			{ name: 'an empty name', form: () => ({ intent: 'add', name: ' ', activityMatch: 'id', requiresSuccess: 'yes', minScoreKind: 'none', requiredCount: '1', periodMonths: '12' }), field: 'name', message: 'Geef de regel een naam.' },
			{ name: 'a count of 0', form: () => ({ intent: 'add', name: 'Nul keer', activityMatch: 'id', requiresSuccess: 'yes', minScoreKind: 'none', requiredCount: '0', periodMonths: '12' }), field: 'requiredCount', message: 'Vul een aantal keer in van 1 tot en met 100.' },
			{ name: 'a scaled score of 2', form: () => ({ intent: 'add', name: 'Te hoog', activityMatch: 'id', requiresSuccess: 'yes', minScoreKind: 'scaled', minScore: '2', requiredCount: '1', periodMonths: '12' }), field: 'minScore', message: 'Vul een score in; een geschaalde score ligt tussen −1 en 1.' },
		],
	},
	'routes/beheer.zalen': {
		as: 'rvo-coordinator',
		path: () => '/beheer/zalen',
		form: () => ({ intent: 'add-location', name: 'Slechte invoer', address: 'Teststraat 1', city: 'Den Haag' }),
		nulField: 'address',
	},
	'routes/beheer.xapi-systemen': {
		as: 'rvo-coordinator',
		path: () => '/beheer/xapi-systemen',
		form: () => ({ intent: 'register', name: 'Slechte invoer', scopes: ['statements/write'] }),
		nulField: 'name',
		invalid: [
			{ name: 'an empty name', form: () => ({ intent: 'register', name: '  ', scopes: ['statements/write'] }), field: 'name', message: 'Vul de naam van het systeem in.' },
			{ name: 'a name of 201 characters', form: () => ({ intent: 'register', name: 'x'.repeat(201), scopes: ['statements/write'] }), field: 'name', message: 'De naam is te lang: hoogstens 200 tekens.' },
			{ name: 'no scopes', form: () => ({ intent: 'register', name: 'Zonder rechten' }), field: 'scopes', message: 'Kies ten minste één recht voor het systeem.' },
			{ name: 'a scope that does not exist', form: () => ({ intent: 'register', name: 'Verzonnen recht', scopes: ['statements/delete'] }), field: 'scopes', message: 'Kies ten minste één recht voor het systeem.' },
			{ name: 'a version that does not exist', form: () => ({ intent: 'register', name: 'Verzonnen versie', scopes: ['statements/write'], xapiVersion: '0.95' }), field: 'xapiVersion', message: 'Kies de xAPI-versie van het systeem: beide, 2.0.0 of 1.0.3.' },
		],
	},
	'routes/uitvoeringen.nieuw': {
		as: 'rvo-coordinator',
		path: () => '/uitvoeringen/nieuw',
		form: (f) => ({
			intent: 'plan',
			courseId: f.course.id,
			'meetings[0].date': '2099-01-05',
			'meetings[0].startTime': '09:00',
			'meetings[0].endTime': '12:00',
			'meetings[0].place': 'online',
			// Any id: a request that slipped through the form pipeline is refused for the trainer.
			'meetings[0].trainerIds': f.course.id,
			capacity: '12',
			onlineLink: 'https://vergader.example/slechte-invoer',
			participantNote: 'Neem een laptop mee.',
		}),
		nulField: 'participantNote',
	},
	'routes/uitvoeringen.$sessionId.lijst': { as: 'rvo-coordinator', path: (f) => `/uitvoeringen/${f.trainerSession.id}/lijst?formaat=csv` },
	'routes/mijn-sessies._index': { as: 'rvo-manager', path: () => '/mijn-sessies' },
	'routes/mijn-sessies.$sessionId._index': {
		as: 'rvo-manager',
		path: (f) => `/mijn-sessies/${f.trainerSession.id}`,
		form: (f) => ({ intent: 'attendance', meetingId: f.trainerSession.meetingId, [`attendance:${f.trainerSession.enrolmentId}`]: 'present' }),
		nulField: 'meetingId',
	},
	'routes/mijn-sessies.$sessionId.lijst': { as: 'rvo-manager', path: (f) => `/mijn-sessies/${f.trainerSession.id}/lijst?formaat=xlsx` },
	'routes/uitvoeringen.$sessionId.wijzigen': {
		as: 'rvo-coordinator',
		path: (f) => `/uitvoeringen/${f.session.id}/wijzigen`,
		form: (f) => ({
			intent: 'edit',
			'meetings[0].date': '2099-01-05',
			'meetings[0].startTime': '09:00',
			'meetings[0].endTime': '12:00',
			'meetings[0].place': 'online',
			// Any id: a request that slipped through the form pipeline is refused for the trainer.
			'meetings[0].trainerIds': f.course.id,
			capacity: '12',
			onlineLink: 'https://vergader.example/slechte-invoer',
			participantNote: 'Neem een laptop mee.',
		}),
		nulField: 'participantNote',
	},
	'routes/uitvoeringen.$sessionId.annuleren': {
		as: 'rvo-coordinator',
		path: (f) => `/uitvoeringen/${f.sessionToCancel.id}/annuleren`,
		form: () => ({ reason: 'De trainer is ziek' }),
		nulField: 'reason',
	},
	'routes/uitvoeringen.$sessionId.deelnemer-toevoegen': {
		as: 'rvo-coordinator',
		path: (f) => `/uitvoeringen/${f.session.id}/deelnemer-toevoegen`,
		// An id of nobody: a request that slipped through the form pipeline is refused, not enrolled.
		form: (f) => ({ intent: 'add', employeeId: f.course.id }),
		nulField: 'employeeId',
	},
	'routes/postvak': { as: 'rvo-coordinator', path: () => '/postvak' },
	'routes/beheer._index': { as: 'concern-admin', path: () => '/beheer' },
	'routes/catalogus.$courseId_.online-onderdelen': {
		as: 'rvo-coordinator',
		path: (f) => `/catalogus/${f.course.id}/online-onderdelen`,
		form: (f) => ({ intent: 'link', toolId: f.tool.id, title: 'Online module', targetLinkUri: '', customId: '', passMarkPercent: '', moodleCourseId: '', moodleActivityId: '' }),
		nulField: 'title',
	},
	'routes/lti.starten.$resourceLinkId': { as: 'rvo-employee', path: (f) => `/lti/starten/${f.onlinePart.id}` },
	'routes/lti.inhoud-kiezen.$courseId.$toolId': { as: 'rvo-coordinator', path: (f) => `/lti/inhoud-kiezen/${f.course.id}/${f.tool.id}` },
	'routes/lti.authorize': { as: 'rvo-employee', path: () => '/lti/authorize' },
	'routes/beheer.bekwaamheden': {
		as: 'concern-admin',
		path: () => '/beheer/bekwaamheden',
		form: () => ({ intent: 'save', name: 'Slechte invoer', description: '', validityMonths: '12', warningDays: '60', renewalBasis: 'expiry' }),
		nulField: 'name',
	},
	'routes/beheer.eisen': {
		as: 'rvo-coordinator',
		path: () => '/beheer/eisen',
		form: () => ({ intent: 'add', competencyId: '', jobProfileId: '', introducedOn: '2030-01-01', graceDays: '0' }),
		nulField: 'introducedOn',
		invalid: [
			...wrongLevels('minLevel', requirementForm({ intent: 'add', jobProfileId: '' })),
			...wrongLevels(
				'minLevel',
				(f, competencyId, level) => requirementForm({ intent: 'add-person', userId: f.evidence.userId, reason: 'Test van slechte invoer' })(f, competencyId, level),
				// The person form is on the page of a search that found them, and posts there.
			).map((row) => ({ ...row, name: `${row.name} (a person's requirement)`, path: (f: BadInputFixtures) => `/beheer/eisen?zoek=${encodeURIComponent(f.employeeEmail)}` })),
		],
	},
	'routes/beheer.eisen-concern': {
		as: 'concern-admin',
		path: () => '/beheer/eisen-concern',
		form: () => ({ intent: 'add', competencyId: '', jobProfileName: 'Slechte invoer', introducedOn: '2030-01-01', graceDays: '0' }),
		nulField: 'jobProfileName',
		invalid: wrongLevels('minLevel', requirementForm({ intent: 'add', jobProfileName: 'Slechte invoer' })),
	},
	'routes/beheer.cursussen.$courseId_.bekwaamheden': {
		as: 'rvo-coordinator',
		path: (f) => `/beheer/cursussen/${f.courseToEdit.id}/bekwaamheden`,
		form: () => ({ intent: 'save', competencyIds: [] }),
		nulField: 'competencyIds',
		// The level a course grants is a field per competency with levels; a level sent for one without stands beside its checkbox.
		invalid: wrongLevels(
			(competencyId, f) => (competencyId === f.levelless.id ? 'competencyIds' : `grantsLevels.${competencyId}`),
			(_f, competencyId, level) => ({ intent: 'save', competencyIds: [competencyId], [`grantsLevels.${competencyId}`]: level }),
		),
	},
	'routes/mijn-paspoort': { as: 'rvo-employee', path: () => '/mijn-paspoort' },
	'routes/paspoorten._index': { as: 'rvo-coordinator', path: () => '/paspoorten' },
	'routes/paspoorten.importeren': {
		as: 'rvo-coordinator',
		path: () => '/paspoorten/importeren',
		form: () => ({ intent: 'check', csv: 'medewerker;bekwaamheid;datum\nonbekend@example.invalid;BHV;1-1-2024' }),
		nulField: 'csv',
	},
	'routes/paspoorten.lijst': { as: 'rvo-manager', path: () => '/paspoorten/lijst?formaat=csv' },
	'routes/paspoorten.bewijs': {
		as: 'rvo-coordinator',
		path: () => '/paspoorten/bewijs',
		form: (f) => ({ intent: 'reject', uploadId: f.upload.id, reason: 'Onleesbaar (test van slechte invoer)' }),
		nulField: 'reason',
		// Approving sets the level: beside the level field, or, for a competency without levels (no field), at the approve button.
		invalid: wrongLevels(
			(competencyId, f) => (competencyId === f.levelless.id ? 'intent' : 'level'),
			(f, competencyId, level) => ({ intent: 'approve', uploadId: competencyId === f.levelless.id ? f.levellessUpload.id : f.levelledUpload.id, level }),
		),
	},
	'routes/paspoorten.medewerker.$userId': {
		as: 'rvo-coordinator',
		path: (f) => `/paspoorten/medewerker/${f.evidence.userId}`,
		form: (f) => ({ intent: 'revoke', evidenceId: f.evidence.id, reason: 'Test van slechte invoer' }),
		nulField: 'reason',
	},
	// The page sends multipart/form-data with the file; a urlencoded form (as the test sends it) is read too and then lacks the file.
	'routes/mijn-paspoort_.bewijs-toevoegen': {
		as: 'rvo-employee',
		path: () => '/mijn-paspoort/bewijs-toevoegen',
		form: (f) => ({ intent: 'upload', competencyId: f.competencyId, obtainedOn: '2020-01-01', note: 'Test van slechte invoer' }),
		nulField: 'note',
		invalid: wrongLevels('level', (_f, competencyId, level) => ({ intent: 'upload', competencyId, obtainedOn: '2020-01-01', level, note: 'Test van slechte invoer' }), {
			field: 'certificate',
			name: 'certificaat.pdf',
			content: '%PDF-1.4\n%%EOF\n',
		}),
	},
	'routes/paspoort-bewijs.$uploadId': { as: 'rvo-employee', path: (f) => `/paspoort-bewijs/${f.upload.id}` },
	'routes/beheer.paspoorten': { as: 'concern-admin', path: () => '/beheer/paspoorten' },
	'routes/beheer.inloggen': { as: 'concern-admin', path: () => '/beheer/inloggen' },
	'routes/beheer.inloggen_.$slug': {
		as: 'concern-admin',
		path: () => '/beheer/inloggen/rvo',
		form: () => ssoSettingsForm(),
		nulField: 'clientId',
		also: [{ name: 'remove', form: () => ({ intent: 'remove' }), nulField: 'intent' }],
		// Refused by the form before any provider is asked.
		invalid: [
			{ name: 'an issuer over plain http', form: () => ssoSettingsForm({ issuer: 'http://login.rvo.example' }), field: 'issuer', message: 'Vul het adres van de inlogdienst in zoals die zichzelf noemt, beginnend met https:// en zonder ? of #.' },
			{
				name: "a secret variable that is not SSO_ (another of the portal's secrets)",
				form: () => ssoSettingsForm({ clientSecretEnv: 'DATABASE_URL' }),
				field: 'clientSecretEnv',
				message: 'Vul de naam van een omgevingsvariabele in die begint met SSO_, met hoofdletters, cijfers en _, bijvoorbeeld SSO_RVO_CLIENT_SECRET.',
			},
		],
	},
	'routes/beheer.regels': { as: 'concern-admin', path: () => '/beheer/regels', form: () => concernRules, nulField: 'yearlyBudgetCents.value' },
	'routes/beheer.leeromgevingen': { as: 'concern-admin', path: () => '/beheer/leeromgevingen', form: () => toolForm('register'), nulField: 'name' },
	'routes/beheer.leeromgevingen_.$toolId': { as: 'concern-admin', path: (f) => `/beheer/leeromgevingen/${f.tool.id}`, form: () => toolForm('update'), nulField: 'name' },
	'routes/lti.jwks': { as: null, path: () => '/lti/jwks' },
	'routes/[.well-known].openid-configuration': { as: null, path: () => '/.well-known/openid-configuration' },
	'routes/lti.deep-linking.mislukt': { as: null, path: () => '/lti/deep-linking/mislukt' },
	// RFC 6749 §5.2: 400 invalid_request for a request that is not a form, 401 invalid_client for an assertion that is no JWT of a known tool.
	'routes/lti.token': {
		as: null,
		path: () => '/lti/token',
		form: () => ({
			grant_type: 'client_credentials',
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: 'geen-jwt',
			scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
		}),
		nulField: 'client_assertion',
		protocol: { notAForm: [{ status: 400 }], nul: [{ status: 400 }, { status: 401 }], unknownIntent: [{ status: 401 }] },
	},
	// Dynamic Registration takes JSON with a one-time registration token: without one 401 invalid_token, a body that is no JSON 400.
	'routes/lti.register': {
		as: null,
		path: () => '/lti/register',
		form: () => ({ client_name: 'Moodle (slechte invoer)' }),
		nulField: 'client_name',
		protocol: { notAForm: [{ status: 400 }, { status: 401 }], nul: [{ status: 400 }, { status: 401 }], unknownIntent: [{ status: 400 }, { status: 401 }] },
	},
	// The tool's browser posts the Deep Linking response as a form; a refusal is explained on /lti/deep-linking/mislukt.
	'routes/lti.deep-linking.return': {
		as: null,
		path: () => '/lti/deep-linking/return',
		form: () => ({ JWT: 'geen-jwt' }),
		nulField: 'JWT',
		protocol: {
			notAForm: [{ status: 415 }, { status: 303, location: '/lti/deep-linking/mislukt' }],
			nul: [{ status: 400 }, { status: 303, location: '/lti/deep-linking/mislukt' }],
			unknownIntent: [{ status: 303, location: '/lti/deep-linking/mislukt' }],
		},
	},
	'routes/lti.ags.$courseId.lineitems': {
		as: null,
		path: (f) => `/lti/ags/${f.course.id}/lineitems`,
		form: () => ({ label: 'Eindtoets', scoreMaximum: '100' }),
		nulField: 'label',
		protocol: bearerService,
	},
	'routes/lti.ags.$courseId.lineitems_.$lineItemId': {
		as: null,
		path: (f) => `/lti/ags/${f.course.id}/lineitems/00000000-0000-4000-8000-000000000000`,
		method: 'PUT',
		form: () => ({ label: 'Eindtoets', scoreMaximum: '100' }),
		nulField: 'label',
		protocol: bearerService,
	},
	'routes/lti.ags.$courseId.lineitems_.$lineItemId_.scores': {
		as: null,
		path: (f) => `/lti/ags/${f.course.id}/lineitems/00000000-0000-4000-8000-000000000000/scores`,
		form: () => ({ userId: '00000000-0000-4000-8000-000000000000', scoreGiven: '1', scoreMaximum: '1', activityProgress: 'Completed', gradingProgress: 'FullyGraded' }),
		nulField: 'userId',
		protocol: bearerService,
	},
	'routes/lti.ags.$courseId.lineitems_.$lineItemId_.results': { as: null, path: (f) => `/lti/ags/${f.course.id}/lineitems/00000000-0000-4000-8000-000000000000/results` },
	'routes/lti.nrps.$courseId.memberships': { as: null, path: (f) => `/lti/nrps/${f.course.id}/memberships` },
	// xAPI (ADR 039): basic authentication comes first, so a request without a client's credentials is 401 whatever its body.
	'routes/xapi.about': { as: null, path: () => '/xapi/about' },
	'routes/xapi.statements': { as: null, path: () => '/xapi/statements', form: () => ({ statement: 'geen-json' }), nulField: 'statement', protocol: xapiClientService },
	// GET-only resources: their action answers a 1.0.3 alternate request for GET (a form POST with ?method=GET) and refuses other methods (405), once the client is known.
	'routes/xapi.activities._index': {
		as: null,
		path: () => '/xapi/activities?activityId=http%3A%2F%2Fexample.com%2Fa',
		form: () => ({ activityId: 'http://example.com/a' }),
		nulField: 'activityId',
		protocol: xapiClientService,
	},
	'routes/xapi.activities.state': {
		as: null,
		path: () => '/xapi/activities/state?activityId=http%3A%2F%2Fexample.com%2Fa&stateId=s&agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D',
		method: 'PUT',
		form: () => ({ state: 'x' }),
		nulField: 'state',
		protocol: xapiClientService,
	},
	'routes/xapi.activities.profile': {
		as: null,
		path: () => '/xapi/activities/profile?activityId=http%3A%2F%2Fexample.com%2Fa&profileId=p',
		method: 'PUT',
		form: () => ({ profile: 'x' }),
		nulField: 'profile',
		protocol: xapiClientService,
	},
	'routes/xapi.agents._index': {
		as: null,
		path: () => '/xapi/agents?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D',
		form: () => ({ agent: '{"mbox":"mailto:a@example.com"}' }),
		nulField: 'agent',
		protocol: xapiClientService,
	},
	'routes/xapi.agents.profile': {
		as: null,
		path: () => '/xapi/agents/profile?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&profileId=p',
		method: 'PUT',
		form: () => ({ profile: 'x' }),
		nulField: 'profile',
		protocol: xapiClientService,
	},
}
