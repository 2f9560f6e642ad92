import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { z } from 'zod'

// The form of a learning tool's registration (/beheer/leeromgevingen): registering by hand and
// editing on the tool's own page parse it the same way. Errors are i18n keys under lti.admin.errors.

export const url = (error: string) =>
	z
		.string()
		.trim()
		.refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { error })
const lines = (value: string) =>
	value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)

/** A tool's registration as the administrator types it, for registering by hand and for editing. */
export const toolSchema = z
	.object({
		name: z.string().trim().min(1, { error: 'lti.admin.errors.nameRequired' }).max(200, { error: 'lti.admin.errors.nameRequired' }),
		loginUrl: url('lti.admin.errors.urlInvalid'),
		targetLinkUri: url('lti.admin.errors.urlInvalid'),
		deepLinkingUrl: z
			.string()
			.trim()
			.transform((value) => value || null)
			.refine((value) => value === null || (/^https?:\/\//.test(value) && URL.canParse(value)), { error: 'lti.admin.errors.urlInvalid' }),
		redirectUris: z
			.string()
			.transform(lines)
			.refine((values) => values.length > 0 && values.every((value) => /^https?:\/\//.test(value) && URL.canParse(value)), { error: 'lti.admin.errors.redirectUrisInvalid' }),
		jwksUrl: z
			.string()
			.trim()
			.transform((value) => value || null)
			.refine((value) => value === null || (/^https?:\/\//.test(value) && URL.canParse(value)), { error: 'lti.admin.errors.urlInvalid' }),
		publicJwk: z
			.string()
			.trim()
			.transform((value, context) => {
				if (!value) return null
				try {
					const parsed = JSON.parse(value) as unknown
					if (parsed && typeof parsed === 'object' && (parsed as { kty?: unknown }).kty === 'RSA') return parsed as Record<string, unknown>
				} catch {
					// reported below
				}
				context.addIssue({ code: 'custom', message: 'lti.admin.errors.publicJwkInvalid' })
				return z.NEVER
			}),
		deploymentIds: z
			.string()
			.transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
			.refine((values) => values.length > 0, { error: 'lti.admin.errors.deploymentRequired' }),
		custom: z.string().transform((value, context) => {
			const pairs: Record<string, string> = {}
			for (const line of lines(value)) {
				const match = /^([\w.-]+)\s*=\s*(.*)$/.exec(line)
				if (!match) {
					context.addIssue({ code: 'custom', message: 'lti.admin.errors.customInvalid' })
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
	.refine((value) => value.jwksUrl !== null || value.publicJwk !== null, { path: ['jwksUrl'], error: 'lti.admin.errors.keysRequired' })

export const dynamicSchema = z.object({ toolRegistrationUrl: url('lti.admin.errors.urlInvalid') })

/** The first error per field, as i18n keys. */
export type Errors = Record<string, string>

export function firstErrors(error: z.ZodError): Errors {
	const errors: Errors = {}
	for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message
	return errors
}

/** A tool's Moodle web services: the site's address and a token; an empty token keeps the stored one. */
export const webServicesSchema = z.object({
	wsBaseUrl: url('lti.admin.errors.urlInvalid'),
	wsToken: z.string().trim().max(200, { error: 'lti.tool.errors.tokenInvalid' }),
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
}): Record<string, string> {
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
	}
}
