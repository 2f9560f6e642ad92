import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { id } from './columns.ts'
import { users } from './people.ts'
import { tenants } from './tenants.ts'
import { ownUnitPolicy } from './tenancy.ts'

/**
 * An intervention whose effect a unit's coordinator wants to know (issue 18, item 3; ADR 040 and
 * its addendum ADR 044): a course or programme given to some teams in a period, and the measure
 * that should change. A team is a manager's team: the unit's people whose `manager_id` is that
 * manager, the same team the team page, the approvals inbox and the passport matrix use; it is
 * named by its manager (`manager_id`), and in a CSV file by the manager's employee number.
 * Months are stored as their first day. The unit's own, forced (migration 0061).
 */
export const interventions = pgTable(
	'interventions',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		name: text().notNull(),
		/** The course given, if it is one of the catalogue's; a programme is described in `description`. */
		courseId: uuid().references(() => courses.id),
		description: text().notNull().default(''),
		/** The first and last month the intervention ran (both counted as neither before nor after). */
		firstMonth: date().notNull(),
		lastMonth: date().notNull(),
		/** How many months before the first and after the last month the comparison reads. */
		monthsBefore: smallint().notNull(),
		monthsAfter: smallint().notNull(),
		measureName: text().notNull(),
		/** Whether a lower or a higher value is the better one (the domain's `BetterDirection`). */
		better: text({ enum: ['lower', 'higher'] }).notNull(),
		/** How the measure was last filled: a CSV file, or counted from the unit's xAPI statements. */
		measureSource: text({ enum: ['csv', 'xapi'] }),
		xapiVerbId: text(),
		xapiActivityPrefix: text(),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull(),
	},
	(t) => [
		// The unit's list, newest period first.
		index().on(t.tenantId, t.firstMonth),
		check('interventions_name', sql`char_length(${t.name}) between 1 and 200`),
		check('interventions_description', sql`char_length(${t.description}) <= 2000`),
		check('interventions_measure_name', sql`char_length(${t.measureName}) between 1 and 200`),
		check('interventions_months', sql`extract(day from ${t.firstMonth}) = 1 and extract(day from ${t.lastMonth}) = 1 and ${t.lastMonth} >= ${t.firstMonth}`),
		check('interventions_windows', sql`${t.monthsBefore} between 1 and 24 and ${t.monthsAfter} between 1 and 24`),
		check('interventions_better', sql`${t.better} in ('lower', 'higher')`),
		check('interventions_source', sql`${t.measureSource} is null or ${t.measureSource} in ('csv', 'xapi')`),
		ownUnitPolicy('interventions', t.tenantId),
	],
)

/** A team that was trained: named by its manager. Every other team with values is a comparison team. */
export const interventionTeams = pgTable(
	'intervention_teams',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		interventionId: uuid()
			.notNull()
			.references(() => interventions.id, { onDelete: 'cascade' }),
		managerId: uuid()
			.notNull()
			.references(() => users.id),
	},
	(t) => [primaryKey({ columns: [t.interventionId, t.managerId] }), ownUnitPolicy('intervention_teams', t.tenantId)],
)

/** The measure: one value per team per month; replaced as a whole by each import or count. */
export const interventionMeasureValues = pgTable(
	'intervention_measure_values',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		interventionId: uuid()
			.notNull()
			.references(() => interventions.id, { onDelete: 'cascade' }),
		managerId: uuid()
			.notNull()
			.references(() => users.id),
		month: date().notNull(),
		value: doublePrecision().notNull(),
		source: text({ enum: ['csv', 'xapi'] }).notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.interventionId, t.managerId, t.month] }),
		check('intervention_measure_values_month', sql`extract(day from ${t.month}) = 1`),
		check('intervention_measure_values_value', sql`${t.value} = ${t.value} and ${t.value} not in ('Infinity'::float8, '-Infinity'::float8)`),
		check('intervention_measure_values_source', sql`${t.source} in ('csv', 'xapi')`),
		ownUnitPolicy('intervention_measure_values', t.tenantId),
	],
)
