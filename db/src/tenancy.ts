import { createHmac } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from './client.ts'
import { settlePassports } from './queries/passport.ts'

/**
 * Who the database should treat a transaction as: the unit acted for and the signed-in person.
 * Both null is an anonymous visitor, who sees only what is public (the concern-wide catalogue).
 */
/** `now`: the service clock's instant, the day passports recomputed in this transaction are computed for (default: the system clock). */
export type TenantContext = {
	tenantId: string | null
	userId: string | null
	now?: Date
	/**
	 * A transaction that only reads (a page): entered read-only in the same statement as the
	 * context, so it can write nothing (no evidence, so no passport to settle) and skips the settle
	 * step's statement.
	 */
	readOnly?: boolean
}

/**
 * The key that signs tenant contexts (ADR 024), per database client. It lives in
 * `app_context_key`, which only the schema owner reads: the owner's connection loads it at start
 * (`loadContextKey`) and the app-role client carries it in memory, so SQL run as leerplein_app can
 * neither read it nor sign a context of its own.
 */
const contextKeys = new WeakMap<object, Buffer>()

/** How long a signed context may wait before `app_enter_context` runs (clock skew between portal and database included). */
const CONTEXT_LIFETIME_MS = 5 * 60_000

/** Reads the context key as the schema owner; null on a database not yet migrated this far. */
export async function loadContextKey(owner: Database): Promise<Buffer | null> {
	const exists = await selectRows<{ present: boolean }>(owner, sql`select to_regclass('public.app_context_key') is not null as present`)
	if (!exists[0]?.present) return null
	const [row] = await selectRows<{ key: string }>(owner, sql`select encode(key, 'hex') as key from app_context_key`)
	return row ? Buffer.from(row.key, 'hex') : null
}

/** Lets `db` (an app-role client, or a transaction of it) enter tenant contexts signed with `key`. */
export function registerContextKey(db: Database, key: Buffer | null): void {
	if (key) contextKeys.set(db, key)
}

/**
 * The key registered for `db`; a client of the owner (the seed, tests set-up, the migrator) reads
 * it from the table itself. The app role cannot, and then this throws.
 */
async function contextKeyOf(db: Database): Promise<Buffer> {
	const registered = contextKeys.get(db)
	if (registered) return registered
	const [access] = await selectRows<{ readable: boolean }>(
		db,
		sql`select to_regclass('public.app_context_key') is not null and has_table_privilege('public.app_context_key', 'select') as readable`,
	)
	const key = access?.readable ? await loadContextKey(db) : null
	if (!key) throw new Error('this database client has no tenant-context key: open it with createDatabase or switchToAppRole (ADR 024)')
	contextKeys.set(db, key)
	return key
}

/** The claim `app_enter_context` verifies: `context|tenant|person|tool|expiresMs`, MACed with the key. */
export function signContext(key: Buffer, context: { tenantId: string | null; userId: string | null; toolId: string | null }, now = Date.now()) {
	const expiresMs = now + CONTEXT_LIFETIME_MS
	const claim = ['context', context.tenantId ?? '', context.userId ?? '', context.toolId ?? '', String(expiresMs)].join('|')
	return { expiresMs, mac: createHmac('sha256', key).update(claim, 'utf8').digest('hex') }
}

/** A signed context for `db`'s own key: for the functions that enter it themselves (the score path). */
export async function signedContextFor(db: Database, context: { tenantId: string | null; userId: string | null; toolId: string | null }) {
	return signContext(await contextKeyOf(db), context)
}

/**
 * A claim for a SECURITY DEFINER function that acts for someone no tenant context names (a new
 * session, a person before sign-in, the platform's key): `parts` are its decisive arguments,
 * which the function MACs again (`app_verify_claim`) before it acts.
 */
export async function signClaimFor(db: Database, parts: readonly string[], now = Date.now()) {
	const expiresMs = now + CONTEXT_LIFETIME_MS
	const mac = createHmac('sha256', await contextKeyOf(db)).update(`${parts.join('|')}|${expiresMs}`, 'utf8').digest('hex')
	return { expiresMs, mac }
}

async function inContext<T>(
	db: Database,
	context: { tenantId: string | null; userId: string | null; toolId: string | null },
	work: (tx: Database) => Promise<T>,
	now?: Date,
	readOnly = false,
): Promise<T> {
	const key = await contextKeyOf(db)
	// '' means "none", as it did when the context was a raw setting (a tool context with no unit).
	context = { tenantId: context.tenantId || null, userId: context.userId || null, toolId: context.toolId || null }
	const { expiresMs, mac } = signContext(key, context)
	return db.transaction(async (tx) => {
		// The service's clock goes with the context (one statement): evidence a trigger dates "now" (a completion) follows it (passport_service_now, migration 0044).
		await tx.execute(
			sql`select app_enter_context(${context.tenantId}::uuid, ${context.userId}::uuid, ${context.toolId}::uuid, ${expiresMs}::bigint, ${mac}), set_config('leerplein.service_now', ${now?.toISOString() ?? ''}, true)${readOnly ? sql`, set_config('transaction_read_only', 'on', true)` : sql``}`,
		)
		const transaction = tx as unknown as Database
		contextKeys.set(transaction, key)
		const result = await work(transaction)
		// Read-only: PostgreSQL refused any write, so no evidence changed and nothing is pending.
		if (!readOnly) await settlePendingPassports(transaction, { now: now ?? new Date(), currentTenantId: context.tenantId })
		return result
	})
}

/**
 * A transaction for a function that enters its context itself (the score path): the context key
 * goes with it, so the passports its evidence touched are settled before it commits.
 */
export async function inSelfEnteringTransaction<T>(db: Database, { tenantId, now }: { tenantId: string | null; now?: Date }, work: (tx: Database) => Promise<T>): Promise<T> {
	const key = await contextKeyOf(db)
	return db.transaction(async (tx) => {
		const transaction = tx as unknown as Database
		contextKeys.set(transaction, key)
		if (now) await transaction.execute(sql`select set_config('leerplein.service_now', ${now.toISOString()}, true)`)
		const result = await work(transaction)
		await settlePendingPassports(transaction, { now: now ?? new Date(), currentTenantId: tenantId })
		return result
	})
}

/**
 * The passport's promise (ADR 031): dots whose evidence changed in this transaction are
 * recomputed before it commits, whichever path wrote the evidence. Each person is recomputed in
 * their own unit's signed context, which may not be the transaction's (a providing unit
 * registering attendance). Called last in a transaction: it leaves the context changed.
 */
export async function settlePendingPassports(tx: Database, { now, currentTenantId }: { now: Date; currentTenantId: string | null }): Promise<number> {
	return settlePassports(tx, {
		now,
		currentTenantId,
		enterUnit: async (tenantId) => {
			const { expiresMs, mac } = signContext(await contextKeyOf(tx), { tenantId, userId: null, toolId: null })
			await tx.execute(sql`select app_enter_context(${tenantId}::uuid, ${null}::uuid, ${null}::uuid, ${expiresMs}::bigint, ${mac})`)
		},
	})
}

/**
 * Runs `work` inside the transaction `tx` in another unit's signed context (no person), then
 * enters the context it had again: a providing unit registering attendance writes the statement
 * into the employee's unit (ADR 039, "Leerplein's own events"). In the same unit it just runs `work`.
 */
export async function inUnitWithin<T>(tx: Database, tenantId: string, work: (tx: Database) => Promise<T>): Promise<T> {
	const [current] = await selectRows<{ tenant_id: string | null; user_id: string | null; tool_id: string | null }>(tx, sql`select app_tenant_id() as tenant_id, app_user_id() as user_id, app_lti_tool_id() as tool_id`)
	if (current?.tenant_id === tenantId) return work(tx)
	const key = await contextKeyOf(tx)
	const enter = async (context: { tenantId: string | null; userId: string | null; toolId: string | null }) => {
		const { expiresMs, mac } = signContext(key, context)
		await tx.execute(sql`select app_enter_context(${context.tenantId}::uuid, ${context.userId}::uuid, ${context.toolId}::uuid, ${expiresMs}::bigint, ${mac})`)
	}
	await enter({ tenantId, userId: null, toolId: null })
	const result = await work(tx)
	await enter({ tenantId: current?.tenant_id ?? null, userId: current?.user_id ?? null, toolId: current?.tool_id ?? null })
	return result
}

/**
 * Runs `work` in one transaction whose row-level-security context is `context` (ADR 006, 024).
 *
 * The context is entered through `app_enter_context`, which accepts only a claim signed with the
 * key the app role cannot read, and sets transaction-local settings bound to this transaction by
 * a proof: they vanish at commit or rollback, and a setting changed by any other means (a forged
 * or session-wide `set_config`) reads as no context at all. Outside this helper no tenant is set,
 * and the policies return no private rows.
 */
export async function withTenantContext<T>(db: Database, context: TenantContext, work: (tx: Database) => Promise<T>): Promise<T> {
	return inContext(db, { tenantId: context.tenantId, userId: context.userId, toolId: null }, work, context.now, context.readOnly)
}

/**
 * Runs `work` as an LTI tool calling a service (ADR 014): in the unit providing the course, with
 * no person, and with the tool set so the restrictive policies keep the tool to its own line
 * items, results and resource links. Signed and transaction-local, like withTenantContext.
 */
export async function withToolContext<T>(db: Database, context: { tenantId: string; toolId: string; now?: Date }, work: (tx: Database) => Promise<T>): Promise<T> {
	return inContext(db, { tenantId: context.tenantId, userId: null, toolId: context.toolId }, work, context.now)
}

export type RoleFacts = { name: string; superuser: boolean; bypassRls: boolean; ownedTables: string[] }

/** What the current role may do regardless of policies: the app role must be none of these. */
export async function inspectCurrentRole(db: Database): Promise<RoleFacts> {
	const [row] = await selectRows<{ name: string; superuser: boolean; bypass_rls: boolean; owned_tables: string[] }>(
		db,
		sql`
		select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
			coalesce((select array_agg(t.tablename::text order by t.tablename) from pg_tables t
				where t.schemaname = 'public' and t.tableowner = current_user), '{}') as owned_tables
		from pg_roles r where r.rolname = current_user`,
	)
	if (!row) throw new Error('the current role is not in pg_roles')
	return { name: row.name, superuser: row.superuser, bypassRls: row.bypass_rls, ownedTables: row.owned_tables }
}
