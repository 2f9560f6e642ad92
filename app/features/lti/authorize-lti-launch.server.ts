import {
	getCourse,
	getLtiTool,
	getOnlinePart,
	getConcernPoDefaults,
	getUnitPoOverrides,
	insertMessageState,
	listLineItems,
	takeMessageState,
	useToolTokenId,
	withTenantContext,
	withToolContext,
	writeAudit,
	type LtiMessageState,
	type LtiTool,
} from '@leerplein/db'
import {
	effectivePoSettings,
	fail,
	lisRolesInCourse,
	LTI_SCOPES,
	ok,
	sharedPersonalFields,
	type Result,
} from '@leerplein/domain'
import {
	authenticationRequestSchema,
	ID_TOKEN_LIFETIME_SECONDS,
	isRegisteredRedirectUri,
	MESSAGE_TYPE,
	signLaunch,
	type LaunchMessage,
	type ServiceClaims,
} from '@leerplein/moodle'
import { actorOf } from '../identity/guard.server.ts'
import type { SignedIn } from '../identity/session.server.ts'
import {
	agsLineItemsUrl,
	agsLineItemUrl,
	hashOneTimeValue,
	LTI_PATHS,
	nrpsMembershipsUrl,
	oneTimeValue,
	platformOf,
	platformSigner,
} from './platform.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type AuthorizeFailure =
	| 'LTI_INVALID_REQUEST'
	| 'LTI_UNKNOWN_CLIENT'
	| 'LTI_REDIRECT_URI_NOT_REGISTERED'
	| 'LTI_LOGIN_REQUIRED'
	| 'LTI_MESSAGE_HINT_INVALID'
	| 'LTI_MESSAGE_HINT_EXPIRED'
	| 'LTI_LOGIN_HINT_MISMATCH'
	| 'LTI_NONCE_REPLAYED'

export type AuthorizeAnswer = { redirectUri: string; idToken: string; state: string; toolName: string }

/** How long a coordinator may browse the tool's content before the Deep Linking response must arrive. */
const DEEP_LINKING_RETURN_LIFETIME_MS = 30 * 60_000

/**
 * Leerplein's OIDC authorization endpoint for LTI launches (LTI 1.3 Core §5.1.1): checks the
 * tool's client id and exact redirect URI, the signed-in person against `login_hint`, takes the
 * one-time `lti_message_hint`, refuses a replayed `nonce`, and answers with a signed id_token.
 */
export async function authorizeLtiLaunch(
	context: LeerpleinContext,
	{ params, signedIn, issuer }: { params: Record<string, string>; signedIn: SignedIn | null; issuer: string },
	now = new Date(),
): Promise<Result<AuthorizeAnswer, AuthorizeFailure>> {
	const parsed = authenticationRequestSchema.safeParse(params)
	if (!parsed.success) return fail('LTI_INVALID_REQUEST')
	const request = parsed.data
	const tool = await getLtiTool(context.db, { clientId: request.client_id })
	if (!tool || !tool.active) return fail('LTI_UNKNOWN_CLIENT')
	if (!isRegisteredRedirectUri(tool.redirectUris, request.redirect_uri)) return fail('LTI_REDIRECT_URI_NOT_REGISTERED')
	if (!signedIn) return fail('LTI_LOGIN_REQUIRED')

	const { person } = signedIn
	const hintHash = hashOneTimeValue(request.lti_message_hint)
	const state =
		(await takeMessageState(context.db, { id: hintHash, kind: 'launch' })) ?? (await takeMessageState(context.db, { id: hintHash, kind: 'deep_linking' }))
	const refuse = async (code: AuthorizeFailure) => {
		await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, (tx) =>
			writeAudit(tx, {
				tenantId: person.tenantId,
				actorUserId: person.userId,
				action: 'lti.authorize',
				objectType: 'lti_tool',
				objectId: tool.id,
				result: 'denied',
				origin: context.clientIp,
				requestId: context.requestId,
				after: { reason: code },
			}),
		)
		return fail(code)
	}
	if (!state || state.toolId !== tool.id) return refuse('LTI_MESSAGE_HINT_INVALID')
	if (state.expiresAt.getTime() < now.getTime()) return refuse('LTI_MESSAGE_HINT_EXPIRED')
	if (request.login_hint !== person.userId || state.userId !== person.userId) return refuse('LTI_LOGIN_HINT_MISMATCH')
	const freshNonce = await useToolTokenId(context.db, {
		toolId: tool.id,
		tokenId: `nonce:${request.nonce}`,
		expiresAt: new Date(now.getTime() + ID_TOKEN_LIFETIME_SECONDS * 1000 * 2),
	})
	if (!freshNonce) return refuse('LTI_NONCE_REPLAYED')

	const message = await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const overrides = await getUnitPoOverrides(tx, { tenantId: person.tenantId })
		const unitAllows = effectivePoSettings(await getConcernPoDefaults(tx), overrides).shareContactDetailsWithTools
		const shared = sharedPersonalFields(tool, unitAllows)
		const base = {
			platform: platformOf(issuer),
			clientId: tool.clientId,
			deploymentId: state.deploymentId,
			nonce: request.nonce,
			now,
			person: {
				subject: person.userId,
				roles: lisRolesInCourse(actorOf(signedIn), state.tenantId),
				name: shared.name ? person.name : null,
				email: shared.email ? person.email : null,
				locale: 'nl-NL',
			},
			presentation: { documentTarget: 'window' as const, locale: 'nl-NL' },
		}
		if (state.kind === 'launch') {
			const part = await getOnlinePart(tx, { resourceLinkId: state.resourceLinkId! })
			if (!part) return null
			return {
				...base,
				messageType: MESSAGE_TYPE.resourceLink,
				context: { id: part.course.id, label: part.course.id.slice(-8), title: part.course.title },
				targetLinkUri: part.link.targetLinkUri ?? tool.targetLinkUri,
				custom: { ...tool.custom, ...part.link.custom },
				resourceLink: { id: part.link.id, title: part.link.title, description: part.link.description },
				services: await serviceClaims(context, tool, state, issuer),
			} satisfies LaunchMessage
		}
		const data = oneTimeValue()
		await insertMessageState(tx, { ...state, id: data.hash, kind: 'deep_linking_return', expiresAt: new Date(now.getTime() + DEEP_LINKING_RETURN_LIFETIME_MS) })
		const course = await getCourse(tx, { viewerTenantId: person.tenantId, courseId: state.courseId })
		return {
			...base,
			messageType: MESSAGE_TYPE.deepLinkingRequest,
			context: { id: state.courseId, label: state.courseId.slice(-8), title: course?.title ?? '' },
			targetLinkUri: tool.deepLinkingUrl ?? tool.targetLinkUri,
			custom: { ...tool.custom },
			deepLinking: { returnUrl: `${issuer}${LTI_PATHS.deepLinkingReturn}`, data: data.value },
			services: await serviceClaims(context, tool, state, issuer),
		} satisfies LaunchMessage
	})
	if (!message) return refuse('LTI_MESSAGE_HINT_INVALID')

	const idToken = await signLaunch(await platformSigner(context.db), message)
	await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, (tx) =>
		writeAudit(tx, {
			tenantId: person.tenantId,
			actorUserId: person.userId,
			action: state.kind === 'launch' ? 'lti.launch' : 'lti.deep_linking_request',
			objectType: state.kind === 'launch' ? 'lti_resource_link' : 'course',
			objectId: state.resourceLinkId ?? state.courseId,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { toolId: tool.id, deploymentId: state.deploymentId },
		}),
	)
	return ok({ redirectUri: request.redirect_uri, idToken, state: request.state, toolName: tool.name })
}

/** The AGS and NRPS claims a tool gets, by the scopes its registration allows. */
async function serviceClaims(context: LeerpleinContext, tool: LtiTool, state: LtiMessageState, issuer: string): Promise<ServiceClaims> {
	const agsScopes = [LTI_SCOPES.lineItem, LTI_SCOPES.lineItemReadOnly, LTI_SCOPES.resultReadOnly, LTI_SCOPES.score].filter((scope) => tool.scopes.includes(scope))
	const claims: ServiceClaims = {}
	if (agsScopes.length > 0) {
		// With exactly one line item on the link, Moodle needs not look it up by tag and resource.
		const lineItem = state.resourceLinkId
			? await withToolContext(context.db, { tenantId: state.tenantId, toolId: tool.id }, async (tx) => {
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
