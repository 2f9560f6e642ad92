import { SignJWT } from 'jose'
import { CLAIM, CONTEXT_TYPE_COURSE_OFFERING, LTI_VERSION, MESSAGE_TYPE } from './claims.ts'
import { SIGNING_ALGORITHM, type Signer } from './keys.ts'

/** How long an id_token is valid: enough for the browser to carry it to the tool, no longer. */
export const ID_TOKEN_LIFETIME_SECONDS = 300

/**
 * Seconds `iat` is set back: Moodle refuses an `iat` in its own future, and a tool's clock
 * may run a little behind ours.
 */
export const IAT_SKEW_SECONDS = 5

export type Platform = { issuer: string; guid: string; name: string; productFamilyCode: string; version: string }

export type LaunchPerson = {
	/** The opaque, stable id the tool knows the person by (never the employee number). */
	subject: string
	roles: string[]
	name?: string | null
	givenName?: string | null
	familyName?: string | null
	email?: string | null
	locale?: string | null
}

export type LaunchContext = { id: string; label: string; title: string }

export type ServiceClaims = {
	ags?: { scope: string[]; lineitems: string; lineitem?: string | null }
	nrps?: { contextMembershipsUrl: string }
}

type Common = {
	platform: Platform
	clientId: string
	deploymentId: string
	nonce: string
	now: Date
	person: LaunchPerson
	context: LaunchContext
	targetLinkUri: string
	custom: Record<string, string>
	presentation: { documentTarget: 'window'; returnUrl?: string; locale?: string }
	services: ServiceClaims
}

export type ResourceLinkLaunch = Common & {
	messageType: typeof MESSAGE_TYPE.resourceLink
	resourceLink: { id: string; title: string; description?: string | null }
}

export type DeepLinkingLaunch = Common & {
	messageType: typeof MESSAGE_TYPE.deepLinkingRequest
	deepLinking: { returnUrl: string; data: string; title?: string }
}

export type LaunchMessage = ResourceLinkLaunch | DeepLinkingLaunch

/** The claims of an LTI 1.3 launch (Core, with the AGS, NRPS or Deep Linking claims it needs). */
export function launchClaims(message: LaunchMessage): Record<string, unknown> {
	const { person, platform, context } = message
	const claims: Record<string, unknown> = {
		sub: person.subject,
		nonce: message.nonce,
		[CLAIM.messageType]: message.messageType,
		[CLAIM.version]: LTI_VERSION,
		[CLAIM.deploymentId]: message.deploymentId,
		[CLAIM.targetLinkUri]: message.targetLinkUri,
		[CLAIM.roles]: person.roles,
		[CLAIM.context]: { id: context.id, label: context.label, title: context.title, type: [CONTEXT_TYPE_COURSE_OFFERING] },
		[CLAIM.toolPlatform]: {
			guid: platform.guid,
			name: platform.name,
			product_family_code: platform.productFamilyCode,
			version: platform.version,
		},
		[CLAIM.launchPresentation]: {
			document_target: message.presentation.documentTarget,
			...(message.presentation.returnUrl ? { return_url: message.presentation.returnUrl } : {}),
			...(message.presentation.locale ? { locale: message.presentation.locale } : {}),
		},
		[CLAIM.custom]: message.custom,
	}
	for (const [key, value] of Object.entries({
		name: person.name,
		given_name: person.givenName,
		family_name: person.familyName,
		email: person.email,
		locale: person.locale,
	})) {
		if (value) claims[key] = value
	}
	if (message.messageType === MESSAGE_TYPE.resourceLink) {
		claims[CLAIM.resourceLink] = {
			id: message.resourceLink.id,
			title: message.resourceLink.title,
			...(message.resourceLink.description ? { description: message.resourceLink.description } : {}),
		}
	} else {
		claims[CLAIM.deepLinkingSettings] = {
			deep_link_return_url: message.deepLinking.returnUrl,
			accept_types: ['ltiResourceLink'],
			accept_presentation_document_targets: ['window'],
			accept_multiple: true,
			auto_create: true,
			data: message.deepLinking.data,
			...(message.deepLinking.title ? { title: message.deepLinking.title } : {}),
		}
	}
	const { ags, nrps } = message.services
	// Moodle keeps the grade service only when `lineitems` is present, so it is always sent with AGS.
	if (ags) claims[CLAIM.ags] = { scope: ags.scope, lineitems: ags.lineitems, ...(ags.lineitem ? { lineitem: ags.lineitem } : {}) }
	if (nrps) claims[CLAIM.nrps] = { context_memberships_url: nrps.contextMembershipsUrl, service_versions: ['2.0'] }
	return claims
}

/** Signs a launch as the platform: RS256 with a `kid` header, `iat` a little in the past. */
export async function signLaunch(signer: Signer, message: LaunchMessage): Promise<string> {
	const issuedAt = Math.floor(message.now.getTime() / 1000) - IAT_SKEW_SECONDS
	return new SignJWT(launchClaims(message))
		.setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signer.kid, typ: 'JWT' })
		.setIssuer(message.platform.issuer)
		.setAudience(message.clientId)
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + IAT_SKEW_SECONDS + ID_TOKEN_LIFETIME_SECONDS)
		.sign(signer.key)
}
