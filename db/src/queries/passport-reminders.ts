import { addDays, reminderKey, type CalendarDate, type PassportColour, type PassportReminder, type RedChange, type ReminderDot } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { passportReminders } from '../schema/passport.ts'

// The passport reminders' facts and ledger (ADR 031, reminders). Everything runs in the
// employee's unit's context: the dots, the history, the people and the ledger are the unit's.

const dateText = (value: unknown): CalendarDate | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value))

export type ReminderFacts = {
	/** Dots of active people that may be due: valid until within `horizonDays`, or red after a recent change. */
	dots: ReminderDot[]
	redChanges: RedChange[]
	/** The ledger's keys of reminders sent since `sentSince` (`reminderKey`'s form). */
	sent: Set<string>
	/** Each person's active manager in the same unit, if any. */
	managers: Map<string, string>
}

/**
 * What the daily job needs to decide one unit's reminders on `today`: the dots whose last valid
 * day falls within `horizonDays`, the changes to red since `redSince` with their dot as it is now,
 * the reminders already in the ledger since `sentSince`, and the managers of the people concerned.
 * Only active people are reminded.
 */
export async function listPassportReminderFacts(
	db: Database,
	{ tenantId, today, horizonDays, redSince, sentSince }: { tenantId: string; today: CalendarDate; horizonDays: number; redSince: CalendarDate; sentSince: CalendarDate },
): Promise<ReminderFacts> {
	const dotRows = await selectRows<{ user_id: string; competency_id: string; status: PassportColour; valid_until: unknown; permanent: boolean; manager_id: string | null }>(
		db,
		sql`select s.user_id, s.competency_id, s.status, s.valid_until, s.permanent, m.id as manager_id
			from passport_status s
			join users u on u.id = s.user_id and u.active
			-- A manager is told about their own unit's people only: a manager_id pointing into another
			-- unit (a data error, or a move between units) must not carry one unit's dots to the other.
			left join users m on m.id = u.manager_id and m.active and m.tenant_id = u.tenant_id
			where s.tenant_id = ${tenantId}
				and ((s.status in ('green', 'orange') and s.valid_until between ${today}::date and ${addDays(today, horizonDays)}::date)
					or (s.status = 'red' and exists (
						select 1 from passport_status_history h
						where h.tenant_id = s.tenant_id and h.user_id = s.user_id and h.competency_id = s.competency_id
							and h.to_status = 'red' and h.changed_on >= ${redSince}::date)))`,
	)
	const redRows = await selectRows<{ id: string; user_id: string; competency_id: string; from_status: PassportColour | null; changed_on: unknown }>(
		db,
		sql`select h.id, h.user_id, h.competency_id, h.from_status, h.changed_on
			from passport_status_history h
			where h.tenant_id = ${tenantId} and h.to_status = 'red' and h.changed_on >= ${redSince}::date`,
	)
	const sentRows = await selectRows<{ kind: PassportReminder['kind']; user_id: string; competency_id: string; valid_until: unknown; days_before: number | null; history_id: string | null }>(
		db,
		sql`select kind, user_id, competency_id, valid_until, days_before, history_id from passport_reminders
			where tenant_id = ${tenantId} and reminded_on >= ${sentSince}::date`,
	)
	const managers = new Map<string, string>()
	for (const row of dotRows) if (row.manager_id) managers.set(row.user_id, row.manager_id)
	return {
		dots: dotRows.map((row) => ({ userId: row.user_id, competencyId: row.competency_id, status: row.status, validUntil: dateText(row.valid_until), permanent: row.permanent })),
		redChanges: redRows.map((row) => ({ historyId: row.id, userId: row.user_id, competencyId: row.competency_id, fromStatus: row.from_status, changedOn: dateText(row.changed_on)! })),
		// The same key the rule computes (`reminderKey`): a reminder in the ledger is never due again.
		sent: new Set(
			sentRows.map((row) =>
				reminderKey(
					row.kind === 'expiring'
						? { kind: 'expiring', userId: row.user_id, competencyId: row.competency_id, validUntil: dateText(row.valid_until)!, daysBefore: row.days_before! }
						: { kind: 'turned_red', userId: row.user_id, competencyId: row.competency_id, historyId: row.history_id!, changedOn: '' },
				),
			),
		),
		managers,
	}
}

/**
 * Writes a reminder to the ledger unless it is there already (ON CONFLICT DO NOTHING on its
 * unique key, whatever transaction wrote it first). Returns the new row's id, or null: then it was
 * sent before, and the caller queues no mail.
 */
export async function recordPassportReminder(
	db: Database,
	{ tenantId, reminder, managerId, remindedOn }: { tenantId: string; reminder: PassportReminder; managerId: string | null; remindedOn: CalendarDate },
): Promise<string | null> {
	const occasion =
		reminder.kind === 'expiring' ? { validUntil: reminder.validUntil, daysBefore: reminder.daysBefore, historyId: null } : { validUntil: null, daysBefore: null, historyId: reminder.historyId }
	const [row] = await db
		.insert(passportReminders)
		.values({ tenantId, userId: reminder.userId, competencyId: reminder.competencyId, kind: reminder.kind, ...occasion, managerId, remindedOn })
		.onConflictDoNothing()
		.returning({ id: passportReminders.id })
	return row?.id ?? null
}

export type PassportReminderForMail = {
	kind: PassportReminder['kind']
	userId: string
	employeeName: string
	managerId: string | null
	competencyName: string
	validUntil: CalendarDate | null
	daysBefore: number | null
	/** turned_red: the day the dot turned. */
	changedOn: CalendarDate | null
	/** The dot as it is now, to send nothing when it changed since (renewed, or green again). */
	status: PassportColour | null
	currentValidUntil: CalendarDate | null
}

/** One reminder of the ledger with what its mail says (in the employee's unit's context). */
export async function getPassportReminderForMail(db: Database, { reminderId }: { reminderId: string }): Promise<PassportReminderForMail | null> {
	const [row] = await selectRows<{
		kind: PassportReminder['kind']
		user_id: string
		employee_name: string
		manager_id: string | null
		competency_name: string
		valid_until: unknown
		days_before: number | null
		changed_on: unknown
		status: PassportColour | null
		current_valid_until: unknown
	}>(
		db,
		sql`select r.kind, r.user_id, u.name as employee_name, r.manager_id, c.name as competency_name, r.valid_until, r.days_before,
				h.changed_on, s.status, s.valid_until as current_valid_until
			from passport_reminders r
			join users u on u.id = r.user_id
			join competencies c on c.id = r.competency_id
			left join passport_status_history h on h.id = r.history_id
			left join passport_status s on s.user_id = r.user_id and s.competency_id = r.competency_id
			where r.id = ${reminderId}`,
	)
	if (!row) return null
	return {
		kind: row.kind,
		userId: row.user_id,
		employeeName: row.employee_name,
		managerId: row.manager_id,
		competencyName: row.competency_name,
		validUntil: dateText(row.valid_until),
		daysBefore: row.days_before,
		changedOn: dateText(row.changed_on),
		status: row.status,
		currentValidUntil: dateText(row.current_valid_until),
	}
}
