import type { PassportCause } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { evidenceSourceKind, passportColour, renewalBasis } from './enums.ts'
import { jobProfiles, users } from './people.ts'
import { appIsConcernAdmin, appTenantId, appUserId, ownUnitPolicy, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// The quality passport (issue 15, ADR 031). Competencies are the concern's; requirements are the
// concern's (inherited by every unit) or a unit's own; evidence, statuses and their history
// belong to the employee's unit. Evidence is never deleted: there is no DELETE grant, and only
// the columns that supersede or revoke it may be updated (migration 0035).

/** A competency or certificate (bekwaamheid), defined once for the concern by the concern administrator. */
export const competencies = pgTable(
	'competencies',
	{
		id: id(),
		name: text().notNull().unique(),
		description: text().notNull().default(''),
		/** Months a piece of evidence keeps it valid; null: permanent. */
		validityMonths: integer(),
		/** Days before expiry the dot turns orange; also the renewal window. */
		warningDays: integer().notNull().default(60),
		renewalBasis: renewalBasis().notNull().default('expiry'),
		/** The ordered level names, lowest first (level 1 is the first); empty: no levels. Requirements and evidence name a level by its number. */
		levels: text().array().notNull().default(sql`'{}'::text[]`),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		check('competency_validity_positive', sql`${t.validityMonths} is null or ${t.validityMonths} between 1 and 600`),
		check('competency_warning_days', sql`${t.warningDays} between 0 and 730`),
		check('competency_name_length', sql`length(${t.name}) between 1 and 120`),
		// At most five levels (MAX_COMPETENCY_LEVELS); a requirement or a piece of evidence names one by its number.
		check('competency_levels_count', sql`cardinality(${t.levels}) <= 5`),
		// Every unit's passports name them, so everyone reads them; only a concern administrator writes.
		publicReadPolicy('competencies'),
		pgPolicy('competencies_concern_admin_insert', { for: 'insert', withCheck: appIsConcernAdmin }),
		pgPolicy('competencies_concern_admin_update', { for: 'update', using: appIsConcernAdmin, withCheck: appIsConcernAdmin }),
	],
)

/**
 * The columns of a row about one person's competency (their requirements, evidence, status and its
 * history, reminders, uploads): the person's unit, the person, the competency.
 */
export const personAndCompetency = () => ({
	tenantId: uuid()
		.notNull()
		.references(() => tenants.id),
	userId: uuid()
		.notNull()
		.references(() => users.id),
	competencyId: uuid()
		.notNull()
		.references(() => competencies.id),
})

/**
 * A requirement for a group of people. Without a unit it is the concern's: every unit inherits it,
 * for everyone (no job-profile name) or for the job profiles of that name in any unit (job
 * profiles belong to units; a name such as "Teamleider" recurs). With a unit it is the unit's own
 * extension: for everyone in the unit, or for one of its job profiles.
 */
export const competencyRequirements = pgTable(
	'competency_requirements',
	{
		id: id(),
		tenantId: uuid().references(() => tenants.id),
		competencyId: uuid()
			.notNull()
			.references(() => competencies.id),
		jobProfileName: text(),
		jobProfileId: uuid().references(() => jobProfiles.id),
		introducedOn: date().notNull(),
		graceDays: integer().notNull().default(0),
		/** The lowest level that meets it, on a competency with levels; null: any evidence. */
		minLevel: integer(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		check('requirement_grace_days', sql`${t.graceDays} between 0 and 730`),
		check('requirement_min_level', sql`${t.minLevel} is null or ${t.minLevel} between 1 and 5`),
		// The concern names job profiles by name, a unit by its own job profile.
		check('requirement_scope', sql`(${t.tenantId} is null and ${t.jobProfileId} is null) or (${t.tenantId} is not null and ${t.jobProfileName} is null)`),
		// A unit's requirement names one of its own job profiles: the database refuses another unit's, whatever the service checked.
		foreignKey({ name: 'competency_requirements_job_profile_unit_fk', columns: [t.jobProfileId, t.tenantId], foreignColumns: [jobProfiles.id, jobProfiles.tenantId] }),
		// A person's requirements: those of their unit and the concern's.
		index().on(t.tenantId, t.jobProfileId),
		index().on(t.competencyId),
		pgPolicy('competency_requirements_read', { for: 'select', using: sql`${t.tenantId} is null or ${t.tenantId} = ${appTenantId}` }),
		pgPolicy('competency_requirements_concern_write', {
			for: 'all',
			using: sql`${t.tenantId} is null and ${appIsConcernAdmin}`,
			withCheck: sql`${t.tenantId} is null and ${appIsConcernAdmin}`,
		}),
		ownUnitPolicy('competency_requirements', t.tenantId),
	],
)

/** A requirement assigned to one person by their unit. */
export const personRequirements = pgTable(
	'person_requirements',
	{
		id: id(),
		...personAndCompetency(),
		introducedOn: date().notNull(),
		graceDays: integer().notNull().default(0),
		/** The lowest level that meets it, on a competency with levels; null: any evidence. */
		minLevel: integer(),
		reason: text(),
		active: boolean().notNull().default(true),
		createdAt: createdAt(),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	(t) => [
		check('person_requirement_grace_days', sql`${t.graceDays} between 0 and 730`),
		check('person_requirement_min_level', sql`${t.minLevel} is null or ${t.minLevel} between 1 and 5`),
		// The person belongs to the unit that requires it of them: the database refuses another unit's person.
		foreignKey({ name: 'person_requirements_user_unit_fk', columns: [t.userId, t.tenantId], foreignColumns: [users.id, users.tenantId] }),
		// A person's requirements when their statuses are recomputed.
		index().on(t.tenantId, t.userId),
		ownUnitPolicy('person_requirements', t.tenantId),
		pgPolicy('person_requirements_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)

/**
 * Which competencies a course grants; kept by the providing unit's coordinator. Without a minimum
 * score the course's attendance or completion grants it; with one, only an LTI score of at least
 * that percentage of its maximum does (the `lti_results` trigger, migration 0041).
 */
export const courseCompetencies = pgTable(
	'course_competencies',
	{
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		competencyId: uuid()
			.notNull()
			.references(() => competencies.id),
		/** Percent of the score's maximum, 1–100; null: attendance or completion grants it. */
		minScorePercent: integer(),
		/** The level its completion, attendance or score grants, on a competency with levels; null: the lowest. */
		grantsLevel: integer(),
		createdAt: createdAt(),
	},
	(t) => [
		primaryKey({ columns: [t.courseId, t.competencyId] }),
		check('course_competency_min_score', sql`${t.minScorePercent} is null or ${t.minScorePercent} between 1 and 100`),
		check('course_competency_grants_level', sql`${t.grantsLevel} is null or ${t.grantsLevel} between 1 and 5`),
		// "Which courses grant this competency": the suggestions on a red or orange dot.
		index().on(t.competencyId),
		// Readable wherever the course is (the sub-select obeys the courses policies).
		pgPolicy('course_competencies_with_course', { for: 'select', using: sql`exists (select 1 from courses c where c.id = ${t.courseId})` }),
		pgPolicy('course_competencies_provider', {
			for: 'all',
			using: sql`exists (select 1 from courses c where c.id = ${t.courseId} and c.provider_tenant_id = ${appTenantId})`,
			withCheck: sql`exists (select 1 from courses c where c.id = ${t.courseId} and c.provider_tenant_id = ${appTenantId})`,
		}),
	],
)

/**
 * One piece of evidence that a person holds a competency, from its source (an enrolment, a
 * score, a statement, an upload, an import). The day it counts from is a Europe/Amsterdam
 * calendar day. Never deleted: a correction supersedes it, a withdrawal revokes it with a reason.
 */
export const passportEvidence = pgTable(
	'passport_evidence',
	{
		id: id(),
		...personAndCompetency(),
		sourceKind: evidenceSourceKind().notNull(),
		/** What the source calls it: an enrolment id, a score id, a statement id, a file, an import row. */
		sourceRef: text().notNull(),
		occurredAt: timestamp({ withTimezone: true }).notNull(),
		occurredOn: date().notNull(),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		supersededBy: uuid().references((): AnyPgColumn => passportEvidence.id),
		revokedAt: timestamp({ withTimezone: true }),
		revokedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		revokedReason: text(),
		/** The level it shows, on a competency with levels; null counts as the lowest. */
		level: integer(),
		/** On a correction (reference `correction:<old id>`): why the coordinator corrected the old piece; who and when are `recorded_by` and `recorded_at`. */
		correctionReason: text(),
	},
	(t) => [
		check('evidence_level', sql`${t.level} is null or ${t.level} between 1 and 5`),
		check('evidence_correction_reason_length', sql`${t.correctionReason} is null or length(${t.correctionReason}) between 1 and 500`),
		// One piece per source per competency: a repeated completion records nothing new.
		unique('passport_evidence_once').on(t.userId, t.competencyId, t.sourceKind, t.sourceRef),
		check('evidence_revocation_has_reason', sql`(${t.revokedAt} is null) = (${t.revokedReason} is null)`),
		// A person's evidence when their statuses are recomputed.
		index().on(t.tenantId, t.userId, t.competencyId),
		ownUnitPolicy('passport_evidence', t.tenantId),
		pgPolicy('passport_evidence_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)

/** The current dot of a person × competency, as the domain computed it, with the next day it changes by the calendar alone. */
export const passportStatus = pgTable(
	'passport_status',
	{
		...personAndCompetency(),
		status: passportColour().notNull(),
		validUntil: date(),
		permanent: boolean().notNull().default(false),
		nextChangeOn: date(),
		/** On a competency with levels: the highest level held today; null: none, or no levels. */
		level: integer(),
		cause: jsonb().$type<PassportCause>().notNull(),
		/** The Amsterdam day the status was computed for. */
		computedOn: date().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.competencyId] }),
		// The unit matrix by competency and colour; the nightly check walks a unit's rows.
		index().on(t.tenantId, t.competencyId, t.status),
		ownUnitPolicy('passport_status', t.tenantId),
		pgPolicy('passport_status_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)

/**
 * Per person (in their unit): how many red, orange and green dots, and the first day a valid,
 * non-permanent one ends: the matrix's urgency order without aggregating every dot. Kept by
 * statement triggers on `passport_status` in the same transaction; read-only to the portal.
 */
export const passportPersonSummary = pgTable(
	'passport_person_summary',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		red: integer().notNull().default(0),
		orange: integer().notNull().default(0),
		green: integer().notNull().default(0),
		firstExpiry: date(),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.userId] }), ownUnitPolicy('passport_person_summary', t.tenantId)],
)

/**
 * Per unit and competency: the red, orange and green dots of the unit's active people (the unit
 * matrix's counts). Kept by statement triggers on `passport_status` and a trigger on
 * `users.active`, in the same transaction; read-only to the portal.
 */
export const passportUnitCounts = pgTable(
	'passport_unit_counts',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		competencyId: uuid()
			.notNull()
			.references(() => competencies.id),
		red: integer().notNull().default(0),
		orange: integer().notNull().default(0),
		green: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.competencyId] }), ownUnitPolicy('passport_unit_counts', t.tenantId)],
)

/** Every change of a dot, with its cause: the passport's explanation. Append-only (no UPDATE or DELETE grant). */
export const passportStatusHistory = pgTable(
	'passport_status_history',
	{
		id: id(),
		...personAndCompetency(),
		fromStatus: passportColour(),
		toStatus: passportColour().notNull(),
		validUntil: date(),
		cause: jsonb().$type<PassportCause>().notNull(),
		/** What set off the recompute: new evidence, the calendar, a requirement, the nightly check. */
		trigger: text({ enum: ['evidence', 'calendar', 'requirement', 'consistency'] }).notNull(),
		changedOn: date().notNull(),
		changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		// The history on a person's passport, newest first.
		index().on(t.tenantId, t.userId, t.changedAt),
		// The daily reminder job: a unit's recent changes to red (migration 0036).
		index('passport_status_history_turned_red_index').on(t.tenantId, t.changedOn).where(sql`${t.toStatus} = 'red'`),
		pgPolicy('passport_status_history_own_unit_read', { for: 'select', using: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('passport_status_history_own_unit_insert', { for: 'insert', withCheck: sql`${t.tenantId} = ${appTenantId}` }),
		pgPolicy('passport_status_history_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
	],
)

/**
 * People whose evidence changed in the current transaction and whose dots must be recomputed
 * before it commits. Written only by the enrolment trigger; each transaction sees and clears
 * only its own rows (the policy compares the transaction id).
 */
export const passportPending = pgTable(
	'passport_pending',
	{
		xact: bigint({ mode: 'number' }).notNull(),
		tenantId: uuid().notNull(),
		userId: uuid().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.xact, t.userId] }),
		pgPolicy('passport_pending_own_transaction', { for: 'all', using: sql`${t.xact} = (select pg_current_xact_id_if_assigned()::text::bigint)` }),
	],
)

/**
 * The ledger of passport reminders (ADR 031, reminders): one row per reminder, written by the
 * daily job in the same transaction that queues its mails to the employee and their manager. The
 * unique key makes a reminder once: the job inserts with ON CONFLICT DO NOTHING and queues mail
 * only for a row it inserted. Append-only (no UPDATE or DELETE grant).
 */
export const passportReminders = pgTable(
	'passport_reminders',
	{
		id: id(),
		...personAndCompetency(),
		kind: text({ enum: ['expiring', 'turned_red'] }).notNull(),
		/** expiring: the last valid day the reminder is about, and how many days before it the reminder is. */
		validUntil: date(),
		daysBefore: integer(),
		/** turned_red: the history row of the change to red. */
		historyId: uuid().references(() => passportStatusHistory.id),
		/** The manager who was mailed too; null when the employee has none (in their unit) or they are inactive. */
		managerId: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** The Amsterdam day the job found it due. */
		remindedOn: date().notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		// Never twice: one reminder per person, competency, kind and occasion (null counts as a value here).
		unique('passport_reminders_once').on(t.userId, t.competencyId, t.kind, t.validUntil, t.daysBefore, t.historyId).nullsNotDistinct(),
		check(
			'passport_reminder_occasion',
			sql`(${t.kind} = 'expiring' and ${t.validUntil} is not null and ${t.daysBefore} is not null and ${t.historyId} is null) or (${t.kind} = 'turned_red' and ${t.historyId} is not null and ${t.validUntil} is null and ${t.daysBefore} is null)`,
		),
		// The reminders a unit sent lately: what the daily job must not send again.
		index().on(t.tenantId, t.remindedOn),
		ownUnitPolicy('passport_reminders', t.tenantId),
	],
)
