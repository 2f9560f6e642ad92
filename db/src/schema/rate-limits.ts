import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Fixed-window counters for sensitive endpoints (sign-in). Kept in PostgreSQL so every portal
 * process counts against the same limit. The portal never touches the table directly: one
 * SECURITY DEFINER function counts a hit atomically (migration 0007, ADR 009).
 */
export const rateLimits = pgTable('rate_limits', {
	key: text().primaryKey(),
	windowStartedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	hits: integer().notNull(),
}).enableRLS()
