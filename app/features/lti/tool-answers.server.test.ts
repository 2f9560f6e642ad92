import { describe, expect, test } from 'vitest'
import { refuse } from '../../core/service.server.ts'
import { lineItemInputSchema, scoreSchema } from './protocol.server.ts'
import { deepLinkingRefused, methodNotAllowed, parseToolInput, toolServiceError } from './tool-answers.server.ts'

async function answer(response: Response) {
	return { status: response.status, body: await response.json(), cacheControl: response.headers.get('cache-control') }
}

describe("a tool-facing service's refusal as the protocol's answer", () => {
	test.each([
		['LTI_LINE_ITEM_NOT_FOUND', 'not_found', 404, { error: 'not_found', error_description: 'no such line item' }],
		['LTI_NOT_A_PARTICIPANT', 'invalid', 422, { error: 'invalid_request', error_description: 'userId is not enrolled in this context' }],
		['LTI_RESOURCE_LINK_UNKNOWN', 'invalid', 400, { error: 'invalid_request', error_description: 'resourceLinkId is not a resource link of this tool in this context' }],
		['LTI_RESOURCE_LINK_NOT_FOUND', 'not_found', 404, { error: 'not_found', error_description: 'no such resource link in this context' }],
		['LTI_SCOPE_NOT_ALLOWED', 'invalid', 400, { error: 'invalid_scope', error_description: 'none of the requested scopes is allowed for this tool' }],
		['LTI_REGISTRATION_TOKEN_INVALID', 'forbidden', 401, { error: 'invalid_token', error_description: 'the registration token is invalid, used or expired' }],
		['SCORE_NEGATIVE', 'invalid', 400, { error: 'invalid_request', error_description: 'SCORE_NEGATIVE' }],
	] as const)('%s answers %s as %i', async (code, kind, status, body) => {
		expect(await answer(toolServiceError(refuse(kind, code)))).toEqual({ status, body, cacheControl: 'no-store' })
	})

	test('a method the endpoint does not answer is named in the 405', async () => {
		expect(await answer(methodNotAllowed(['POST']))).toMatchObject({ status: 405, body: { error: 'invalid_request', error_description: 'use POST' } })
		expect((await answer(methodNotAllowed(['GET', 'PUT', 'DELETE']))).body.error_description).toBe('use GET, PUT or DELETE')
		expect((await answer(methodNotAllowed(['GET', 'POST']))).body.error_description).toBe('use GET or POST')
	})

	test('a refused Deep Linking response sends the browser to the page that explains it', () => {
		const response = deepLinkingRefused('LTI_DEEP_LINKING_SIGNATURE')
		expect([response.status, response.headers.get('location')]).toEqual([303, '/lti/deep-linking/mislukt?reden=LTI_DEEP_LINKING_SIGNATURE'])
	})
})

describe("a tool's JSON input", () => {
	test.each([
		['a NUL in a line item label', lineItemInputSchema, { label: 'Eindtoets\u0000', scoreMaximum: 100 }],
		['an escape in a score comment', scoreSchema, { userId: 'u1', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2026-12-03T07:00:00Z', comment: '\u001b[31m' }],
	] as const)('with %s is a 400 invalid_request, before anything is stored', async (_, schema, body) => {
		let thrown: unknown
		try {
			parseToolInput(schema, body)
		} catch (error) {
			thrown = error
		}
		expect(await answer(thrown as Response)).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'text must not contain control characters' }, cacheControl: 'no-store' })
	})
})
