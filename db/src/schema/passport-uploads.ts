import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { bytea, createdAt, id } from './columns.ts'
import { passportEvidence, personAndCompetency } from './passport.ts'
import { users } from './people.ts'
import { appUserId, ownUnitPolicy } from './tenancy.ts'

/**
 * A certificate an employee uploaded as evidence for their passport (ADR 031, uploads), kept in
 * PostgreSQL so it lives under the same row-level security and backups as the rest, on PGlite
 * and PostgreSQL alike. Their manager or a coordinator of their unit approves it (which writes
 * the evidence, `evidence_id`) or rejects it with a reason. Never deleted, and decided once: the
 * app role may update only the decision's columns, and only while it is pending (migration 0038).
 */
export const passportUploads = pgTable(
	'passport_uploads',
	{
		id: id(),
		...personAndCompetency(),
		/** The Amsterdam day the certificate was obtained: the evidence's day when approved. */
		obtainedOn: date().notNull(),
		note: text().notNull().default(''),
		/** The level the certificate states, on a competency with levels; null: the lowest. The approval's evidence carries it. */
		level: integer(),
		fileName: text().notNull(),
		/** What the file's first bytes say it is (application/pdf, image/png, image/jpeg), not what the browser claimed. */
		contentType: text().notNull(),
		byteSize: integer().notNull(),
		content: bytea().notNull(),
		status: text({ enum: ['pending', 'approved', 'rejected'] })
			.notNull()
			.default('pending'),
		decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp({ withTimezone: true }),
		reason: text(),
		evidenceId: uuid().references(() => passportEvidence.id),
		createdAt: createdAt(),
	},
	(t) => [
		check('passport_upload_status', sql`${t.status} in ('pending', 'approved', 'rejected')`),
		check('passport_upload_level', sql`${t.level} is null or ${t.level} between 1 and 5`),
		check('passport_upload_type', sql`${t.contentType} in ('application/pdf', 'image/png', 'image/jpeg')`),
		// 5 MB (MAX_CERTIFICATE_BYTES); the database refuses what slipped past the portal.
		check('passport_upload_size', sql`${t.byteSize} between 1 and 5242880 and octet_length(${t.content}) = ${t.byteSize}`),
		check('passport_upload_note_length', sql`length(${t.note}) <= 500 and length(${t.fileName}) between 1 and 255`),
		check(
			'passport_upload_decision',
			sql`(${t.status} = 'pending' and ${t.decidedAt} is null and ${t.reason} is null and ${t.evidenceId} is null) or (${t.status} = 'approved' and ${t.decidedAt} is not null and ${t.evidenceId} is not null) or (${t.status} = 'rejected' and ${t.decidedAt} is not null and length(${t.reason}) > 0 and ${t.evidenceId} is null)`,
		),
		// The unit's pending uploads for its reviewers; a person's uploads on their passport.
		index().on(t.tenantId, t.status, t.createdAt),
		index().on(t.tenantId, t.userId),
		ownUnitPolicy('passport_uploads', t.tenantId),
		pgPolicy('passport_uploads_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)
