import { getLtiTool, insertLineItem, insertOnlinePart, takeMessageState, useToolTokenId, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import { DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS, LtiJwtError, unverifiedIssuer, verifyDeepLinkingResponse } from '@leerplein/moodle'
import { hashOneTimeValue } from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { forgetToolAccess } from './service-auth.server.ts'
import { keySourceOf } from './issue-lti-access-token.server.ts'

export type DeepLinkingFailure =
	| 'LTI_DEEP_LINKING_INVALID'
	| 'LTI_DEEP_LINKING_UNKNOWN_TOOL'
	| 'LTI_DEEP_LINKING_SIGNATURE'
	| 'LTI_DEEP_LINKING_DATA_INVALID'
	| 'LTI_DEEP_LINKING_DEPLOYMENT'
	| 'LTI_DEEP_LINKING_REPLAYED'
	| 'LTI_DEEP_LINKING_EXPIRED'

/**
 * The tool's LtiDeepLinkingResponse, a cross-site form post without Leerplein's cookie: it is
 * authenticated by the tool's signature and the one-time `data` Leerplein issued with the request,
 * never by a session. The returned resource links become online parts of the course, acting as
 * the coordinator who started the selection.
 */
export async function acceptDeepLinkingResponse(
	context: LeerpleinContext,
	{ jwt, issuer }: { jwt: string; issuer: string },
	now = new Date(),
): Promise<Result<{ courseId: string; linked: number; skipped: number }, DeepLinkingFailure>> {
	if (!jwt) return fail('LTI_DEEP_LINKING_INVALID')
	const clientId = unverifiedIssuer(jwt)
	const tool = clientId ? await getLtiTool(context.db, { clientId }) : null
	if (!tool || !tool.active) return fail('LTI_DEEP_LINKING_UNKNOWN_TOOL')
	let response
	try {
		response = await verifyDeepLinkingResponse(jwt, keySourceOf(tool), { clientId: tool.clientId, platformIssuer: issuer, now })
	} catch (error) {
		if (!(error instanceof LtiJwtError)) throw error
		await audit(context, null, tool.id, { reason: error.code })
		return fail(error.code === 'EXPIRED' || error.code === 'NOT_YET_VALID' ? 'LTI_DEEP_LINKING_EXPIRED' : 'LTI_DEEP_LINKING_SIGNATURE')
	}
	const state = await takeMessageState(context.db, { id: hashOneTimeValue(response.data), kind: 'deep_linking_return' })
	if (!state || state.toolId !== tool.id) {
		await audit(context, null, tool.id, { reason: 'DATA_INVALID' })
		return fail('LTI_DEEP_LINKING_DATA_INVALID')
	}
	if (state.expiresAt.getTime() < now.getTime()) return fail('LTI_DEEP_LINKING_EXPIRED')
	if (response.deploymentId !== state.deploymentId || !tool.deploymentIds.includes(response.deploymentId)) {
		await audit(context, state, tool.id, { reason: 'DEPLOYMENT' })
		return fail('LTI_DEEP_LINKING_DEPLOYMENT')
	}
	const nonceFresh = await useToolTokenId(context.db, {
		toolId: tool.id,
		tokenId: `dl-nonce:${response.nonce}`,
		expiresAt: new Date(now.getTime() + DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS * 1000),
	})
	if (!nonceFresh) {
		await audit(context, state, tool.id, { reason: 'NONCE_REPLAYED' })
		return fail('LTI_DEEP_LINKING_REPLAYED')
	}

	// The coordinator who asked, in the providing unit: row-level security checks the unit again.
	const linked = await withTenantContext(context.db, { tenantId: state.tenantId, userId: state.userId }, async (tx) => {
		const parts = []
		for (const resource of response.resources) {
			const part = await insertOnlinePart(tx, {
				tenantId: state.tenantId,
				courseId: state.courseId,
				toolId: tool.id,
				deploymentId: state.deploymentId,
				title: resource.title?.trim() || resource.lineItem?.label || tool.name,
				description: resource.text ?? null,
				targetLinkUri: resource.url ?? null,
				custom: resource.custom ?? {},
				createdBy: state.userId,
			})
			parts.push({ part, lineItem: resource.lineItem })
		}
		for (const { part, lineItem } of parts) {
			if (!lineItem) continue
			await insertLineItem(tx, {
				tenantId: state.tenantId,
				courseId: state.courseId,
				toolId: tool.id,
				resourceLinkId: part.id,
				label: lineItem.label ?? part.title,
				scoreMaximum: lineItem.scoreMaximum,
				resourceId: lineItem.resourceId ?? null,
				tag: lineItem.tag ?? null,
			})
		}
		await writeAudit(tx, {
			tenantId: state.tenantId,
			actorUserId: state.userId,
			action: 'lti.deep_linking_response',
			objectType: 'course',
			objectId: state.courseId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { toolId: tool.id, resourceLinkIds: parts.map(({ part }) => part.id), skipped: response.skipped },
		})
		return parts
	}).finally(forgetToolAccess)
	return ok({ courseId: state.courseId, linked: linked.length, skipped: response.skipped })
}

function audit(context: LeerpleinContext, state: { tenantId: string; userId: string } | null, toolId: string, after: Record<string, unknown>) {
	return withTenantContext(context.db, { tenantId: state?.tenantId ?? null, userId: state?.userId ?? null }, (tx) =>
		writeAudit(tx, {
			tenantId: state?.tenantId ?? null,
			actorUserId: state?.userId ?? null,
			action: 'lti.deep_linking_response',
			objectType: 'lti_tool',
			objectId: toolId,
			result: 'denied',
			origin: context.clientIp,
			requestId: context.requestId,
			after,
		}),
	)
}
