import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { moodleHandlers, moodleSite } from '../../../tests/mocks/moodle.ts'
import { activityCompleted, createMoodleClient, encodeMoodleParams, moodleLtiUsername, MoodleWebServiceError } from './web-services.ts'

// Moodle's REST server answers with the documented shapes (Moodle 4.x API docs, "Web service API
// functions") and, for any failure, HTTP 200 with its error envelope: the one fake Moodle of the
// repository (tests/mocks/moodle.ts), arranged here.
const MOODLE = 'https://moodle.test'
const TOKEN = 'ws-token-123'
const site = moodleSite(MOODLE, TOKEN)
site.courses = [
	{ id: 1, shortname: 'site', fullname: 'Leerplein Moodle', displayname: 'Leerplein Moodle', categoryid: 0, format: 'site', startdate: 0, enddate: 0, visible: 1 },
	{ id: 2, shortname: 'AVG-101', fullname: 'AVG in de praktijk', displayname: 'AVG in de praktijk', categoryid: 1, summary: '<p>E-learning</p>', summaryformat: 1, format: 'topics', startdate: 1714521600, enddate: 0, visible: 1, enablecompletion: 1 },
]
site.contents.set(2, [
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
			{ id: 101, url: `${MOODLE}/mod/quiz/view.php?id=101`, name: 'Eindtoets', instance: 7, contextid: 55, visible: 1, uservisible: true, visibleoncoursepage: 1, modicon: 'x', modname: 'quiz', modplural: 'Quizzen', indent: 0, onclick: '', afterlink: null, customdata: '""', noviewlink: false, completion: 2 },
		],
	},
])
site.accounts.set('enrol_lti_13_known', 42)
site.completion.set('2:42', new Map([[101, 2], [102, 0]]))
site.forbiddenUsers.add(999)
const received = site.requests

const server = setupServer(...moodleHandlers(site))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
	server.resetHandlers()
	received.length = 0
})
afterAll(() => server.close())

describe('the Moodle web services client', () => {
	const moodle = createMoodleClient({ baseUrl: MOODLE, token: TOKEN })

	test('lists the courses of the site, asking only for the ids given', async () => {
		const courses = await moodle.getCourses([2])
		expect(courses.map((course) => course.fullname)).toEqual(['Leerplein Moodle', 'AVG in de praktijk'])
		expect(received[0]!.get('wsfunction')).toBe('core_course_get_courses')
		expect(received[0]!.get('moodlewsrestformat')).toBe('json')
		expect(received[0]!.get('options[ids][0]')).toBe('2')
	})

	test("lists a course's sections and activities", async () => {
		const [general] = await moodle.getCourseContents(2)
		expect(general!.modules).toEqual([expect.objectContaining({ id: 101, name: 'Eindtoets', modname: 'quiz', completion: 2 })])
		expect(received[0]!.get('courseid')).toBe('2')
	})

	test('reads activity completion, where complete-and-passed counts and a fail does not', async () => {
		const { statuses } = await moodle.getActivitiesCompletionStatus(2, 42)
		expect(statuses.map((status) => [status.cmid, activityCompleted(status.state)])).toEqual([
			[101, true],
			[102, false],
		])
		expect(activityCompleted(3)).toBe(false)
	})

	test('finds Moodle accounts by username, and names LTI users the way enrol_lti does', async () => {
		const users = await moodle.getUsersByUsername(['enrol_lti_13_known', 'enrol_lti_13_unknown'])
		expect(users).toEqual([expect.objectContaining({ id: 42, username: 'enrol_lti_13_known' })])
		expect(received[0]!.get('field')).toBe('username')
		expect(received[0]!.get('values[1]')).toBe('enrol_lti_13_unknown')
		expect(moodleLtiUsername('https://leerplein.test', 'user-1')).toBe('enrol_lti_13_3575de5de836c4fc5a00b8a2b9e9f546cc2c570c')
		expect(moodleLtiUsername('https://leerplein.test', 'user-1')).not.toBe(moodleLtiUsername('https://leerplein.test', 'user-2'))
	})

	test("turns Moodle's error envelope into an error with its errorcode", async () => {
		const wrongToken = createMoodleClient({ baseUrl: MOODLE, token: 'wrong' })
		await expect(wrongToken.getCourses()).rejects.toMatchObject({ name: 'MoodleWebServiceError', errorcode: 'invalidtoken', exception: 'moodle_exception' })
		await expect(moodle.getActivitiesCompletionStatus(2, 999)).rejects.toBeInstanceOf(MoodleWebServiceError)
		await expect(moodle.getActivitiesCompletionStatus(2, 999)).rejects.toMatchObject({ errorcode: 'nopermissions' })
	})

	test('refuses an answer in an unexpected shape, and an HTTP failure', async () => {
		server.use(http.post(`${MOODLE}/webservice/rest/server.php`, () => HttpResponse.json({ unexpected: true })))
		await expect(moodle.getCourses()).rejects.toMatchObject({ errorcode: 'unexpected_response' })
		server.use(http.post(`${MOODLE}/webservice/rest/server.php`, () => new HttpResponse('Bad gateway', { status: 502 })))
		await expect(moodle.getCourses()).rejects.toMatchObject({ errorcode: 'http_502' })
	})

	test('encodes nested parameters as Moodle reads them', () => {
		expect(encodeMoodleParams({ options: { ids: [3, 4] }, flag: true })).toEqual([
			['options[ids][0]', '3'],
			['options[ids][1]', '4'],
			['flag', '1'],
		])
	})
})
