import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
import { users } from './people.ts'

/**
 * Signed-in sessions (Lucia's model). The id is the SHA-256 hash of the token in the
 * cookie; the token itself is never stored, so a leaked table signs nobody in.
 */
export const authSessions = pgTable(
	'auth_sessions',
	{
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Idle expiry: slides forward with activity, never past `absoluteExpiresAt`. */
		expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		absoluteExpiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		idleTimeoutSeconds: integer().notNull(),
		ipAddress: text(),
		userAgent: text(),
		createdAt: createdAt(),
	},
	// Sign out everywhere, and ending all sessions of a deactivated account.
	(t) => [index().on(t.userId)],
	// RLS without a policy: nobody but the migrator reads this table directly; the portal goes
	// through the auth_* functions of migration 0003, because a session is looked up before any
	// tenant is known.
).enableRLS()
