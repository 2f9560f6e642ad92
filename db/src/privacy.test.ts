import { Ajv2020 } from 'ajv/dist/2020.js'
import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectRows, type Database, type DatabaseClient } from './client.ts'
import { exportPersonalData } from './queries/privacy.ts'
import * as schema from './schema/index.ts'
import { withTenantContext } from './tenancy.ts'
import { createTestDatabase, insertNvwaAndRvo, insertPeople, testDrivers, type TestDatabase } from './testing.ts'
import exportSchema from './privacy-export.schema.json' with { type: 'json' }

type Entry = { table: string; column: string; findBy: string; erasure: string }

// Issue 22, item 1 (ADR 053): every table and every column that points at a person is in the
// personal-data register, which the export reads — so a table added without a line there fails
// here, not in front of a person asking for their data.
describe.each(await testDrivers())('the personal-data register and a person’s export on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let register: Entry[]
	let ids: { nvwa: string; rvo: string; manager: string; member: string; stranger: string }
	const owner = <T>(query: SQL) => selectRows<T>(database.db, query)
	const as = <T>(tenantId: string, userId: string, work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId, userId }, work)

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		const units = await insertNvwaAndRvo(database.db)
		const [manager, member] = await insertPeople(database.db, units.nvwa, ['Mila Manager', 'Tim Teamlid'])
		const [stranger] = await insertPeople(database.db, units.rvo, ['Stan Vreemd'])
		ids = { ...units, manager: manager!, member: member!, stranger: stranger! }
		await database.db.execute(sql`update users set manager_id = ${ids.manager} where id = ${ids.member}`)
		await database.db.insert(schema.roleAssignments).values([{ userId: ids.manager, role: 'coordinator', tenantId: ids.nvwa }])
		await database.db.insert(schema.auditLog).values([
			{ tenantId: ids.nvwa, actorUserId: ids.manager, action: 'session.cancel', objectType: 'session', objectId: 's-1', result: 'success' },
			{ tenantId: ids.rvo, actorUserId: ids.stranger, action: 'session.plan', objectType: 'session', objectId: 's-2', result: 'success' },
		])
		await database.db.insert(schema.outboxMails).values([
			{ tenantId: ids.nvwa, messageKey: 'm-1', messageId: '<m-1@test>', toAddress: 'MILA.Manager@test.nl', subject: 'Uw aanvraag', body: '…', status: 'sent' },
			{ tenantId: ids.rvo, messageKey: 'm-2', messageId: '<m-2@test>', toAddress: 'Stan.Vreemd@test.nl', subject: 'Uw aanvraag', body: '…', status: 'sent' },
		])
		register = await owner<Entry>(sql`select table_name as "table", column_name as "column", find_by as "findBy", erasure from personal_data_register`)
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test('every table of the schema is in the register, with or without personal data', async () => {
		const tables = await owner<{ name: string }>(
			sql`select c.relname as name from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`,
		)
		const registered = new Set(register.map((entry) => entry.table))
		expect(tables.map((table) => table.name).filter((name) => !registered.has(name))).toEqual([])
		// And nothing stale: a table dropped leaves the register too.
		expect([...registered].filter((name) => !tables.some((table) => table.name === name))).toEqual([])
	})

	test('every column that points at a person is registered as the person, and every address or agent column is read', async () => {
		const toUsers = await owner<{ table: string; column: string }>(
			sql`select c.conrelid::regclass::text as "table", a.attname as "column"
				from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
				where c.contype = 'f' and c.confrelid = 'users'::regclass and array_length(c.conkey, 1) = 1`,
		)
		const registered = (table: string, column: string, findBy: (kind: string) => boolean) =>
			register.some((entry) => entry.table === table && entry.column === column && findBy(entry.findBy))
		expect(toUsers.length).toBeGreaterThan(40)
		expect(toUsers.filter(({ table, column }) => !registered(table, column, (kind) => kind === 'person'))).toEqual([])
		expect(registered('users', 'id', (kind) => kind === 'person')).toBe(true)

		// Text that names a person without a key: an address, an agent, a name kept beside another key.
		const named = await owner<{ table: string; column: string }>(
			sql`select table_name as "table", column_name as "column" from information_schema.columns
				where table_schema = 'public' and data_type in ('text', 'ARRAY')
					and column_name ~ '((^|_)(email|agent_key|agent_keys|employee_name|user_agent)|_address)$'`,
		)
		const readByTable = (table: string) => register.some((entry) => entry.table === table && entry.findBy !== 'none')
		expect(named.length).toBeGreaterThan(5)
		expect(named.filter(({ table }) => !readByTable(table))).toEqual([])
	})

	test('each line says what erasure does, and a line found through another table names a table the register reads', () => {
		for (const entry of register) {
			expect(entry.erasure === 'none', `${entry.table}.${entry.column}`).toBe(entry.findBy === 'none')
			if (entry.findBy.startsWith('via:')) {
				const parent = entry.findBy.slice(4)
				expect(register.some((line) => line.table === parent && (line.findBy === 'person' || line.findBy === 'email')), `${entry.table} via ${parent}`).toBe(true)
			}
		}
	})

	test('a person’s export has every registered table, their own rows and none of a stranger’s', async () => {
		const data = await as(ids.nvwa, ids.manager, (tx) => exportPersonalData(tx, { userId: ids.manager }))
		const personal = [...new Set(register.filter((entry) => entry.findBy !== 'none').map((entry) => entry.table))].sort()
		expect(Object.keys(data).sort()).toEqual(personal)
		// Herself, and the team member whose manager she is.
		expect(data.users!.map((user) => user.name).sort()).toEqual(['Mila Manager', 'Tim Teamlid'])
		expect(data.role_assignments!.map((role) => role.role)).toEqual(['coordinator'])
		expect(data.audit_log!.map((row) => row.object_id)).toEqual(['s-1'])
		// Found by address, whatever its case.
		expect(data.outbox_mails!.map((mail) => mail.message_key)).toEqual(['m-1'])
		expect(JSON.stringify(data)).not.toContain('Stan')
	})

	test('a real export is valid against the published JSON schema, which names every table the register reads', async () => {
		const data = await as(ids.nvwa, ids.manager, (tx) => exportPersonalData(tx, { userId: ids.manager }))
		const validate = new Ajv2020({ allErrors: true, strict: true }).compile(exportSchema)
		// As the person downloads it: the JSON text of the file, parsed.
		const valid = validate(JSON.parse(JSON.stringify(data)))
		expect(validate.errors ?? []).toEqual([])
		expect(valid).toBe(true)
		const personal = [...new Set(register.filter((entry) => entry.findBy !== 'none').map((entry) => entry.table))].sort()
		expect([...exportSchema.required].sort()).toEqual(personal)
		// And it refuses what is not an export: a table it does not know, a person without an address.
		expect(validate({ ...data, onbekend: [] })).toBe(false)
		expect(validate({ ...data, users: [{ ...data.users![0], email: undefined }] })).toBe(false)
	})

	test('only the person themselves may ask: another person’s id, in any unit, is refused', async () => {
		// The database's own message, under the driver's "Failed query".
		const refusal = (work: Promise<unknown>) =>
			work.then(
				() => null,
				(error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
			)
		expect(await refusal(as(ids.nvwa, ids.manager, (tx) => exportPersonalData(tx, { userId: ids.member })))).toMatch(/only the person themselves/)
		expect(await refusal(as(ids.rvo, ids.stranger, (tx) => exportPersonalData(tx, { userId: ids.manager })))).toMatch(/only the person themselves/)
	})
})
