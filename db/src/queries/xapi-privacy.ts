import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { users } from '../schema/people.ts'
import { passportEvidenceStatements, xapiStatements } from '../schema/xapi.ts'

// Privacy of a unit's xAPI statements (ADR 039, "Privacy"): the people the store holds statements
// about, a person's statements for export, erasing them, and removing those past the unit's
// retention. All in the unit's tenant context: forced row-level security limits every read and delete.

export type XapiPrivacyPerson = { id: string; name: string; employeeNumber: string; email: string; statements: number }

/** How many statements the unit's store holds about the person (served by (tenant, person, stored)). */
const statementCount = (tenantId: string) =>
	// The outer row named in full: drizzle writes a column of the only table unqualified, which inside the subquery would mean `s`'s.
	sql<number>`(select count(*)::int from ${xapiStatements} s where s.tenant_id = ${tenantId} and s.person_id = "users"."id")`

/**
 * One page of the unit's employees whose name, employee number or e-mail contains `query` (any
 * case; empty: everyone), by name, each with the number of statements about them; and how many match.
 */
export async function searchXapiPrivacyPeople(
	db: Database,
	{ tenantId, query, limit, offset }: { tenantId: string; query: string; limit: number; offset: number },
): Promise<{ people: XapiPrivacyPerson[]; total: number }> {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
	const wanted = query === '' ? sql`true` : sql`(${users.name} ilike ${pattern} or ${users.employeeNumber} ilike ${pattern} or ${users.email} ilike ${pattern})`
	const rows = await db
		.select({ id: users.id, name: users.name, employeeNumber: users.employeeNumber, email: users.email, statements: statementCount(tenantId), total: sql<number>`(count(*) over ())::int` })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), wanted))
		.orderBy(asc(users.name), asc(users.id))
		.limit(limit)
		.offset(offset)
	return { people: rows.map(({ total: _total, ...person }) => ({ ...person, statements: Number(person.statements) })), total: Number(rows[0]?.total ?? 0) }
}

/** An employee of the unit with the number of statements about them; null when the unit has no such person. */
export async function getXapiPrivacyPerson(db: Database, { tenantId, personId }: { tenantId: string; personId: string }): Promise<XapiPrivacyPerson | null> {
	const [row] = await db
		.select({ id: users.id, name: users.name, employeeNumber: users.employeeNumber, email: users.email, statements: statementCount(tenantId) })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), eq(users.id, personId)))
	return row ? { ...row, statements: Number(row.statements) } : null
}

/** Every statement of the unit about the person, voided or not, as stored (with `stored` and `authority`), oldest stored first. */
export async function listPersonXapiStatements(db: Database, { tenantId, personId }: { tenantId: string; personId: string }): Promise<Record<string, unknown>[]> {
	const rows = await db
		.select({ statement: xapiStatements.statement })
		.from(xapiStatements)
		.where(and(eq(xapiStatements.tenantId, tenantId), eq(xapiStatements.personId, personId)))
		.orderBy(asc(xapiStatements.stored), asc(xapiStatements.id))
	return rows.map((row) => row.statement)
}

export type ErasedXapiStatements = { statements: number; evidenceLinks: number }

/**
 * Deletes the unit's statements that `which` selects (a condition on `s`, the statements), with
 * their links to passport evidence first (the links' key names the statement); the evidence stays.
 * Attachments live in the statement's row and go with it. Statements of others that refer to a
 * deleted one (a StatementRef, a voiding) have no key to it and stay. Two statements, any number of rows.
 */
async function deleteXapiStatementsWhere(db: Database, { tenantId, which }: { tenantId: string; which: SQL }): Promise<ErasedXapiStatements> {
	const [links] = await selectRows<{ count: number }>(
		db,
		sql`with gone as (
			delete from ${passportEvidenceStatements} l using ${xapiStatements} s
			where l.tenant_id = ${tenantId} and s.tenant_id = ${tenantId} and l.statement_id = s.id and ${which}
			returning 1
		) select count(*)::int as count from gone`,
	)
	const [statements] = await selectRows<{ count: number }>(
		db,
		sql`with gone as (
			delete from ${xapiStatements} s where s.tenant_id = ${tenantId} and ${which}
			returning 1
		) select count(*)::int as count from gone`,
	)
	return { statements: Number(statements?.count ?? 0), evidenceLinks: Number(links?.count ?? 0) }
}

/** Erases every statement of the unit about the person (hard delete), with their evidence links. */
export async function erasePersonXapiStatements(db: Database, { tenantId, personId }: { tenantId: string; personId: string }): Promise<ErasedXapiStatements> {
	return deleteXapiStatementsWhere(db, { tenantId, which: sql`s.person_id = ${personId}::uuid` })
}

/**
 * Deletes the unit's statements stored before the Amsterdam day `firstKeptDay` (YYYY-MM-DD), with
 * their evidence links: the retention (the bound is one instant, so the (tenant, stored) index serves it).
 */
export async function deleteXapiStatementsStoredBefore(db: Database, { tenantId, firstKeptDay }: { tenantId: string; firstKeptDay: string }): Promise<ErasedXapiStatements> {
	return deleteXapiStatementsWhere(db, { tenantId, which: sql`s.stored < (${firstKeptDay}::date::timestamp at time zone 'Europe/Amsterdam')` })
}
