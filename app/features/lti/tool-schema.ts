import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of the learning tools' administration (/beheer/leeromgevingen and a tool's own page),
// shared by the actions and the browser (Conform). Messages are error codes, translated under
// `errors`. Conform hands an empty field to the schema as missing, so optional fields are `.optional()`.

const isWebAddress = (value: string) => /^https?:\/\//.test(value) && URL.canParse(value)

/** A required http(s) address. */
export const webAddress = (error: ErrorCode) => z.string({ error }).trim().refine(isWebAddress, { error })

/** An optional http(s) address; empty is null. */
export const optionalWebAddress = (error: ErrorCode) =>
	z
		.string()
		.trim()
		.optional()
		.transform((value) => value || null)
		.refine((value) => value === null || isWebAddress(value), { error })

const lines = (value: string) =>
	value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)

/** A tool's registration as the administrator types it, for registering by hand and for editing. */
export const toolSchema = z
	.object({
		name: z
			.string({ error: 'TOOL_NAME_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(1, { error: 'TOOL_NAME_REQUIRED' satisfies ErrorCode })
			.max(200, { error: 'TOOL_NAME_REQUIRED' satisfies ErrorCode }),
		loginUrl: webAddress('TOOL_URL_INVALID'),
		targetLinkUri: webAddress('TOOL_URL_INVALID'),
		deepLinkingUrl: optionalWebAddress('TOOL_URL_INVALID'),
		redirectUris: z
			.string({ error: 'TOOL_REDIRECT_URIS_INVALID' satisfies ErrorCode })
			.transform(lines)
			.refine((values) => values.length > 0 && values.every(isWebAddress), { error: 'TOOL_REDIRECT_URIS_INVALID' satisfies ErrorCode }),
		jwksUrl: optionalWebAddress('TOOL_URL_INVALID'),
		publicJwk: z
			.string()
			.trim()
			.optional()
			.transform((value, context) => {
				if (!value) return null
				try {
					const parsed = JSON.parse(value) as unknown
					if (parsed && typeof parsed === 'object' && (parsed as { kty?: unknown }).kty === 'RSA') return parsed as Record<string, unknown>
				} catch {
					// reported below
				}
				context.addIssue({ code: 'custom', message: 'TOOL_PUBLIC_JWK_INVALID' satisfies ErrorCode })
				return z.NEVER
			}),
		deploymentIds: z
			.string({ error: 'TOOL_DEPLOYMENT_REQUIRED' satisfies ErrorCode })
			.transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
			.refine((values) => values.length > 0, { error: 'TOOL_DEPLOYMENT_REQUIRED' satisfies ErrorCode }),
		custom: z
			.string()
			.optional()
			.transform((value, context) => {
				const pairs: Record<string, string> = {}
				for (const line of lines(value ?? '')) {
					const match = /^([\w.-]+)\s*=\s*(.*)$/.exec(line)
					if (!match) {
						context.addIssue({ code: 'custom', message: 'TOOL_CUSTOM_INVALID' satisfies ErrorCode })
						return z.NEVER
					}
					pairs[match[1]!] = match[2]!
				}
				return pairs
			}),
		scopes: z.array(z.enum(ALL_LTI_SCOPES as [string, ...string[]])).default([]),
		shareName: z.literal('on').optional().transform(Boolean),
		shareEmail: z.literal('on').optional().transform(Boolean),
	})
	.refine((value) => value.jwksUrl !== null || value.publicJwk !== null, { path: ['jwksUrl'], error: 'TOOL_KEYS_REQUIRED' satisfies ErrorCode })

/** A registration as the services store it. */
export type ToolRegistration = z.output<typeof toolSchema>

/** The fields whose text may hold line breaks (for readForm). */
export const TOOL_MULTILINE_FIELDS = ['redirectUris', 'publicJwk', 'custom'] as const

/** The tool's registration address, to start LTI Dynamic Registration. */
export const dynamicRegistrationSchema = z.object({ toolRegistrationUrl: webAddress('TOOL_URL_INVALID') })

/** A tool's Moodle web services: the site's address and a token; an empty token keeps the stored one. */
export const webServicesSchema = z.object({
	wsBaseUrl: webAddress('TOOL_URL_INVALID'),
	wsToken: z
		.string()
		.trim()
		.max(200, { error: 'WEB_SERVICES_TOKEN_TOO_LONG' satisfies ErrorCode })
		.optional()
		.transform((value) => value ?? ''),
})

/** The form's text of a stored registration, for editing it. */
export function toolFormValues(tool: {
	name: string
	loginUrl: string
	targetLinkUri: string
	deepLinkingUrl: string | null
	redirectUris: string[]
	jwksUrl: string | null
	publicJwk: Record<string, unknown> | null
	deploymentIds: string[]
	custom: Record<string, string>
	scopes: string[]
	shareName: boolean
	shareEmail: boolean
}) {
	return {
		name: tool.name,
		loginUrl: tool.loginUrl,
		targetLinkUri: tool.targetLinkUri,
		deepLinkingUrl: tool.deepLinkingUrl ?? '',
		redirectUris: tool.redirectUris.join('\n'),
		jwksUrl: tool.jwksUrl ?? '',
		publicJwk: tool.publicJwk ? JSON.stringify(tool.publicJwk) : '',
		deploymentIds: tool.deploymentIds.join(', '),
		custom: Object.entries(tool.custom)
			.map(([name, value]) => `${name}=${value}`)
			.join('\n'),
		scopes: tool.scopes,
		shareName: tool.shareName ? 'on' : undefined,
		shareEmail: tool.shareEmail ? 'on' : undefined,
	}
}
