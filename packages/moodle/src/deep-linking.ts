import { z } from 'zod'
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './claims.ts'
import { LtiJwtError, verifyToolJwt, type ToolKeySource } from './tool-keys.ts'

/** A Deep Linking response is posted straight back after the tool's picker: minutes, not hours. */
export const DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS = 600

const lineItemSchema = z.object({
	scoreMaximum: z.number().finite().positive(),
	label: z.string().max(255).optional(),
	resourceId: z.string().max(255).optional(),
	tag: z.string().max(255).optional(),
})

const resourceLinkItemSchema = z.object({
	type: z.literal('ltiResourceLink'),
	title: z.string().trim().max(255).optional(),
	text: z.string().max(10_000).optional(),
	// Any text here: whether the target is allowed is the caller's decision (deepLinkTargetAllowed), so
	// a refused target refuses the whole response instead of silently dropping the item.
	url: z.string().max(2048).optional(),
	custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
	lineItem: lineItemSchema.optional(),
})

export type DeepLinkedResource = z.infer<typeof resourceLinkItemSchema>

const responseClaimsSchema = z.object({
	nonce: z.string().min(1),
	[CLAIM.messageType]: z.literal(MESSAGE_TYPE.deepLinkingResponse),
	[CLAIM.version]: z.literal(LTI_VERSION),
	[CLAIM.deploymentId]: z.string().min(1),
	[CLAIM.deepLinkingData]: z.string().min(1),
	[CLAIM.deepLinkingContentItems]: z.array(z.object({ type: z.string() }).passthrough()).default([]),
	[CLAIM.deepLinkingMessage]: z.string().optional(),
	[CLAIM.deepLinkingErrorMessage]: z.string().optional(),
})

export type DeepLinkingResponse = {
	nonce: string
	deploymentId: string
	data: string
	/** The resource links the tool returned; other content item types are not offered, so they are skipped. */
	resources: DeepLinkedResource[]
	/** How many items were of a type Leerplein does not take. */
	skipped: number
	message: string | null
	errorMessage: string | null
}

/**
 * Verifies an LtiDeepLinkingResponse (Deep Linking 2.0 §4.2): the tool signs it with its own key,
 * `iss` is its client id and `aud` our issuer. The caller checks `data`, `nonce` and the deployment.
 */
export async function verifyDeepLinkingResponse(
	jwt: string,
	source: ToolKeySource,
	{ clientId, platformIssuer, now }: { clientId: string; platformIssuer: string; now: Date },
): Promise<DeepLinkingResponse> {
	const payload = await verifyToolJwt(jwt, source, {
		issuer: clientId,
		audience: platformIssuer,
		now,
		maxAgeSeconds: DEEP_LINKING_RESPONSE_MAX_AGE_SECONDS,
		requiredClaims: ['nonce'],
	})
	const claims = responseClaimsSchema.safeParse(payload)
	if (!claims.success) throw new LtiJwtError('MISSING_CLAIM', 'the token is not an LTI 1.3 deep linking response')
	const items = claims.data[CLAIM.deepLinkingContentItems]
	const resources: DeepLinkedResource[] = []
	let skipped = 0
	for (const item of items) {
		const parsed = resourceLinkItemSchema.safeParse(item)
		if (parsed.success) resources.push(parsed.data)
		else skipped += 1
	}
	return {
		nonce: claims.data.nonce,
		deploymentId: claims.data[CLAIM.deploymentId],
		data: claims.data[CLAIM.deepLinkingData],
		resources,
		skipped,
		message: claims.data[CLAIM.deepLinkingMessage] ?? null,
		errorMessage: claims.data[CLAIM.deepLinkingErrorMessage] ?? null,
	}
}

/**
 * Whether a content item's target may be stored: an http(s) URL whose host is one of the tool's
 * registered hosts (its target link URI's and redirect URIs') or a subdomain of one. `javascript:`,
 * `data:` and any other scheme, and other sites, are refused.
 */
export function deepLinkTargetAllowed(target: string, registered: { targetLinkUri: string; redirectUris: readonly string[] }): boolean {
	let url: URL
	try {
		url = new URL(target)
	} catch {
		return false
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
	if (url.username || url.password) return false
	const hosts = [registered.targetLinkUri, ...registered.redirectUris].flatMap((address) => {
		try {
			return [new URL(address).hostname.toLowerCase()]
		} catch {
			return []
		}
	})
	const host = url.hostname.toLowerCase()
	return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}
