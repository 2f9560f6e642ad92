import { enqueueMail } from '@leerplein/db/jobs'
import { listPassportReminderFacts, recordPassportReminder } from '@leerplein/db/passport'
import { listTenants } from '@leerplein/db/tenants'
import { addDays, amsterdamDate, duePassportReminders, PASSPORT_REMINDER_DAYS, RED_REMINDER_LOOKBACK_DAYS } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

const HORIZON_DAYS = Math.max(...PASSPORT_REMINDER_DAYS)

/**
 * The daily passport reminder scan (`actor: null`: the schedule, no person): for every unit, in
 * its own context, the reminders due today (`duePassportReminders`: 60 and 14 days before a
 * required competency's last valid day, and a dot that turned red) are written to the ledger and,
 * in the same transaction, a mail to the employee and one to their manager is queued. The ledger
 * insert does nothing when the reminder is there already (another run, a retry, a run at the same
 * time): then no mail is queued, so a reminder goes out once. Returns how many reminders and mails it queued.
 */
export async function enqueuePassportReminders(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ reminders: number; mails: number }>> {
	const today = amsterdamDate(ctx.clock.now())
	let reminders = 0
	let mails = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			const facts = await listPassportReminderFacts(tx, {
				tenantId: tenant.id,
				today,
				horizonDays: HORIZON_DAYS,
				redSince: addDays(today, -RED_REMINDER_LOOKBACK_DAYS),
				// A reminder stays relevant until the day it is about: the longest offset back is enough.
				sentSince: addDays(today, -HORIZON_DAYS - 1),
			})
			const counts = { reminders: 0, mails: 0 }
			for (const reminder of duePassportReminders(facts, { today })) {
				const managerId = facts.managers.get(reminder.userId) ?? null
				const reminderId = await recordPassportReminder(tx, { tenantId: tenant.id, reminder, managerId, remindedOn: today })
				if (reminderId === null) continue
				counts.reminders++
				for (const recipientUserId of managerId ? [reminder.userId, managerId] : [reminder.userId]) {
					await enqueueMail(tx, { kind: 'passport_reminder', tenantId: tenant.id, reminderId, recipientUserId, messageKey: `passport_reminder:${reminderId}:${recipientUserId}` })
					counts.mails++
				}
			}
			return counts
		})
		if (!scan.ok) return scan
		reminders += scan.value.reminders
		mails += scan.value.mails
	}
	return succeed({ reminders, mails })
}
