import { createHash } from 'node:crypto'
import { z } from 'zod'

// A client for Moodle's REST web services, for what LTI does not cover: the site's courses and
// activities for the administrator, and activity completion as a fallback sync (Moodle sends
// grades over AGS only for graded activities; completion without a grade never arrives).

/** Moodle's error envelope: HTTP 200 with `exception` and `errorcode` (e.g. `invalidtoken`, `accessexception`). */
const errorEnvelope = z.object({ exception: z.string(), errorcode: z.string(), message: z.string().optional(), debuginfo: z.string().optional() })

export class MoodleWebServiceError extends Error {
	constructor(
		readonly errorcode: string,
		readonly exception: string,
		message: string,
	) {
		super(message)
		this.name = 'MoodleWebServiceError'
	}
}

const course = z.object({
	id: z.number().int(),
	shortname: z.string(),
	fullname: z.string(),
	displayname: z.string().optional(),
	categoryid: z.number().int().optional(),
	summary: z.string().optional(),
	startdate: z.number().int().optional(),
	enddate: z.number().int().optional(),
	visible: z.number().int().optional(),
	enablecompletion: z.number().int().optional(),
})
export type MoodleCourse = z.infer<typeof course>

const courseModule = z.object({
	id: z.number().int(),
	name: z.string(),
	instance: z.number().int().optional(),
	modname: z.string(),
	url: z.string().optional(),
	visible: z.number().int().optional(),
	uservisible: z.boolean().optional(),
	completion: z.number().int().optional(),
})
const section = z.object({
	id: z.number().int(),
	name: z.string(),
	section: z.number().int().optional(),
	visible: z.number().int().optional(),
	modules: z.array(courseModule),
})
export type MoodleSection = z.infer<typeof section>

/** Activity completion states of core_completion: incomplete, complete, complete and passed, complete but failed. */
export const COMPLETION_STATE = { incomplete: 0, complete: 1, completePass: 2, completeFail: 3 } as const

const completionStatus = z.object({
	statuses: z.array(
		z.object({
			cmid: z.number().int(),
			modname: z.string(),
			instance: z.number().int(),
			state: z.number().int(),
			timecompleted: z.number().int(),
			tracking: z.number().int(),
			overrideby: z.number().int().nullish(),
			valueused: z.boolean().optional(),
		}),
	),
	warnings: z.array(z.object({ item: z.string().optional(), itemid: z.number().optional(), warningcode: z.string(), message: z.string() })).default([]),
})
export type MoodleCompletionStatus = z.infer<typeof completionStatus>

const moodleUser = z.object({ id: z.number().int(), username: z.string(), fullname: z.string().optional() })
export type MoodleUser = z.infer<typeof moodleUser>

/**
 * The username Moodle's enrol_lti (LTI 1.3, Moodle 4.x) gives a person it first meets in a launch
 * or a membership sync: `enrol_lti_13_` + sha1(issuer + '_' + sub) (enrol/lti/classes/local/ltiadvantage/repository/user_repository.php).
 */
export function moodleLtiUsername(issuer: string, subject: string): string {
	return `enrol_lti_13_${createHash('sha1').update(`${issuer}_${subject}`).digest('hex')}`
}

export type MoodleClientOptions = { baseUrl: string; token: string; fetch?: typeof fetch; timeoutMs?: number }

/** Form-encodes nested parameters the way Moodle's REST server reads them: `options[ids][0]=2`. */
export function encodeMoodleParams(params: Record<string, unknown>, prefix = ''): [string, string][] {
	const pairs: [string, string][] = []
	for (const [key, value] of Object.entries(params)) {
		const name = prefix ? `${prefix}[${key}]` : key
		if (value === undefined || value === null) continue
		if (Array.isArray(value)) value.forEach((entry, index) => pairs.push(...encodeMoodleParams({ [index]: entry }, name)))
		else if (typeof value === 'object') pairs.push(...encodeMoodleParams(value as Record<string, unknown>, name))
		else pairs.push([name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)])
	}
	return pairs
}

export function createMoodleClient({ baseUrl, token, fetch: fetchImpl, timeoutMs = 10_000 }: MoodleClientOptions) {
	const endpoint = new URL('webservice/rest/server.php', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString()

	async function call<T>(wsfunction: string, params: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
		const body = new URLSearchParams([['wstoken', token], ['wsfunction', wsfunction], ['moodlewsrestformat', 'json'], ...encodeMoodleParams(params)])
		// The global fetch is looked up per call, so an interceptor installed later (msw in tests, a proxy agent) applies.
		const response = await (fetchImpl ?? globalThis.fetch)(endpoint, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		})
		if (!response.ok) throw new MoodleWebServiceError(`http_${response.status}`, 'http_error', `Moodle answered HTTP ${response.status} to ${wsfunction}`)
		const json = (await response.json()) as unknown
		const failure = errorEnvelope.safeParse(json)
		if (failure.success) throw new MoodleWebServiceError(failure.data.errorcode, failure.data.exception, failure.data.message ?? failure.data.errorcode)
		const parsed = schema.safeParse(json)
		if (!parsed.success) throw new MoodleWebServiceError('unexpected_response', 'invalid_response', `${wsfunction} answered in an unexpected shape`)
		return parsed.data
	}

	return {
		/** core_course_get_courses: all courses, or those with these ids. */
		getCourses: (ids?: number[]) => call('core_course_get_courses', ids ? { options: { ids } } : {}, z.array(course)),
		/** core_course_get_contents: a course's sections and their activities. */
		getCourseContents: (courseId: number) => call('core_course_get_contents', { courseid: courseId }, z.array(section)),
		/** core_user_get_users_by_field: the Moodle accounts with these usernames (absent ones are left out). */
		getUsersByUsername: (usernames: string[]) => call('core_user_get_users_by_field', { field: 'username', values: usernames }, z.array(moodleUser)),
		/** core_completion_get_activities_completion_status: a person's completion of every activity in a course. */
		getActivitiesCompletionStatus: (courseId: number, userId: number) =>
			call('core_completion_get_activities_completion_status', { courseid: courseId, userid: userId }, completionStatus),
	}
}

export type MoodleClient = ReturnType<typeof createMoodleClient>

/** Whether an activity counts as completed for the fallback sync: complete, or complete and passed; never a fail. */
export function activityCompleted(state: number): boolean {
	return state === COMPLETION_STATE.complete || state === COMPLETION_STATE.completePass
}
