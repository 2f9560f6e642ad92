import { createHash } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { findXapiPeopleCandidates, getXapiSettings, type NewXapiStatement, type XapiSettingsRow } from '@leerplein/db/xapi'
import { actorIsAgent, groupLookups, matchPeople, type XapiPersonIdentifier } from '@leerplein/domain'

// People matched to statements (ADR 039, "People"): which employee of the unit a statement's actor
// names, by the unit's identifier. Used as statements are stored, and again by the coordinator's
// re-match (manage-xapi-people.server.ts). The rules are the domain's (xapi/people.ts).

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')

/** The unit's setting as the domain reads it; null when the coordinator has not chosen yet. */
export function identifierOf(settings: XapiSettingsRow | null): XapiPersonIdentifier | null {
	if (!settings || settings.personIdentifier === null) return null
	if (settings.personIdentifier === 'account') return settings.accountHomePage ? { kind: 'account', homePage: settings.accountHomePage } : null
	return { kind: 'mbox' }
}

/**
 * Matches actor keys to the unit's people with one look-up, however many keys: answers actor key →
 * person id for those that matched. Runs in the unit's tenant context (the caller's transaction).
 */
export async function matchActorKeys(tx: Database, { tenantId, identifier, actorKeys }: { tenantId: string; identifier: XapiPersonIdentifier | null; actorKeys: string[] }): Promise<Map<string, string>> {
	if (identifier === null || actorKeys.length === 0) return new Map()
	const { employeeNumbers, emails, anySha1 } = groupLookups(actorKeys, identifier)
	const candidates = await findXapiPeopleCandidates(tx, { tenantId, employeeNumbers, emails, everyone: anySha1 })
	return matchPeople(actorKeys, identifier, candidates, sha1)
}

/**
 * The statements about to be stored, each with the person its actor (an agent, never a group or
 * its members) names, when the unit has chosen an identifier and knows the person; the others are
 * stored unmatched and listed for the coordinator. A batch costs two queries (setting, people), not one per statement.
 */
export async function withXapiPeople(tx: Database, { tenantId }: { tenantId: string }, rows: NewXapiStatement[]): Promise<NewXapiStatement[]> {
	const keyed = rows.filter((row) => row.actorKey && actorIsAgent(row.statement))
	if (keyed.length === 0) return rows
	const identifier = identifierOf(await getXapiSettings(tx, { tenantId }))
	const matched = await matchActorKeys(tx, { tenantId, identifier, actorKeys: keyed.map((row) => row.actorKey!) })
	if (matched.size === 0) return rows
	return rows.map((row) => (row.actorKey && actorIsAgent(row.statement) && matched.has(row.actorKey) ? { ...row, personId: matched.get(row.actorKey)! } : row))
}
