import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'
import { users } from './people.ts'

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
	(t) => [index().on(t.tenantId, t.at.desc()), index().on(t.objectType, t.objectId)],
)
