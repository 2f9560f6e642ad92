/**
 * Every route of the portal, classified by whose data it shows. The isolation test reads the
 * built route manifest and fails when a route is missing here, or when a tenant-owned route
 * has no cross-tenant probes: a new route cannot land without saying how it is isolated.
 */
export type RouteAccess =
	| { access: 'public'; why: string }
	/** Shows only the signed-in person's own data; nothing in the URL or form selects whose. */
	| { access: 'own'; why: string }
	/** Shows or changes data of a unit; must have probes in `CROSS_TENANT_PROBES`. */
	| { access: 'tenant-owned'; why: string }
	/** Concern-wide settings, for concern administrators only (permission `update` on the concern, and RLS). */
	| { access: 'concern-admin'; why: string }
	/**
	 * Called by a registered LTI tool, not by a person: a bearer token or a signed JWT of the tool,
	 * which reaches only courses its own resources are linked to (tests/e2e/lti-protocol.test.ts attacks them).
	 */
	| { access: 'tool'; why: string }
	/**
	 * Called by a unit's xAPI client (a system, not a person) with basic authentication: it reaches
	 * only its own unit's statements and documents (ADR 039; tests/e2e/xapi-lrs.test.ts attacks them).
	 */
	| { access: 'xapi-client'; why: string }

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
	root: { access: 'own', why: 'the layout shows the signed-in name only' },
	'routes/_index': { access: 'public', why: 'redirects to the catalogue' },
	'routes/$': { access: 'public', why: 'the not-found page' },
	'routes/beheer._index': { access: 'own', why: "the administration page: links to the tasks the signed-in person's own permissions allow, and no data" },
	'routes/taal': { access: 'public', why: 'sets the language cookie' },
	'routes/toegankelijkheid': { access: 'public', why: 'the accessibility statement: no data' },
	'routes/privacy': { access: 'public', why: 'the privacy statement: no data' },
	'routes/inloggen': { access: 'public', why: 'sign-in; persona sign-in exists only in demo mode' },
	'routes/inloggen_.sso.$unit': { access: 'public', why: "starts single sign-on at the unit's own identity provider" },
	'routes/inloggen_.sso.callback': { access: 'public', why: 'finishes single sign-on; bound to the browser by a single-use attempt cookie' },
	'routes/uitloggen': { access: 'own', why: "ends the caller's own session(s); the form names no one" },
	'routes/account': { access: 'own', why: "the caller's own unit, roles and sessions" },
	'routes/account_.mijn-gegevens': { access: 'own', why: "the caller's own data, read by privacy_export for the verified context's user alone" },
	'routes/catalogus._index': {
		access: 'tenant-owned',
		why: "searches the published courses visible to the viewer's unit: drafts and courses opened to other units stay hidden",
	},
	'routes/catalogus.zoeken': { access: 'tenant-owned', why: 'the same search as JSON, for search-as-you-type' },
	'routes/beheer.zoeksynoniemen': { access: 'tenant-owned', why: 'the concern-wide synonym list: only the concern administrator may read or change it' },
	'routes/beheer.zoekvragen': { access: 'tenant-owned', why: 'the concern-wide search analytics (no personal data): only the concern administrator may read them' },
	'routes/beheer.zoekvragen.lijst': { access: 'tenant-owned', why: 'one table of the search analytics as CSV: only the concern administrator' },
	'routes/catalogus.$courseId': { access: 'tenant-owned', why: 'a draft or a course opened to selected units only' },
	'routes/onderdelen.$slug.regels': { access: 'tenant-owned', why: "a unit's P&O rules are private to it" },
	'routes/onderdelen.$slug.huisstijl': { access: 'tenant-owned', why: "a unit's logo and accent colour (ADR 052): set by its own coordinators only, whatever unit the URL names" },
	'routes/huisstijl.logo': { access: 'own', why: "the signed-in person's own unit's logo; the URL names no unit" },
	'routes/huisstijl.stijl[.]css': { access: 'own', why: "the signed-in person's own unit's design tokens; the URL names no unit" },
	'routes/beheer.cursussen._index': { access: 'tenant-owned', why: "a unit's own courses, drafts included, for its coordinators" },
	'routes/beheer.cursussen.nieuw': { access: 'tenant-owned', why: 'creates a course of the coordinator’s own unit; suggests duplicates among the courses visible to it' },
	'routes/beheer.cursussen.$courseId': { access: 'tenant-owned', why: 'edits one of the unit’s own courses, drafts included' },
	'routes/beheer.eisen': { access: 'tenant-owned', why: "a unit's own passport requirements and those on its people; requirement, job profile and person ids in the URL and the forms" },
	'routes/beheer.cursussen.$courseId_.bekwaamheden': { access: 'tenant-owned', why: 'which competencies one of the unit’s own courses grants; a course id in the URL' },
	'routes/beheer.cursussen.dubbelingen': { access: 'tenant-owned', why: 'duplicate suggestions (JSON) among the courses visible to the unit' },
	'routes/beheer.dubbelingen._index': { access: 'tenant-owned', why: 'the concern-wide duplicate report: concern administrators only' },
	'routes/beheer.dubbelingen.vergelijken': { access: 'tenant-owned', why: 'compares and merges courses of several units: concern administrators only' },
	'routes/mijn-leren._index': { access: 'own', why: "the caller's own enrolments and budget; the URL names no one" },
	'routes/mijn-leren.$enrolmentId.annuleren': { access: 'tenant-owned', why: "an enrolment id in the URL: another employee's enrolment" },
	'routes/mijn-leren.evaluatie.$invitationId': { access: 'tenant-owned', why: "an evaluation invitation id in the URL: another employee's evaluation, which only they may open or answer (ADR 041)" },
	'routes/mijn-leren.kaart.$enrolmentId': { access: 'tenant-owned', why: "an enrolment id in the URL: another employee's card to self, which only they may write, read, move or look back on (ADR 042)" },
	'routes/oefenen': { access: 'tenant-owned', why: "the caller's own practice cards; the answer form names a card id: another employee's card, which only they may answer (ADR 047)" },
	'routes/beheer.cursussen.$courseId_.vragen': { access: 'tenant-owned', why: 'the practice questions of one of the unit’s own courses, and how often each is forgotten across five learners; a course id in the URL (ADR 047)' },
	'routes/expert-worden': { access: 'tenant-owned', why: "the caller's own expert entry (ADR 048): a form naming another person must still act on the sender's own entry only" },
	'routes/experts': { access: 'tenant-owned', why: 'the concern-wide experts directory (ADR 048): every signed-in person reads the available experts of every unit, their published columns only; paused ones are not listed' },
	'routes/beheer.cursussen.$courseId_.evaluatie': { access: 'tenant-owned', why: 'the anonymous evaluation results of one of the unit’s own courses; a course id in the URL' },
	'routes/beheer.cursussen.$courseId_.evaluatie_.antwoorden': { access: 'tenant-owned', why: 'the anonymous answers to one of the unit’s own courses as CSV or XLSX; a course id in the URL' },
	'routes/beheer.evaluaties': { access: 'tenant-owned', why: 'the evaluation scores of the unit’s own courses' },
	'routes/beheer.interventies': { access: 'tenant-owned', why: 'the unit’s own interventions (ADR 044)' },
	'routes/beheer.interventies_.nieuw': { access: 'tenant-owned', why: 'records an intervention of the unit; offers and accepts only the unit’s own teams and courses' },
	'routes/beheer.interventies_.$interventionId': { access: 'tenant-owned', why: 'an intervention id in the URL: its measure per team, the effect, the import and the xAPI count' },
	'routes/beheer.interventies_.$interventionId_.wijzigen': { access: 'tenant-owned', why: 'an intervention id in the URL: its form and its change' },
	'routes/beheer.interventies_.$interventionId_.metingen': { access: 'tenant-owned', why: 'an intervention id in the URL: its measure as CSV' },
	'routes/beheer.evaluaties_.lijst': { access: 'tenant-owned', why: 'the evaluation scores of the unit’s own courses as CSV' },
	'routes/beheer.rapportages': { access: 'tenant-owned', why: 'the report of the unit’s own sessions and budget (ADR 043); a course id in the query string' },
	'routes/beheer.logboek': { access: 'tenant-owned', why: "the audit trail (ADR 049): a coordinator reads the unit's own rows, the concern administrator every unit's; a unit id, object id and cursor in the query string" },
	'routes/beheer.logboek_.export': { access: 'tenant-owned', why: 'the same rows of the audit trail as CSV or XLSX' },
	'routes/beheer.rapportages_.export': { access: 'tenant-owned', why: 'a table of the unit’s own report as CSV, XLSX or ODS; a course id in the query string' },
	'routes/mijn-leren.agenda.$enrolmentId': { access: 'tenant-owned', why: "an enrolment id in the URL: another employee's session in a calendar file" },
	'routes/mijn-team': { access: 'tenant-owned', why: "a manager's team (the people of their unit whose manager they are): learning per person, a person's list by id in the query string, the team's budget and dots" },
	'routes/goedkeuringen': { access: 'tenant-owned', why: "a unit's requests awaiting approval, and decisions on enrolment ids in the form" },
	'routes/goedkeuringen_.verwerking.$jobId': { access: 'tenant-owned', why: 'a bulk decision running as a job: its progress and the outcome per request, for the approver who started it only (ADR 038)' },
	'routes/uitvoeringen._index': { access: 'tenant-owned', why: "a providing unit's sessions with their occupancy" },
	'routes/uitvoeringen.$sessionId._index': { access: 'tenant-owned', why: "a session's participants from every unit, attendance, moves, capacity" },
	'routes/uitvoeringen.$sessionId.lijst': { access: 'tenant-owned', why: "a session's participant and attendance list (XLSX, CSV) and a meeting's attendance sheet (PDF), for the providing unit's coordinators" },
	'routes/mijn-sessies._index': { access: 'tenant-owned', why: "an internal trainer's sessions of their unit, with participant counts; nobody else's" },
	'routes/mijn-sessies.$sessionId._index': { access: 'tenant-owned', why: "a session's participants and attendance per meeting, for the trainers of its meetings; session, meeting and enrolment ids in the URL and form" },
	'routes/mijn-sessies.$sessionId.lijst': { access: 'tenant-owned', why: "a session's participant lists and attendance sheets, for the trainers of its meetings" },
	'routes/uitvoeringen.$sessionId.annuleren': { access: 'tenant-owned', why: 'cancelling a session of the providing unit' },
	'routes/uitvoeringen.$sessionId.deelnemer-toevoegen': { access: 'tenant-owned', why: "adding one of the unit's employees to a session of the providing unit, on their behalf" },
	'routes/uitvoeringen.$sessionId.wijzigen': { access: 'tenant-owned', why: "changes a session of the providing unit: its meetings, rooms and trainers (ids in the form), seats; mails its participants" },
	'routes/beheer.trainers': { access: 'tenant-owned', why: "the unit's trainers (names, e-mail addresses); trainer ids in the URL and the form" },
	'routes/beheer.xapi-onbekend': { access: 'tenant-owned', why: "the unit's xAPI statements about people it does not know (their identifiers), its identifier setting and re-matching; the unit is the coordinator's own, nothing in the URL or form names another" },
	'routes/beheer.xapi-regels': {
		access: 'tenant-owned',
		why: "the unit's rules that turn its xAPI statements into passport evidence, their preview (names of its people) and switching them: its coordinators, or the concern administrator for the unit named in `?eenheid=`; a rule id of another unit is not found",
	},
	'routes/beheer.zalen': { access: 'tenant-owned', why: "the unit's locations and rooms; room and location ids in the URL and the forms" },
	'routes/uitvoeringen.nieuw': { access: 'tenant-owned', why: "plans a session with the unit's own courses, rooms and trainers (ids in the form)" },
	'routes/uitvoeringen.nieuw.cursussen': { access: 'tenant-owned', why: "the planning form's course search (JSON): only the courses the unit provides or joined" },
	'routes/postvak': { access: 'tenant-owned', why: "the demo outbox: mails to a unit's employees" },
	'routes/catalogus.$courseId_.online-onderdelen': { access: 'tenant-owned', why: "a course's online parts are managed by the providing unit's coordinators" },
	'routes/lti.starten.$resourceLinkId': { access: 'tenant-owned', why: "launches an online part of a course: only for its enrolled employees and the provider's coordinators" },
	'routes/lti.inhoud-kiezen.$courseId.$toolId': { access: 'tenant-owned', why: "starts Deep Linking for a course of the coordinator's own unit" },
	'routes/lti.authorize': { access: 'own', why: 'answers a launch for the signed-in person only: login_hint and the one-time message hint must be theirs' },
	'routes/beheer.regels': { access: 'concern-admin', why: 'the concern-wide default P&O rules every unit inherits: only the concern administrator reads or changes them here' },
	'routes/beheer.inloggen': { access: 'concern-admin', why: "every unit's single sign-on provider (ADR 051): only the concern administrator; a unit must not point its own sign-in elsewhere" },
	'routes/beheer.inloggen_.$slug': { access: 'concern-admin', why: "sets, changes or removes one unit's identity provider (ADR 051): only the concern administrator, and row-level security lets no one else write it" },
	'routes/beheer.leeromgevingen': { access: 'concern-admin', why: 'registers learning tools and rotates the platform key' },
	'routes/beheer.leeromgevingen_.$toolId': { access: 'concern-admin', why: "edits, deactivates and syncs one learning tool; its Moodle web-services token is the concern's" },
	'routes/beheer.rapportages_.concern': { access: 'concern-admin', why: "every unit's report figures side by side (sums per unit, never a person): only the concern administrator, and the database's counting function answers no one else" },
	'routes/beheer.rapportages_.concern_.export': { access: 'concern-admin', why: "the concern's report figures as CSV, XLSX or ODS: only the concern administrator" },
	'routes/beheer.eisen-concern': { access: 'concern-admin', why: 'the concern-wide passport requirements every unit inherits: only the concern administrator reads, adds or deactivates them' },
	'routes/beheer.bekwaamheden': { access: 'concern-admin', why: 'the concern-wide competencies every unit’s passports use: only the concern administrator reads or changes them here' },
	'routes/paspoorten._index': { access: 'tenant-owned', why: "the passports of a manager's team or a coordinator's unit: people × competencies, filtered by the query string" },
	'routes/paspoorten.importeren': { access: 'tenant-owned', why: "imports evidence into the unit's passports from a CSV: people are found only in the coordinator's own unit" },
	'routes/paspoorten.lijst': { access: 'tenant-owned', why: 'the same passport matrix as XLSX or CSV, every person matching the filters' },
	'routes/beheer.paspoorten': { access: 'concern-admin', why: 'counts of dots per unit and competency, never people, through a database function that answers only a concern administrator' },
	'routes/mijn-paspoort_.bewijs-toevoegen': { access: 'own', why: 'the caller sends in a certificate for their own passport; the form names a competency, never a person' },
	'routes/paspoorten.medewerker.$userId': {
		access: 'tenant-owned',
		why: "one person's dots, evidence and history by id, for their manager and their unit's coordinators; the coordinators revoke or correct a piece by id",
	},
	'routes/paspoorten.bewijs': { access: 'tenant-owned', why: "certificates awaiting a decision: a manager's team's or a coordinator's unit's, approved or rejected by id" },
	'routes/paspoort-bewijs.$uploadId': { access: 'tenant-owned', why: 'the file of one uploaded certificate, by id: its sender, their manager and their unit\'s coordinators' },
	'routes/mijn-paspoort': { access: 'own', why: "the caller's own passport: dots, suggested courses and history; the URL names no one" },
	'routes/lti.jwks': { access: 'public', why: "Leerplein's public signing keys" },
	'routes/[.well-known].openid-configuration': { access: 'public', why: "the platform's OpenID configuration for Dynamic Registration" },
	'routes/lti.deep-linking.mislukt': { access: 'public', why: 'explains a refused Deep Linking response; shows no data' },
	'routes/lti.token': { access: 'tool', why: 'client credentials with a JWT client assertion signed by the tool' },
	'routes/lti.register': { access: 'tool', why: 'Dynamic Registration with a one-time registration token' },
	'routes/lti.deep-linking.return': { access: 'tool', why: "the tool's signed Deep Linking response with the one-time data Leerplein issued; never the cookie" },
	'routes/lti.ags.$courseId.lineitems': { access: 'tool', why: 'AGS with a bearer token; only the tool’s own line items in courses it serves' },
	'routes/lti.ags.$courseId.lineitems_.$lineItemId': { access: 'tool', why: 'AGS with a bearer token; only the tool’s own line items in courses it serves' },
	'routes/lti.ags.$courseId.lineitems_.$lineItemId_.scores': { access: 'tool', why: 'AGS scores with a bearer token; only for participants of a course the tool serves' },
	'routes/lti.ags.$courseId.lineitems_.$lineItemId_.results': { access: 'tool', why: 'AGS results with a bearer token; only the tool’s own line items' },
	'routes/beheer.xapi-systemen': {
		access: 'tenant-owned',
		why: "a unit's xAPI systems (keys, scopes, use): its coordinators, or the concern administrator for the unit named in `?eenheid=`; client ids in the URL and the forms",
	},
	'routes/beheer.xapi-privacy': {
		access: 'tenant-owned',
		why: "a unit's employees with how many xAPI statements are held about them, their export and erasure, and the unit's retention: its coordinators, or the concern administrator for the unit named in `?eenheid=`; person ids in the URL and the forms",
	},
	'routes/beheer.xapi-privacy_.download': {
		access: 'tenant-owned',
		why: "the download of every xAPI statement the unit holds about one employee: the same guard and `?eenheid=` as /beheer/xapi-privacy; the person id in the form",
	},
	'routes/xapi.about': { access: 'public', why: 'the versions the learning record store speaks; no data' },
	'routes/xapi.statements': { access: 'xapi-client', why: "a unit's statements: stored under and read from the client's own unit only" },
	'routes/xapi.activities._index': { access: 'xapi-client', why: "an activity as the client's own unit's statements define it" },
	'routes/xapi.activities.state': { access: 'xapi-client', why: "state documents of the client's own unit" },
	'routes/xapi.activities.profile': { access: 'xapi-client', why: "activity profiles of the client's own unit" },
	'routes/xapi.agents._index': { access: 'xapi-client', why: 'the Person object of the agent the client names; no stored data' },
	'routes/xapi.agents.profile': { access: 'xapi-client', why: "agent profiles of the client's own unit" },
	'routes/lti.nrps.$courseId.memberships': { access: 'tool', why: 'NRPS with a bearer token; only courses the tool serves, fields as the units allow' },
}
