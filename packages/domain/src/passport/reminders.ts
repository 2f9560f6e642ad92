import { addDays, type CalendarDate } from './calendar.ts'
import type { PassportColour } from './status.ts'

// Which passport reminders are due on a day (issue 15, ADR 031's addendum): before a required
// competency expires, and when a dot turns red. Pure: the daily job passes the unit's dots, its
// recent changes to red and the reminders already sent, and stores what this returns.

/** Days before the last valid day that the employee and their manager hear a competency expires; largest first. */
export const PASSPORT_REMINDER_DAYS = [60, 14] as const

/**
 * How many days after a dot turned red the job still tells about it: a run that was missed (a
 * worker down over a weekend) is made up for, an old change in the history is not dug up.
 */
export const RED_REMINDER_LOOKBACK_DAYS = 7

/** A dot as stored: one person × competency. */
export type ReminderDot = { userId: string; competencyId: string; status: PassportColour; validUntil: CalendarDate | null; permanent: boolean }

/** A change of a dot to red, from the status history. */
export type RedChange = { historyId: string; userId: string; competencyId: string; fromStatus: PassportColour | null; changedOn: CalendarDate }

export type PassportReminder =
	| { kind: 'expiring'; userId: string; competencyId: string; validUntil: CalendarDate; daysBefore: number }
	| { kind: 'turned_red'; userId: string; competencyId: string; historyId: string; changedOn: CalendarDate }

/** What makes a reminder the same reminder: the ledger's unique key, as text. */
export function reminderKey(reminder: PassportReminder): string {
	switch (reminder.kind) {
		case 'expiring':
			return `expiring:${reminder.userId}:${reminder.competencyId}:${reminder.validUntil}:${reminder.daysBefore}`
		case 'turned_red':
			return `turned_red:${reminder.userId}:${reminder.competencyId}:${reminder.historyId}`
		default: {
			const never: never = reminder
			return never
		}
	}
}

const daysBetween = (from: CalendarDate, to: CalendarDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * The offset whose reminder is due with `daysLeft` days to go, or null: the smallest offset not
 * below `daysLeft`. A run that missed the 60th day still sends the 60-day reminder on the 59th; a
 * dot first seen 10 days before expiry (a late requirement, a short validity) gets only the
 * 14-day one, never two at once.
 */
function offsetFor(daysLeft: number, offsets: readonly number[]): number | null {
	if (daysLeft < 0) return null
	const fitting = offsets.filter((offset) => daysLeft <= offset)
	return fitting.length === 0 ? null : Math.min(...fitting)
}

/**
 * The reminders due on `today` that `sent` (keys from `reminderKey`) does not hold yet:
 * - *expiring*: a required dot (green or orange) with a last valid day `validUntil`, from the
 *   offset's day until it expires; a renewal moves `validUntil` and so earns new reminders;
 *   permanent validity and dots not required never remind;
 * - *turned red*: the latest change of a dot to red from green or orange (it was held, or was in
 *   its grace period) at most RED_REMINDER_LOOKBACK_DAYS ago, while the dot is still red. A dot
 *   that was red from the start (a new requirement without grace) is the unit's announcement, not a
 *   reminder; a dot that went green again needs none.
 */
export function duePassportReminders(
	{ dots, redChanges, sent }: { dots: readonly ReminderDot[]; redChanges: readonly RedChange[]; sent: ReadonlySet<string> },
	{ today, offsets = PASSPORT_REMINDER_DAYS }: { today: CalendarDate; offsets?: readonly number[] },
): PassportReminder[] {
	const due: PassportReminder[] = []
	const current = new Map<string, ReminderDot>()
	for (const dot of dots) {
		current.set(`${dot.userId}|${dot.competencyId}`, dot)
		if (dot.permanent || dot.validUntil === null || (dot.status !== 'green' && dot.status !== 'orange')) continue
		const daysBefore = offsetFor(daysBetween(today, dot.validUntil), offsets)
		if (daysBefore === null) continue
		due.push({ kind: 'expiring', userId: dot.userId, competencyId: dot.competencyId, validUntil: dot.validUntil, daysBefore })
	}
	const latestRed = new Map<string, RedChange>()
	const since = addDays(today, -RED_REMINDER_LOOKBACK_DAYS)
	for (const change of redChanges) {
		if (change.fromStatus !== 'green' && change.fromStatus !== 'orange') continue
		if (change.changedOn < since || change.changedOn > today) continue
		const key = `${change.userId}|${change.competencyId}`
		const before = latestRed.get(key)
		if (!before || change.changedOn > before.changedOn || (change.changedOn === before.changedOn && change.historyId > before.historyId)) latestRed.set(key, change)
	}
	for (const [key, change] of latestRed) {
		if (current.get(key)?.status !== 'red') continue
		due.push({ kind: 'turned_red', userId: change.userId, competencyId: change.competencyId, historyId: change.historyId, changedOn: change.changedOn })
	}
	return due.filter((reminder) => !sent.has(reminderKey(reminder)))
}
