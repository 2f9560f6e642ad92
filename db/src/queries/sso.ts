import { asc, eq, getTableColumns, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { signClaimFor } from '../tenancy.ts'
import { ssoLoginAttempts, tenantSsoConfigs } from '../schema/sso.ts'
import { tenants } from '../schema/tenants.ts'

// Single sign-on per unit (ADR 008). A unit's provider config is public and read directly; the
// login attempts and the employee look-up happen before any tenant context, so they go through
// the SECURITY DEFINER functions of migration 0009, signed since migration 0030 (ADR 024).

export type SsoConfigRow = typeof tenantSsoConfigs.$inferSelect
export type SsoLoginAttempt = typeof ssoLoginAttempts.$inferSelect
export type SsoUnit = { id: string; slug: string; name: string; shortName: string }

const unitColumns = { id: tenants.id, slug: tenants.slug, name: tenants.name, shortName: tenants.shortName }

/** The units that have single sign-on configured, for the sign-in page. */
export async function listSsoUnits(db: Database): Promise<SsoUnit[]> {
	return db
		.select({ id: tenants.id, slug: tenants.slug, name: tenants.name, shortName: tenants.shortName })
		.from(tenantSsoConfigs)
		.innerJoin(tenants, eq(tenants.id, tenantSsoConfigs.tenantId))
		.orderBy(asc(tenants.name))
}

/** A unit and its provider config, by the unit's slug (starting a sign-in) or id (finishing it). */
export async function getSsoConfig(
	db: Database,
	key: { slug: string } | { tenantId: string },
): Promise<{ unit: SsoUnit; config: SsoConfigRow } | null> {
	const [row] = await db
		.select({ unit: { id: tenants.id, slug: tenants.slug, name: tenants.name, shortName: tenants.shortName }, config: tenantSsoConfigs })
		.from(tenantSsoConfigs)
		.innerJoin(tenants, eq(tenants.id, tenantSsoConfigs.tenantId))
		.where('slug' in key ? eq(tenants.slug, key.slug) : eq(tenantSsoConfigs.tenantId, key.tenantId))
	return row ?? null
}

/** Every unit with its provider config, or null: the concern administrator's list (/beheer/inloggen, ADR 051). */
export async function listSsoSettings(db: Database): Promise<{ unit: SsoUnit; config: SsoConfigRow | null }[]> {
	return db
		.select({ unit: unitColumns, config: getTableColumns(tenantSsoConfigs) })
		.from(tenants)
		.leftJoin(tenantSsoConfigs, eq(tenantSsoConfigs.tenantId, tenants.id))
		.orderBy(asc(tenants.name))
}

/** One unit by its slug, with its provider config or null; null when there is no such unit. */
export async function getSsoSetting(db: Database, { slug }: { slug: string }): Promise<{ unit: SsoUnit; config: SsoConfigRow | null } | null> {
	const [row] = await db
		.select({ unit: unitColumns, config: getTableColumns(tenantSsoConfigs) })
		.from(tenants)
		.leftJoin(tenantSsoConfigs, eq(tenantSsoConfigs.tenantId, tenants.id))
		.where(eq(tenants.slug, slug))
	return row ?? null
}

export type SsoConfigValues = Pick<SsoConfigRow, 'issuer' | 'clientId' | 'clientSecretEnv' | 'employeeNumberClaim' | 'extraScopes' | 'mfaAcrValues'>

/**
 * Sets a unit's provider, new or over the one it had. Row-level security lets only a concern
 * administrator's context write (migration 0067); anyone else's write fails.
 */
export async function saveSsoConfig(
	db: Database,
	{ tenantId, values, updatedBy, now }: { tenantId: string; values: SsoConfigValues; updatedBy: string; now: Date },
): Promise<SsoConfigRow> {
	const [row] = await db
		.insert(tenantSsoConfigs)
		.values({ tenantId, ...values, updatedBy, updatedAt: now })
		.onConflictDoUpdate({ target: tenantSsoConfigs.tenantId, set: { ...values, updatedBy, updatedAt: now } })
		.returning()
	return row!
}

/** Removes a unit's provider; the removed config, or null when it had none. */
export async function deleteSsoConfig(db: Database, { tenantId }: { tenantId: string }): Promise<SsoConfigRow | null> {
	const [row] = await db.delete(tenantSsoConfigs).where(eq(tenantSsoConfigs.tenantId, tenantId)).returning()
	return row ?? null
}

/** Stores a new attempt (keyed by the hash of the browser's token) and clears expired ones. */
export async function insertSsoAttempt(db: Database, attempt: Omit<SsoLoginAttempt, 'createdAt'>): Promise<void> {
	const claim = await signClaimFor(db, [
		'sso-attempt',
		attempt.id,
		attempt.tenantId,
		attempt.stateHash,
		attempt.nonce,
		attempt.codeVerifier,
		attempt.redirectUri,
		attempt.returnTo,
		String(attempt.expiresAt.getTime()),
	])
	await db.execute(sql`select auth_insert_sso_attempt(
		${attempt.id}, ${attempt.tenantId}::uuid, ${attempt.stateHash}, ${attempt.nonce}, ${attempt.codeVerifier},
		${attempt.redirectUri}, ${attempt.returnTo}, ${attempt.expiresAt.toISOString()}::timestamptz, ${claim.expiresMs}::bigint, ${claim.mac})`)
}

// mapWith borrows each column's decoding, so timestamps come back as Dates on both drivers.
const attemptColumns = {
	id: sql<string>`id`,
	tenantId: sql<string>`tenant_id`,
	stateHash: sql<string>`state_hash`,
	nonce: sql<string>`nonce`,
	codeVerifier: sql<string>`code_verifier`,
	redirectUri: sql<string>`redirect_uri`,
	returnTo: sql<string>`return_to`,
	expiresAt: sql<Date>`expires_at`.mapWith(ssoLoginAttempts.expiresAt),
	createdAt: sql<Date>`created_at`.mapWith(ssoLoginAttempts.createdAt),
}

/** Takes an attempt: returns it and deletes it in one statement, so it serves at most once. Expired ones too (the caller says so). */
export async function takeSsoAttempt(db: Database, { attemptId }: { attemptId: string }): Promise<SsoLoginAttempt | null> {
	const [row] = await db.select(attemptColumns).from(sql`auth_take_sso_attempt(${attemptId})`)
	return row ?? null
}

/** The active employee with this number in this unit; never someone of another unit. */
export async function findUserIdByEmployeeNumber(
	db: Database,
	{ tenantId, employeeNumber }: { tenantId: string; employeeNumber: string },
): Promise<string | null> {
	const claim = await signClaimFor(db, ['user-by-employee-number', tenantId, employeeNumber])
	const [row] = await selectRows<{ id: string | null }>(
		db,
		sql`select auth_user_id_by_employee_number(${tenantId}::uuid, ${employeeNumber}, ${claim.expiresMs}::bigint, ${claim.mac}) as id`,
	)
	return row?.id ?? null
}
