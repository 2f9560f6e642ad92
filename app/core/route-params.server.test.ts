import { describe, expect, test } from 'vitest'
import { idParam, isSlug, slugParam } from './route-params.server.ts'

/** What a refused parameter throws: the response's status and the message it names. */
async function refusal(read: () => unknown) {
	try {
		read()
	} catch (thrown) {
		const response = thrown as { init: { status: number }; data: { messageKey: string } }
		return { status: response.init.status, messageKey: response.data.messageKey }
	}
	throw new Error('the parameter was accepted')
}

const ID = '0190a0b0-0000-7000-8000-000000000001'

describe('a route id parameter', () => {
	test('given a UUID, when read, then it is the id', () => {
		expect(idParam({ courseId: ID }, 'courseId', 'COURSE_NOT_FOUND')).toBe(ID)
	})

	test.each(['not-a-uuid', '', '%00', '../etc', `${ID}x`, "' or 1=1 --", '99999999999999999999'])(
		'given %j, which cannot name a row, when read, then it is the page’s 404 before any query',
		async (value) => {
			expect(await refusal(() => idParam({ resourceLinkId: value }, 'resourceLinkId', 'ONLINE_PART_NOT_FOUND'))).toEqual({ status: 404, messageKey: 'ONLINE_PART_NOT_FOUND' })
		},
	)

	test('given no such parameter, when read, then it is a 404', async () => {
		expect(await refusal(() => idParam({}, 'sessionId', 'SESSION_NOT_FOUND'))).toEqual({ status: 404, messageKey: 'SESSION_NOT_FOUND' })
	})
})

describe('a route unit slug parameter', () => {
	test('given a slug, when read, then it is the slug', () => {
		expect(slugParam({ slug: 'rvo' }, 'slug', 'TENANT_NOT_FOUND')).toBe('rvo')
	})

	test.each(['RVO', 'rvo\u0000', '../rvo', 'r'.repeat(65), ''])('given %j, when read, then it is a 404', async (value) => {
		expect(isSlug(value)).toBe(false)
		expect(await refusal(() => slugParam({ slug: value }, 'slug', 'TENANT_NOT_FOUND'))).toEqual({ status: 404, messageKey: 'TENANT_NOT_FOUND' })
	})
})
