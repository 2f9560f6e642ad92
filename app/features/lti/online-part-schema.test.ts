import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'

const errorsOf = (submission: ReturnType<typeof parseForm>) => (submission.status === 'error' ? submission.error : null)
import { completionRuleSchema, movePartSchema, moodleIdsSchema, onlinePartSchema, removeOnlinePartSchema } from './online-part-schema.ts'

const TOOL = '0190a0b0-0000-7000-8000-000000000001'
const PART = '0190a0b0-0000-7000-8000-000000000002'

function form(fields: Record<string, string>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

describe('linking an online part by hand', () => {
	test('given a tool and a title only, when parsed, then the optional fields are null', () => {
		const parsed = parseForm(form({ intent: 'link', toolId: TOOL, title: ' Toets ', targetLinkUri: '', customId: '', passMarkPercent: '', moodleCourseId: '', moodleActivityId: '' }), onlinePartSchema)
		expect(parsed.status === 'success' && parsed.value).toEqual({ toolId: TOOL, title: 'Toets', targetLinkUri: null, customId: null, passMarkPercent: null, moodleCourseId: null, moodleActivityId: null })
	})

	test('given everything, when parsed, then numbers are numbers', () => {
		const parsed = parseForm(
			form({ toolId: TOOL, title: 'Toets', targetLinkUri: 'https://moodle.test/enrol/lti/launch.php', customId: 'uuid', passMarkPercent: '0', moodleCourseId: '2', moodleActivityId: '101' }),
			onlinePartSchema,
		)
		expect(parsed.status === 'success' && parsed.value).toMatchObject({ passMarkPercent: 0, moodleCourseId: 2, moodleActivityId: 101, customId: 'uuid' })
	})

	test('given wrong fields, when parsed, then each gets its error code', () => {
		const parsed = parseForm(form({ toolId: 'geen', title: '', targetLinkUri: 'moodle.test', customId: 'x'.repeat(201), passMarkPercent: '101', moodleCourseId: '-1', moodleActivityId: '1.5' }), onlinePartSchema)
		expect(errorsOf(parsed)).toEqual({
			toolId: ['ONLINE_PART_TOOL_REQUIRED'],
			title: ['ONLINE_PART_TITLE_REQUIRED'],
			targetLinkUri: ['ONLINE_PART_URL_INVALID'],
			customId: ['ONLINE_PART_CUSTOM_ID_TOO_LONG'],
			passMarkPercent: ['ONLINE_PART_PASS_MARK_INVALID'],
			moodleCourseId: ['MOODLE_ID_INVALID'],
			moodleActivityId: ['MOODLE_ID_INVALID'],
		})
		expect(Object.values(errorsOf(parsed) ?? {}).flat().every(isErrorCode)).toBe(true)
	})

	test('given a title of more than 200 characters, when parsed, then it is too long', () => {
		expect(errorsOf(parseForm(form({ toolId: TOOL, title: 'x'.repeat(201) }), onlinePartSchema))).toEqual({ title: ['ONLINE_PART_TITLE_TOO_LONG'] })
	})
})

describe('the Moodle ids of a part', () => {
	test.each(['99999999999999999999', '2147483648', '1e3', '0x10', '7.0', '+7', '0'])(
		'given the id %s, which is no digits-only number its integer column holds, when parsed, then the field says so',
		(id) => {
			expect(errorsOf(parseForm(form({ resourceLinkId: PART, moodleCourseId: id, moodleActivityId: '42' }), moodleIdsSchema))).toEqual({ moodleCourseId: ['MOODLE_ID_INVALID'] })
		},
	)

	test('given the largest id the column holds, when parsed, then it is accepted', () => {
		const parsed = parseForm(form({ resourceLinkId: PART, moodleCourseId: '2147483647', moodleActivityId: ' 42 ' }), moodleIdsSchema)
		expect(parsed.status === 'success' && parsed.value).toEqual({ resourceLinkId: PART, moodleCourseId: 2_147_483_647, moodleActivityId: 42 })
	})

	test.each(['1e2', '-0', '50.5', '1000'])('given the pass mark %s, when parsed, then the field says so', (mark) => {
		expect(errorsOf(parseForm(form({ toolId: TOOL, title: 'Toets', passMarkPercent: mark }), onlinePartSchema))).toEqual({ passMarkPercent: ['ONLINE_PART_PASS_MARK_INVALID'] })
	})

	test('given half a pair, when parsed, then the error stands beside the activity id', () => {
		expect(errorsOf(parseForm(form({ resourceLinkId: PART, moodleCourseId: '7' }), moodleIdsSchema))).toEqual({ moodleActivityId: ['MOODLE_IDS_PAIR'] })
	})

	test('given both or neither, when parsed, then they are accepted', () => {
		const both = parseForm(form({ resourceLinkId: PART, moodleCourseId: '7', moodleActivityId: '42' }), moodleIdsSchema)
		expect(both.status === 'success' && both.value).toEqual({ resourceLinkId: PART, moodleCourseId: 7, moodleActivityId: 42 })
		const neither = parseForm(form({ resourceLinkId: PART, moodleCourseId: '', moodleActivityId: '' }), moodleIdsSchema)
		expect(neither.status === 'success' && neither.value).toEqual({ resourceLinkId: PART, moodleCourseId: null, moodleActivityId: null })
	})

	test('a part that is no id is not found', () => {
		expect(errorsOf(parseForm(form({ resourceLinkId: 'x' }), removeOnlinePartSchema))).toEqual({ resourceLinkId: ['ONLINE_PART_NOT_FOUND'] })
	})

	test.each(['0', '-1', '1.5', 'twee', '1e2', '1000'])('given a completion rule of %s parts, when parsed, then the field says so', (minParts) => {
		expect(errorsOf(parseForm(form({ minParts }), completionRuleSchema))).toEqual({ minParts: ['COMPLETION_RULE_INVALID'] })
	})

	test('given an empty completion rule, every part counts; given 2, at least two', () => {
		const empty = parseForm(form({ minParts: '' }), completionRuleSchema)
		expect(empty.status === 'success' && empty.value).toEqual({ minParts: null })
		const two = parseForm(form({ minParts: ' 2 ' }), completionRuleSchema)
		expect(two.status === 'success' && two.value).toEqual({ minParts: 2 })
	})

	test('a part to move is the classroom part or an online part by id, up or down', () => {
		const moved = parseForm(form({ part: 'classroom', direction: 'down' }), movePartSchema)
		expect(moved.status === 'success' && moved.value).toEqual({ part: 'classroom', direction: 'down' })
		expect(errorsOf(parseForm(form({ part: 'x', direction: 'up' }), movePartSchema))).toEqual({ part: ['ONLINE_PART_NOT_FOUND'] })
		expect(errorsOf(parseForm(form({ part: PART, direction: 'sideways' }), movePartSchema))).toEqual({ direction: ['PART_CANNOT_MOVE'] })
	})
})
