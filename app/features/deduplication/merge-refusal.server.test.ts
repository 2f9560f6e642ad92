import { describe, expect, test } from 'vitest'
import { ServiceError } from '../../core/service.server.ts'
import { mergeRefusal } from './merge-refusal.server.ts'

/** A driver error as drizzle wraps it: the SQLSTATE on the cause. */
const raised = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('MERGE_NOT_PUBLISHED'), { code }) })

describe('a refusal of the database merge functions', () => {
	test('a course no longer mergeable, or a merge not found, is refused with the given code', () => {
		expect(mergeRefusal(raised('23514'), 'MERGE_NOT_ALLOWED')?.failure).toEqual({ ok: false, kind: 'invalid', code: 'MERGE_NOT_ALLOWED' })
		expect(mergeRefusal(raised('P0002'), 'MERGE_UNDO_NOT_ALLOWED')?.failure).toEqual({ ok: false, kind: 'invalid', code: 'MERGE_UNDO_NOT_ALLOWED' })
	})

	test('someone who is not a concern administrator is forbidden', () => {
		const refusal = mergeRefusal(raised('42501'), 'MERGE_NOT_ALLOWED')
		expect(refusal).toBeInstanceOf(ServiceError)
		expect(refusal?.failure).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' })
	})

	test('any other error is a fault, not a refusal', () => {
		expect(mergeRefusal(raised('40001'), 'MERGE_NOT_ALLOWED')).toBeNull()
		expect(mergeRefusal(new Error('connection lost'), 'MERGE_NOT_ALLOWED')).toBeNull()
	})
})
