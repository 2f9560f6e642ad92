import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of a unit's xAPI clients page (/beheer/xapi-systemen), shared by the action and the
// browser (Conform). Messages are error codes, translated under `errors`.

/** What a client may do (ADR 039); the database's check constraint on `xapi_clients.scopes` holds the same list. */
export const XAPI_SCOPES = ['statements/write', 'statements/read/mine', 'statements/read', 'state'] as const
export type XapiScope = (typeof XAPI_SCOPES)[number]

/** What the version field offers: both of the store's versions (by the request's header), or one. */
export const XAPI_CLIENT_VERSIONS = ['both', '2.0.0', '1.0.3'] as const

const scopesRequired = 'XAPI_CLIENT_SCOPES_REQUIRED' satisfies ErrorCode
const isXapiScope = (value: string): value is XapiScope => (XAPI_SCOPES as readonly string[]).includes(value)

/** A client as the coordinator names it: its name and what it may do; `id` names the client being changed, none registers one. */
export const xapiClientSchema = z.object({
	id: z.uuid({ error: 'XAPI_CLIENT_NOT_FOUND' satisfies ErrorCode }).optional(),
	name: z
		.string({ error: 'XAPI_CLIENT_NAME_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(1, { error: 'XAPI_CLIENT_NAME_REQUIRED' satisfies ErrorCode })
		.max(200, { error: 'XAPI_CLIENT_NAME_TOO_LONG' satisfies ErrorCode }),
	// Checked as a whole, so that an unknown scope is refused beside the boxes (`scopes`), not at one of them.
	scopes: z
		.array(z.string(), { error: scopesRequired })
		.min(1, { error: scopesRequired })
		.refine((values) => values.every(isXapiScope), { error: scopesRequired })
		.transform((values) => values.filter(isXapiScope)),
	/** The one version the system speaks, or `both`: whichever its version header asks for. */
	xapiVersion: z
		.enum(XAPI_CLIENT_VERSIONS, { error: 'XAPI_CLIENT_VERSION_REQUIRED' satisfies ErrorCode })
		.default('both')
		.transform((value) => (value === 'both' ? null : value)),
})

export type XapiClientInput = z.infer<typeof xapiClientSchema>
export const xapiClientConstraint = getZodConstraint(xapiClientSchema)

/** Deactivating or activating a client: which one. */
export const xapiClientStateSchema = z.object({ id: z.uuid({ error: 'XAPI_CLIENT_NOT_FOUND' satisfies ErrorCode }) })
