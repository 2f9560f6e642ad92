import { countUnmatchedXapiStatements, getXapiSettings, listUnmatchedXapiActorKeys, listUnmatchedXapiActors, matchXapiStatements, saveXapiSettings } from '@leerplein/db/xapi'
import { can, describeAgentKey, pageCount, pageWindow, type Actor, type DescribedAgentKey } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSettings, type PersonIdentifierInput } from './people-schema.ts'
import { evaluateXapiEvidenceRules } from './evidence-rules.server.ts'
import { identifierOf, matchActorKeys } from './people.server.ts'

// A coordinator keeps the unit's xAPI people (ADR 039, "People"): chooses how the unit's systems
// name employees, sees the actors no employee was found for, and matches them again later.

export const UNMATCHED_PAGE_SIZE = 25

export type UnmatchedActorView = { actorKey: string; identifier: DescribedAgentKey; statements: number; firstStored: string; lastStored: string; clients: string[] }

export type XapiPeopleView = {
	setting: { personIdentifier: 'account' | 'mbox'; accountHomePage: string | null } | null
	unmatchedStatements: number
	actors: UnmatchedActorView[]
	actorCount: number
	page: number
	pages: number
}

/** The setting and one page of the unit's unmatched actors (grouped by identifier, most recent first). */
export async function showXapiPeople(ctx: ServiceContext, { actor, page }: { actor: Actor; page: number }): Promise<ServiceResult<XapiPeopleView>> {
	if (!can(actor, 'update', ownUnitSettings(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	const window = pageWindow(page, UNMATCHED_PAGE_SIZE)
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const settings = await getXapiSettings(tx, { tenantId })
			const { actors, total } = await listUnmatchedXapiActors(tx, { tenantId, limit: window.pageSize, offset: window.offset })
			// Past the last page: no such page, rather than an empty list that looks like "all matched".
			if (actors.length === 0 && page > 1) throw refusal('not_found', 'PAGE_OUT_OF_RANGE')
			return {
				setting: settings?.personIdentifier ? { personIdentifier: settings.personIdentifier, accountHomePage: settings.accountHomePage } : null,
				unmatchedStatements: await countUnmatchedXapiStatements(tx, { tenantId }),
				actors: actors.map((row) => ({ ...row, identifier: describeAgentKey(row.actorKey), firstStored: row.firstStored.toISOString(), lastStored: row.lastStored.toISOString() })),
				actorCount: total,
				page,
				pages: pageCount(total, UNMATCHED_PAGE_SIZE),
			} satisfies XapiPeopleView
		},
		{ readOnly: true },
	)
}

/** Sets how the unit's systems name its employees, audit-logged with before and after. Statements matched before keep their person. */
export async function saveXapiPersonIdentifier(ctx: ServiceContext, { actor, input }: { actor: Actor; input: PersonIdentifierInput }): Promise<ServiceResult<null>> {
	if (!can(actor, 'update', ownUnitSettings(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const before = await getXapiSettings(tx, { tenantId })
		await saveXapiSettings(tx, { tenantId, personIdentifier: input.personIdentifier, accountHomePage: input.accountHomePage, updatedAt: ctx.clock.now() })
		await audit(ctx, tx, {
			actor,
			action: 'xapi.people.identifier.update',
			objectType: 'xapi_settings',
			objectId: tenantId,
			before: before?.personIdentifier ? { personIdentifier: before.personIdentifier, accountHomePage: before.accountHomePage } : null,
			after: input,
		})
		return null
	})
}

export type RematchOutcome = { matched: number; unmatched: number }

/**
 * Matches the unit's unmatched statements again (after the setting changed, or people were added):
 * one look-up of the distinct unmatched actors, one set-based update, in one transaction,
 * audit-logged with the outcome. Answers how many statements were matched and how many remain.
 */
export async function rematchXapiPeople(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<RematchOutcome>> {
	if (!can(actor, 'update', ownUnitSettings(actor))) return refuse('forbidden', 'FORBIDDEN')
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const identifier = identifierOf(await getXapiSettings(tx, { tenantId }))
		const found = await matchActorKeys(tx, { tenantId, identifier, actorKeys: await listUnmatchedXapiActorKeys(tx, { tenantId }) })
		const matched = await matchXapiStatements(tx, { tenantId, matches: [...found].map(([actorKey, personId]) => ({ actorKey, personId })) })
		// The newly matched people's statements may now count (ADR 039, "Statements that count").
		await evaluateXapiEvidenceRules(tx, { tenantId, personIds: [...new Set(found.values())], now: ctx.clock.now(), recordedBy: actor.userId })
		const outcome = { matched, unmatched: await countUnmatchedXapiStatements(tx, { tenantId }) }
		await audit(ctx, tx, { actor, action: 'xapi.people.rematch', objectType: 'xapi_settings', objectId: tenantId, after: outcome })
		return outcome
	})
}
