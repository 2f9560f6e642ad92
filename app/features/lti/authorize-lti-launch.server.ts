import { withToolContext } from '@leerplein/db'
import { getCourse } from '@leerplein/db/catalogue'
import {
	getLtiTool,
	getOnlinePart,
	getUnitPoOverrides,
	insertMessageState,
	listLineItems,
	takeMessageState,
	useToolTokenId,
	type LtiMessageState,
	type LtiTool,
} from '@leerplein/db/lti'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import { effectivePoSettings, isUnpublishedCourseVisibleTo, lisRolesInCourse, LTI_SCOPES, sharedPersonalFields } from '@leerplein/domain'
import {
	authenticationRequestSchema,
	ID_TOKEN_LIFETIME_SECONDS,
	isRegisteredRedirectUri,
	MESSAGE_TYPE,
	signLaunch,
	type LaunchMessage,
	type ServiceClaims,
} from '@leerplein/moodle'
import type { ErrorCode } from '../../core/error-codes.ts'
import { inTenant, refusal, refuse, succeed, type Actor, type FailureKind, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { agsLineItemsUrl, agsLineItemUrl, hashOneTimeValue, LTI_PATHS, nrpsMembershipsUrl, oneTimeValue, platformOf, platformSigner, type SecretsConfig } from './platform.server.ts'
import { auditApart, auditToolDenial } from './tool-context.server.ts'

export type AuthorizeAnswer = { redirectUri: string; idToken: string; state: string; toolName: string }

/** How long a coordinator may browse the tool's content before the Deep Linking response must arrive. */
const DEEP_LINKING_RETURN_LIFETIME_MS = 30 * 60_000

/**
 * Leerplein's OIDC authorization endpoint for LTI launches (LTI 1.3 Core §5.1.1): checks the
 * tool's client id and exact redirect URI, the signed-in person against `login_hint`, takes the
 * one-time `lti_message_hint`, refuses a replayed `nonce`, and answers with a signed id_token.
 * `person` is what the launch may tell the tool about the actor (as their unit and the tool allow).
 * Refusals after the tool is known are audited.
 */
export async function authorizeLtiLaunch(
	ctx: ServiceContext & SecretsConfig,
	{ actor, person, params, issuer }: { actor: Actor; person: { name: string; email: string }; params: Record<string, string>; issuer: string },
): Promise<ServiceResult<AuthorizeAnswer>> {
	const now = ctx.clock.now()
	const parsed = authenticationRequestSchema.safeParse(params)
	if (!parsed.success) return refuse('invalid', 'LTI_INVALID_REQUEST')
	const request = parsed.data
	const tool = await getLtiTool(ctx.db, { clientId: request.client_id })
	// Every refusal from here on leaves its trail: a log line and a counted audit row in the person's unit.
	const denied = async (kind: FailureKind, code: ErrorCode) => {
		await auditToolDenial(ctx, { action: 'lti.authorize', tool, clientId: request.client_id, reason: code, actor })
		return refuse(kind, code)
	}
	if (!tool) return denied('invalid', 'LTI_UNKNOWN_CLIENT')
	// Switched off after the launch started: the person is told so, as when starting one.
	if (!tool.active) return denied('forbidden', 'TOOL_INACTIVE')
	if (!isRegisteredRedirectUri(tool.redirectUris, request.redirect_uri)) return denied('invalid', 'LTI_REDIRECT_URI_NOT_REGISTERED')
	const hintHash = hashOneTimeValue(request.lti_message_hint)
	const state = (await takeMessageState(ctx.db, { id: hintHash, kind: 'launch' })) ?? (await takeMessageState(ctx.db, { id: hintHash, kind: 'deep_linking' }))
	if (!state || state.toolId !== tool.id) return denied('invalid', 'LTI_MESSAGE_HINT_INVALID')
	if (state.expiresAt.getTime() < now.getTime()) return denied('invalid', 'LTI_MESSAGE_HINT_EXPIRED')
	if (request.login_hint !== actor.userId || state.userId !== actor.userId) return denied('forbidden', 'LTI_LOGIN_HINT_MISMATCH')
	const freshNonce = await useToolTokenId(ctx.db, {
		toolId: tool.id,
		tokenId: `nonce:${request.nonce}`,
		expiresAt: new Date(now.getTime() + ID_TOKEN_LIFETIME_SECONDS * 1000 * 2),
	})
	if (!freshNonce) return denied('invalid', 'LTI_NONCE_REPLAYED')

	const message = await inTenant(ctx, actor, async (tx): Promise<LaunchMessage> => {
		const overrides = await getUnitPoOverrides(tx, { tenantId: actor.tenantId })
		const unitAllows = effectivePoSettings(await getConcernPoDefaults(tx), overrides).shareContactDetailsWithTools
		const shared = sharedPersonalFields(tool, unitAllows)
		const base = {
			platform: platformOf(issuer),
			clientId: tool.clientId,
			deploymentId: state.deploymentId,
			nonce: request.nonce,
			now,
			person: {
				subject: actor.userId,
				roles: lisRolesInCourse(actor, state.tenantId),
				name: shared.name ? person.name : null,
				email: shared.email ? person.email : null,
				locale: 'nl-NL',
			},
			presentation: { documentTarget: 'window' as const, locale: 'nl-NL' },
		}
		if (state.kind === 'launch') {
			const part = await getOnlinePart(tx, { resourceLinkId: state.resourceLinkId! })
			if (!part) throw refusal('invalid', 'LTI_MESSAGE_HINT_INVALID')
			return {
				...base,
				messageType: MESSAGE_TYPE.resourceLink,
				context: { id: part.course.id, label: part.course.id.slice(-8), title: part.course.title },
				targetLinkUri: part.link.targetLinkUri ?? tool.targetLinkUri,
				custom: { ...tool.custom, ...part.link.custom },
				resourceLink: { id: part.link.id, title: part.link.title, description: part.link.description },
				services: await serviceClaims(ctx, tool, state, issuer),
			} satisfies LaunchMessage
		}
		const data = oneTimeValue()
		await insertMessageState(tx, { ...state, id: data.hash, kind: 'deep_linking_return', expiresAt: new Date(now.getTime() + DEEP_LINKING_RETURN_LIFETIME_MS) })
		// The deep-linking request was started by a coordinator of the course's unit (courseToManage); only its title is needed.
		const course = await getCourse(tx, { viewerTenantId: actor.tenantId, unpublished: isUnpublishedCourseVisibleTo({ providerTenantId: actor.tenantId }, actor), courseId: state.courseId })
		return {
			...base,
			messageType: MESSAGE_TYPE.deepLinkingRequest,
			context: { id: state.courseId, label: state.courseId.slice(-8), title: course?.title ?? '' },
			targetLinkUri: tool.deepLinkingUrl ?? tool.targetLinkUri,
			custom: { ...tool.custom },
			deepLinking: { returnUrl: `${issuer}${LTI_PATHS.deepLinkingReturn}`, data: data.value },
			services: await serviceClaims(ctx, tool, state, issuer),
		} satisfies LaunchMessage
	})
	if (!message.ok) return denied(message.kind, message.code)

	const idToken = await signLaunch(await platformSigner(ctx.db, ctx.config.secretsKey), message.value)
	await auditApart(ctx, actor, {
		action: state.kind === 'launch' ? 'lti.launch' : 'lti.deep_linking_request',
		objectType: state.kind === 'launch' ? 'lti_resource_link' : 'course',
		objectId: state.resourceLinkId ?? state.courseId,
		after: { toolId: tool.id, deploymentId: state.deploymentId },
	})
	return succeed({ redirectUri: request.redirect_uri, idToken, state: request.state, toolName: tool.name })
}

/** The AGS and NRPS claims a tool gets, by the scopes its registration allows. */
async function serviceClaims(ctx: Pick<ServiceContext, 'db'>, tool: LtiTool, state: LtiMessageState, issuer: string): Promise<ServiceClaims> {
	const agsScopes = [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly, LTI_SCOPES.resultReadOnly, LTI_SCOPES.score].filter((scope) => tool.scopes.includes(scope))
	const claims: ServiceClaims = {}
	if (agsScopes.length > 0) {
		// With exactly one line item on the link, Moodle needs not look it up by tag and resource.
		const lineItem = state.resourceLinkId
			? await withToolContext(ctx.db, { tenantId: state.tenantId, toolId: tool.id }, async (tx) => {
					const { items } = await listLineItems(tx, { filter: { courseId: state.courseId, resourceLinkId: state.resourceLinkId }, page: 1, pageSize: 2 })
					return items.length === 1 ? items[0]! : null
				})
			: null
		claims.ags = {
			scope: agsScopes,
			lineitems: agsLineItemsUrl(issuer, state.courseId),
			lineitem: lineItem ? agsLineItemUrl(issuer, state.courseId, lineItem.id) : null,
		}
	}
	if (tool.scopes.includes(LTI_SCOPES.memberships)) claims.nrps = { contextMembershipsUrl: nrpsMembershipsUrl(issuer, state.courseId) }
	return claims
}
