import { and, eq, or, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { users } from '../schema/people.ts'
import { xapiSettings, xapiStatements } from '../schema/xapi.ts'

// People matched to xAPI statements (ADR 039, "People"): the unit's setting, the candidates a
// batch's actors may name, and the unit's unmatched statements. All in the unit's tenant context.

export type XapiSettingsRow = typeof xapiSettings.$inferSelect

/** A statement's actor can be a person: an agent, not a group (whose members are not matched either). */
const actorIsAgent = sql`coalesce(${xapiStatements.statement} -> 'actor' ->> 'objectType', 'Agent') <> 'Group'`
const unmatched = (tenantId: string) => and(eq(xapiStatements.tenantId, tenantId), sql`${xapiStatements.personId} is null`, sql`${xapiStatements.actorKey} is not null`, actorIsAgent)

export async function getXapiSettings(db: Database, { tenantId }: { tenantId: string }): Promise<XapiSettingsRow | null> {
	const [row] = await db.select().from(xapiSettings).where(eq(xapiSettings.tenantId, tenantId))
	return row ?? null
}

/**
 * Sets the unit's identifier, its retention, or both (one row per unit, created at the first save);
 * a field not given keeps its value (on a new row: none).
 */
export async function saveXapiSettings(
	db: Database,
	settings: Pick<XapiSettingsRow, 'tenantId' | 'updatedAt'> & Partial<Pick<XapiSettingsRow, 'personIdentifier' | 'accountHomePage' | 'retentionMonths'>>,
): Promise<void> {
	const { tenantId, ...changed } = settings
	await db.insert(xapiSettings).values(settings).onConflictDoUpdate({ target: xapiSettings.tenantId, set: changed, where: eq(xapiSettings.tenantId, tenantId) })
}

/**
 * The unit's people an actor may name, in one query: by employee number, by address (any case),
 * or — when a batch holds an `mbox_sha1sum`, which SQL here cannot compute (no pgcrypto on PGlite)
 * — every person of the unit, whose addresses the caller hashes.
 */
export async function findXapiPeopleCandidates(
	db: Database,
	{ tenantId, employeeNumbers, emails, everyone }: { tenantId: string; employeeNumbers: string[]; emails: string[]; everyone: boolean },
): Promise<{ id: string; employeeNumber: string; email: string }[]> {
	if (!everyone && employeeNumbers.length === 0 && emails.length === 0) return []
	// Only the lists that hold something: an empty arm of an OR still makes the planner scan the unit's people.
	const wanted = everyone
		? undefined
		: or(
				employeeNumbers.length > 0 ? sql`${users.employeeNumber} = any(${sql.param(employeeNumbers)}::text[])` : undefined,
				emails.length > 0 ? sql`lower(${users.email}) = any(${sql.param(emails)}::text[])` : undefined,
			)
	return db
		.select({ id: users.id, employeeNumber: users.employeeNumber, email: users.email })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), wanted))
}

/** The distinct actor keys of the unit's unmatched statements (served by the partial index). */
export async function listUnmatchedXapiActorKeys(db: Database, { tenantId }: { tenantId: string }): Promise<string[]> {
	const rows = await db.selectDistinct({ actorKey: xapiStatements.actorKey }).from(xapiStatements).where(unmatched(tenantId))
	return rows.flatMap((row) => (row.actorKey === null ? [] : [row.actorKey]))
}

/**
 * Sets the person of every unmatched statement whose actor key is matched, in one statement over
 * the whole set (not a loop over rows). Answers how many statements were matched.
 */
export async function matchXapiStatements(db: Database, { tenantId, matches }: { tenantId: string; matches: { actorKey: string; personId: string }[] }): Promise<number> {
	if (matches.length === 0) return 0
	const rows = await selectRows<{ matched: number }>(
		db,
		sql`with updated as (
			update xapi_statements s set person_id = m.person_id
			from unnest(${sql.param(matches.map((match) => match.actorKey))}::text[], ${sql.param(matches.map((match) => match.personId))}::uuid[]) as m(actor_key, person_id)
			where s.tenant_id = ${tenantId} and s.person_id is null and s.actor_key = m.actor_key
				and coalesce(s.statement -> 'actor' ->> 'objectType', 'Agent') <> 'Group'
			returning 1
		) select count(*)::int as matched from updated`,
	)
	return Number(rows[0]?.matched ?? 0)
}

/** How many of the unit's statements name an agent that is not (yet) matched. */
export async function countUnmatchedXapiStatements(db: Database, { tenantId }: { tenantId: string }): Promise<number> {
	const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(xapiStatements).where(unmatched(tenantId))
	return Number(row?.count ?? 0)
}

export type UnmatchedXapiActor = { actorKey: string; statements: number; firstStored: Date; lastStored: Date; clients: string[] }

/** One page of the unit's unmatched actors, most recently heard from first, with the number of actors in all. */
export async function listUnmatchedXapiActors(
	db: Database,
	{ tenantId, limit, offset }: { tenantId: string; limit: number; offset: number },
): Promise<{ actors: UnmatchedXapiActor[]; total: number }> {
	const rows = await selectRows<{ actor_key: string; statements: number; first_stored: string | Date; last_stored: string | Date; clients: string[] | string; total: number }>(
		db,
		sql`select s.actor_key, count(*)::int as statements, min(s.stored) as first_stored, max(s.stored) as last_stored,
				array_agg(distinct c.name order by c.name) as clients, (count(*) over ())::int as total
			from xapi_statements s join xapi_clients c on c.id = s.client_id
			where s.tenant_id = ${tenantId} and s.person_id is null and s.actor_key is not null
				and coalesce(s.statement -> 'actor' ->> 'objectType', 'Agent') <> 'Group'
			group by s.actor_key
			order by max(s.stored) desc, s.actor_key
			limit ${limit} offset ${offset}`,
	)
	// postgres.js under a raw select may hand an array over as its text form.
	const names = (value: string[] | string) => (Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((name) => name.replace(/^"|"$/g, '')))
	return {
		actors: rows.map((row) => ({ actorKey: row.actor_key, statements: Number(row.statements), firstStored: new Date(row.first_stored), lastStored: new Date(row.last_stored), clients: names(row.clients) })),
		total: Number(rows[0]?.total ?? 0),
	}
}
