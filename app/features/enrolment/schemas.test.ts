import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { parseForm } from '../../core/form.server.ts'
import { decisionSchema } from './decision-schema.ts'
import { enrolSchema } from './enrol-schema.ts'
import { moveSchema } from './move-schema.ts'
import { participantActionSchema } from './participant-action-schema.ts'

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one)
	return data
}

const errorsOf = (submission: ReturnType<typeof parseForm>) => (submission.status === 'error' ? submission.error : null)

describe('the enrolment form', () => {
	test('asks for a session, by its id', () => {
		expect(errorsOf(parseForm(form({ intent: 'enrol' }), enrolSchema))).toEqual({ sessionId: ['SESSION_CHOICE_REQUIRED'] })
		expect(errorsOf(parseForm(form({ intent: 'enrol', sessionId: "1' or '1'='1" }), enrolSchema))).toEqual({ sessionId: ['SESSION_CHOICE_REQUIRED'] })
	})

	test('takes an optional cost centre of letters, digits and hyphens, at most 20', () => {
		const sessionId = randomUUID()
		const accepted = parseForm(form({ intent: 'enrol', sessionId, costCentre: ' KP-4711 ' }), enrolSchema)
		expect(accepted.status === 'success' && accepted.value).toEqual({ intent: 'enrol', sessionId, costCentre: 'KP-4711' })
		const empty = parseForm(form({ intent: 'enrol', sessionId, costCentre: '' }), enrolSchema)
		expect(empty.status === 'success' && empty.value.costCentre).toBeNull()
		expect(errorsOf(parseForm(form({ intent: 'enrol', sessionId, costCentre: 'KP 47;11' }), enrolSchema))).toEqual({ costCentre: ['COST_CENTRE_INVALID'] })
		expect(errorsOf(parseForm(form({ intent: 'enrol', sessionId, costCentre: 'K'.repeat(21) }), enrolSchema))).toEqual({ costCentre: ['COST_CENTRE_INVALID'] })
	})
})

describe('the approvals form', () => {
	test('needs at least one request, each by its id', () => {
		expect(errorsOf(parseForm(form({ intent: 'approve' }), decisionSchema))).toEqual({ ids: ['NOTHING_SELECTED'] })
		expect(errorsOf(parseForm(form({ intent: 'approve', ids: [randomUUID(), 'x'] }), decisionSchema))).toEqual({ ids: ['ENROLMENT_NOT_FOUND'] })
		const one = randomUUID()
		const approved = parseForm(form({ intent: 'approve', ids: one }), decisionSchema)
		expect(approved.status === 'success' && approved.value.ids).toEqual([one])
	})

	test('declining needs a reason of 3 to 500 characters', () => {
		const ids = randomUUID()
		expect(errorsOf(parseForm(form({ intent: 'decline', ids, reason: '' }), decisionSchema))).toEqual({ reason: ['DECLINE_REASON_REQUIRED'] })
		expect(errorsOf(parseForm(form({ intent: 'decline', ids, reason: ' no ' }), decisionSchema))).toEqual({ reason: ['DECLINE_REASON_REQUIRED'] })
		expect(errorsOf(parseForm(form({ intent: 'decline', ids, reason: 'x'.repeat(501) }), decisionSchema))).toEqual({ reason: ['DECLINE_REASON_REQUIRED'] })
		const declined = parseForm(form({ intent: 'decline', ids, reason: 'Past niet in het plan.' }), decisionSchema)
		expect(declined.status === 'success' && declined.value).toEqual({ intent: 'decline', ids: [ids], reason: 'Past niet in het plan.' })
	})
})

describe('the move form', () => {
	test('names a participant and a session by their ids', () => {
		expect(errorsOf(parseForm(form({ intent: 'move', enrolmentId: 'x', toSessionId: 'y' }), moveSchema))).toEqual({ enrolmentId: ['ENROLMENT_NOT_FOUND'], toSessionId: ['MOVE_TARGET_INVALID'] })
	})
})

describe('the participant list form (bulk actions on a session)', () => {
	test('needs at least one person, each by its id, at most 1000', () => {
		expect(errorsOf(parseForm(form({ intent: 'preview-cancel-selected', reason: 'Ziek' }), participantActionSchema))).toEqual({ ids: ['PARTICIPANTS_NOT_SELECTED'] })
		expect(errorsOf(parseForm(form({ intent: 'mail-selected', ids: ['x'], subject: 'Hallo', message: 'Een bericht' }), participantActionSchema))).toEqual({ ids: ['ENROLMENT_NOT_FOUND'] })
		const many = Array.from({ length: 1001 }, () => randomUUID())
		expect(errorsOf(parseForm(form({ intent: 'cancel-selected', ids: many, reason: 'Ziek' }), participantActionSchema))).toEqual({ ids: ['PARTICIPANTS_NOT_SELECTED'] })
		expect(errorsOf(parseForm(form({ intent: 'preview-move-selected', ids: many, toSessionId: randomUUID() }), participantActionSchema))).toEqual({ ids: ['PARTICIPANTS_NOT_SELECTED'] })
	})

	test('"all that match" stands for the ticks in a preview or a mail, with the list\'s filter; a confirmed action still names its ids', () => {
		const all = parseForm(form({ intent: 'preview-cancel-selected', alles: 'ja', filter: 'deelnemer=jansen', reason: 'Ziek' }), participantActionSchema)
		expect(all.status === 'success' && all.value).toEqual({ intent: 'preview-cancel-selected', alles: 'ja', filter: 'deelnemer=jansen', reason: 'Ziek' })
		const mailAll = parseForm(form({ intent: 'mail-selected', alles: 'ja', subject: 'Hallo', message: 'Een bericht' }), participantActionSchema)
		expect(mailAll.status).toBe('success')
		expect(errorsOf(parseForm(form({ intent: 'preview-cancel-selected', alles: 'nee', reason: 'Ziek' }), participantActionSchema))).toEqual({ alles: [expect.any(String)] })
		expect(errorsOf(parseForm(form({ intent: 'cancel-selected', alles: 'ja', reason: 'Ziek' }), participantActionSchema))).toEqual({ ids: ['PARTICIPANTS_NOT_SELECTED'] })
	})

	test('each action asks for its own fields, beside them: a reason, a target, a subject and a message of limited length', () => {
		const ids = [randomUUID()]
		expect(errorsOf(parseForm(form({ intent: 'preview-cancel-selected', ids, reason: ' ' }), participantActionSchema))).toEqual({ reason: ['ENROLMENT_CANCEL_REASON_REQUIRED'] })
		expect(errorsOf(parseForm(form({ intent: 'preview-move-selected', ids, toSessionId: 'elders' }), participantActionSchema))).toEqual({ toSessionId: ['MOVE_TARGET_INVALID'] })
		expect(errorsOf(parseForm(form({ intent: 'mail-selected', ids, subject: 'x'.repeat(151), message: '' }), participantActionSchema))).toEqual({
			subject: ['MESSAGE_SUBJECT_REQUIRED'],
			message: ['MESSAGE_BODY_REQUIRED'],
		})
		const mailed = parseForm(form({ intent: 'mail-selected', ids, subject: ' Parkeren ', message: 'Regel een\nRegel twee' }), participantActionSchema)
		expect(mailed.status === 'success' && mailed.value).toEqual({ intent: 'mail-selected', ids, subject: 'Parkeren', message: 'Regel een\nRegel twee' })
	})
})
