import { getZodConstraint } from '@conform-to/zod/v4'
import type { Actor, Resource } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** Who keeps the unit's xAPI people (the setting, the unmatched list, re-matching): its coordinators, as for the unit's other settings. */
export const ownUnitSettings = (actor: Actor): Resource => ({ kind: 'tenant', tenantId: actor.tenantId })

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

const identifierFields = z.object({
	personIdentifier: z.enum(['account', 'mbox'], { error: 'XAPI_PERSON_IDENTIFIER_REQUIRED' satisfies ErrorCode }),
	accountHomePage: z.preprocess(emptyAsUndefined, z.string().trim().optional()),
})

/** An http(s) address without spaces, as an account's home page (an IRL) is written. */
const isHomePage = (value: string) => {
	if (value.length < 8 || value.length > 500 || /\s/.test(value)) return false
	try {
		const url = new URL(value)
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
	} catch {
		return false
	}
}

/**
 * The unit's identifier, on the server and in the browser: `account` needs the home page of the
 * systems' accounts (whose name is the employee number); `mbox` needs nothing more and drops it.
 */
export const personIdentifierSchema = identifierFields.transform((input, ctx) => {
	if (input.personIdentifier === 'mbox') return { personIdentifier: 'mbox' as const, accountHomePage: null }
	if (!input.accountHomePage || !isHomePage(input.accountHomePage)) {
		ctx.addIssue({ code: 'custom', message: 'XAPI_HOME_PAGE_INVALID' satisfies ErrorCode, path: ['accountHomePage'] })
		return z.NEVER
	}
	return { personIdentifier: 'account' as const, accountHomePage: input.accountHomePage }
})

export type PersonIdentifierInput = z.infer<typeof personIdentifierSchema>

/** The fields' constraints for the browser: Conform cannot read them through the transform. */
export const personIdentifierConstraint = getZodConstraint(identifierFields)
