import { http, HttpResponse } from 'msw'

// The one fake of a Moodle site, as msw handlers: its REST web services (webservice/rest/server.php),
// answering in the shapes of Moodle 4.x's documented functions and, for any failure, with HTTP 200
// and Moodle's error envelope {exception, errorcode, message}; and the key set its enrol_lti tool
// publishes (enrol/lti/jwks.php). The test arranges the site in `MoodleSite`. In the test's own
// process msw intercepts (`setupServer(...moodleHandlers(site))`); for the portal, which runs as a
// process of its own, support/moodle.ts serves the same handlers over HTTP.

export type MoodleCourse = { id: number; shortname: string; fullname: string; [field: string]: unknown }
export type MoodleModule = { id: number; name: string; modname: string; completion: number; [field: string]: unknown }
export type MoodleSection = { id: number; name: string; modules: MoodleModule[]; [field: string]: unknown }

export type MoodleSite = {
	baseUrl: string
	token: string
	/** Moodle accounts by username (enrol_lti_13_… for LTI users). */
	accounts: Map<string, number>
	/** Activity completion per `${courseId}:${userId}`: cmid → state (0 incomplete, 1 complete, 2 pass, 3 fail). */
	completion: Map<string, Map<number, number>>
	/** Moodle users whose completion the token may not read (required_capability_exception). */
	forbiddenUsers: Set<number>
	/** What core_course_get_courses lists. */
	courses: MoodleCourse[]
	/** What core_course_get_contents answers, by course id. */
	contents: Map<number, MoodleSection[]>
	/** The public keys of the site's enrol_lti tool (JWKs with a kid), published at /enrol/lti/jwks.php. */
	ltiKeys: object[]
	/** Every web-service function called, in order. */
	calls: string[]
	/** Every web-service request's parameters, in order. */
	requests: URLSearchParams[]
}

/** A site with one course, "AVG in de praktijk" (id 2), holding a page (101) and a quiz (102). */
export function moodleSite(baseUrl: string, token: string): MoodleSite {
	return {
		baseUrl,
		token,
		accounts: new Map(),
		completion: new Map(),
		forbiddenUsers: new Set(),
		courses: [
			{ id: 1, shortname: 'site', fullname: 'Moodle van het concern', displayname: 'Moodle van het concern', categoryid: 0, format: 'site', startdate: 0, enddate: 0, visible: 1 },
			{ id: 2, shortname: 'AVG-101', fullname: 'AVG in de praktijk', displayname: 'AVG in de praktijk', categoryid: 1, summary: '', summaryformat: 1, format: 'topics', startdate: 1_714_521_600, enddate: 0, visible: 1, enablecompletion: 1 },
		],
		contents: new Map([
			[
				2,
				[
					{
						id: 10,
						name: 'Algemeen',
						visible: 1,
						summary: '',
						summaryformat: 1,
						section: 0,
						hiddenbynumsections: 0,
						uservisible: true,
						modules: [
							{ id: 101, url: `${baseUrl}/mod/page/view.php?id=101`, name: 'Lees de AVG-richtlijn', instance: 7, visible: 1, uservisible: true, modname: 'page', completion: 1 },
							{ id: 102, url: `${baseUrl}/mod/quiz/view.php?id=102`, name: 'Eindtoets', instance: 8, visible: 1, uservisible: true, modname: 'quiz', completion: 2 },
						],
					},
				],
			],
		]),
		ltiKeys: [],
		calls: [],
		requests: [],
	}
}

const envelope = (exception: string, errorcode: string, message: string) => HttpResponse.json({ exception, errorcode, message })

export function moodleHandlers(site: MoodleSite) {
	return [
		http.get(`${site.baseUrl}/enrol/lti/jwks.php`, () => HttpResponse.json({ keys: site.ltiKeys })),
		http.post(`${site.baseUrl}/webservice/rest/server.php`, async ({ request }) => {
			const form = new URLSearchParams(await request.text())
			const wsfunction = form.get('wsfunction') ?? ''
			site.calls.push(wsfunction)
			site.requests.push(form)
			if (form.get('wstoken') !== site.token) return envelope('moodle_exception', 'invalidtoken', 'Invalid token - token not found')
			switch (wsfunction) {
				case 'core_user_get_users_by_field': {
					const usernames = [...form.entries()].filter(([name]) => name.startsWith('values[')).map(([, value]) => value)
					return HttpResponse.json(
						usernames
							.filter((username) => site.accounts.has(username))
							.map((username) => ({ id: site.accounts.get(username)!, username, firstname: 'Leerplein', lastname: 'LTI', fullname: 'Leerplein LTI', email: `${username}@example.com`, auth: 'lti', confirmed: 1, suspended: false })),
					)
				}
				case 'core_completion_get_activities_completion_status': {
					const userId = Number(form.get('userid'))
					if (site.forbiddenUsers.has(userId)) return envelope('required_capability_exception', 'nopermissions', 'Sorry, but you do not currently have permissions to do that (View activity completion).')
					const states = site.completion.get(`${form.get('courseid')}:${userId}`) ?? new Map<number, number>()
					return HttpResponse.json({
						statuses: [...states].map(([cmid, state]) => ({
							cmid,
							modname: 'page',
							instance: cmid,
							state,
							timecompleted: state === 0 ? 0 : 1_763_900_000,
							tracking: 1,
							overrideby: null,
							valueused: false,
							hascompletion: true,
							isautomatic: false,
							istrackeduser: true,
							uservisible: true,
							details: [],
						})),
						warnings: [],
					})
				}
				case 'core_course_get_courses':
					return HttpResponse.json(site.courses)
				case 'core_course_get_contents':
					return HttpResponse.json(site.contents.get(Number(form.get('courseid'))) ?? [])
				default:
					return envelope('dml_missing_record_exception', 'invalidrecord', 'Can not find data record in database table external_functions.')
			}
		}),
	]
}
