import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
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
		/**
		 * Repeated refusals collapsed into this row (audit_record_denial, migration 0031): their key,
		 * how many there were, and the first and last as the service's clock saw them. A plain entry
		 * has no key and counts 1.
		 */
		collapseKey: text(),
		occurrences: integer().notNull().default(1),
		firstSeenAt: timestamp({ withTimezone: true }),
		lastSeenAt: timestamp({ withTimezone: true }),
	},
	(t) => [
		index().on(t.tenantId, t.at.desc()),
		// The concern's trail, newest first across every unit, paged by (at, id) (audit_trail_page, ADR 049).
		index('audit_log_at_id_idx').on(t.at.desc(), t.id.desc()),
		index().on(t.objectType, t.objectId),
		// audit_record_denial finds the open row of a refusal's key.
		index().on(t.collapseKey, t.firstSeenAt.desc()).where(sql`${t.collapseKey} is not null`),
		// A unit reads its own trail. Anyone may append (a failed sign-in has no unit yet), but
		// never in another unit's name. No UPDATE or DELETE is granted at all.
		pgPolicy('audit_log_own_unit_read', { for: 'select', using: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('audit_log_append', { for: 'insert', withCheck: sql`${t.tenantId} is null or ${t.tenantId} = ${appTenantId}` }),
	],
)
