import { sql } from 'drizzle-orm'
import { bigint, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'
import { users } from './people.ts'
import { appTenantId } from './tenancy.ts'

/** Who did what, when, where and with what result. Append-only; never holds a token or secret. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp({ withTimezone: true }).notNull().defaultNow(),
		tenantId: uuid().references(() => tenants.id),
		actorUserId: uuid().references(() => users.id),
		action: text().notNull(),
		objectType: text().notNull(),
		objectId: text(),
		result: text({ enum: ['success', 'denied', 'failed'] }).notNull(),
		origin: text(),
		requestId: text(),
		before: jsonb(),
		after: jsonb(),
	},
	(t) => [
		index().on(t.tenantId, t.at.desc()),
		index().on(t.objectType, t.objectId),
		// A unit reads its own trail. Anyone may append (a failed sign-in has no unit yet), but
		// never in another unit's name. No UPDATE or DELETE is granted at all.
		pgPolicy('audit_log_own_unit_read', { for: 'select', using: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('audit_log_append', { for: 'insert', withCheck: sql`${t.tenantId} is null or ${t.tenantId} = ${appTenantId}` }),
	],
)
