import { getDefaultPassMarkPercent } from '@leerplein/db/po-rules'
import { insertLineItem, insertOnlinePart, takeMessageState, useToolTokenId } from '@leerplein/db/lti'
import { DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS, deepLinkTargetAllowed, type DeepLinkingResponse } from '@leerplein/moodle'
import { holdsControlCharacters } from '../../core/form.server.ts'
import { audit, inTenant, refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { hashOneTimeValue } from './platform.server.ts'
import { forgetToolAccess } from './service-auth.server.ts'
import { auditToolDenial, type ToolCaller } from './tool-context.server.ts'

/**
 * The tool's LtiDeepLinkingResponse, its signature already checked (requireToolDeepLinkingResponse):
 * it must carry the one-time `data` Leerplein issued with the request, in time, from the same
 * deployment, with a nonce never seen before. The returned resource links become online parts of
 * the course (with their line items), acting as the coordinator who started the selection.
 */
export async function acceptDeepLinkingResponse(
	ctx: ServiceContext,
	{ actor, response }: { actor: ToolCaller; response: DeepLinkingResponse },
): Promise<ServiceResult<{ courseId: string; linked: number; resourceLinkIds: string[]; skipped: number }>> {
	const { tool } = actor
	const now = ctx.clock.now()
	const denied = (coordinator: { tenantId: string; userId: string } | null, reason: string) =>
		auditToolDenial(ctx, { action: 'lti.deep_linking_response', tool, reason, actor: coordinator })
	// A target that is not http(s) on the tool's own domain (javascript:, data:, another site) refuses
	// the whole response, before anything is spent or stored.
	if (response.resources.some((resource) => resource.url !== undefined && !deepLinkTargetAllowed(resource.url, tool))) {
		await denied(null, 'TARGET')
		return refuse('invalid', 'LTI_DEEP_LINKING_TARGET')
	}
	const state = await takeMessageState(ctx.db, { id: hashOneTimeValue(response.data), kind: 'deep_linking_return' })
	if (!state || state.toolId !== tool.id) {
		await denied(null, 'DATA_INVALID')
		return refuse('invalid', 'LTI_DEEP_LINKING_DATA_INVALID')
	}
	if (state.expiresAt.getTime() < now.getTime()) {
		await denied(null, 'DATA_EXPIRED')
		return refuse('invalid', 'LTI_DEEP_LINKING_EXPIRED')
	}
	// The coordinator who asked, in the providing unit: row-level security checks the unit again.
	const coordinator = { tenantId: state.tenantId, userId: state.userId }
	if (response.deploymentId !== state.deploymentId || !tool.deploymentIds.includes(response.deploymentId)) {
		await denied(coordinator, 'DEPLOYMENT')
		return refuse('invalid', 'LTI_DEEP_LINKING_DEPLOYMENT')
	}
	// The same rule as every form: NUL cannot be stored in a title, and no control character belongs in one.
	if (holdsControlCharacters(response.resources)) {
		await denied(coordinator, 'CONTROL_CHARACTERS')
		return refuse('invalid', 'LTI_DEEP_LINKING_INVALID')
	}
	const nonceFresh = await useToolTokenId(ctx.db, {
		toolId: tool.id,
		tokenId: `dl-nonce:${response.nonce}`,
		expiresAt: new Date(now.getTime() + DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS * 1000),
	})
	if (!nonceFresh) {
		await denied(coordinator, 'NONCE_REPLAYED')
		return refuse('conflict', 'LTI_DEEP_LINKING_REPLAYED')
	}

	const linked = await inTenant(ctx, coordinator, async (tx) => {
		const parts = []
		// A tool sends no pass mark (Moodle keeps its own): each new part starts at the concern's default, which the coordinator confirms next (ADR 026).
		const passMarkPercent = await getDefaultPassMarkPercent(tx)
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
				passMarkPercent,
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
		await audit(ctx, tx, {
			actor: coordinator,
			action: 'lti.deep_linking_response',
			objectType: 'course',
			objectId: state.courseId,
			after: { toolId: tool.id, resourceLinkIds: parts.map(({ part }) => part.id), skipped: response.skipped },
		})
		return parts.map(({ part }) => part.id)
	}).finally(forgetToolAccess)
	if (!linked.ok) return linked
	return succeed({ courseId: state.courseId, linked: linked.value.length, resourceLinkIds: linked.value, skipped: response.skipped })
}
