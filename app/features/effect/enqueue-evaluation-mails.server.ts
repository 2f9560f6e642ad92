import { listEvaluationsAwaitingMail, recordEvaluationMail } from '@leerplein/db/effect'
import { enqueueMail } from '@leerplein/db/jobs'
import { listTenants } from '@leerplein/db/tenants'
import { evaluationMailsDue, evaluationMailThresholds } from '@leerplein/domain'
import { inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** One run takes at most this many invitations per unit; the next run (ten minutes on) takes the rest. */
const PER_UNIT = 1_000

/**
 * The scheduled evaluation mail scan (ADR 041; `actor: null`: the schedule): in every unit's own
 * context, each unanswered invitation of an active person that is owed a mail — the invitation at
 * once, a reminder after one and after two weeks — gets one, queued in the transaction that counts
 * it. A scan that missed a reminder sends one mail, not two: the count jumps to what is due (and a
 * first mail that comes late is still the invitation, not a reminder). Two
 * scans at once count an invitation once (the count only moves from what was read). Returns how
 * many it queued.
 */
export async function enqueueEvaluationMails(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<{ queued: number }>> {
	const now = ctx.clock.now()
	let queued = 0
	for (const tenant of await listTenants(ctx.db)) {
		const scan = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			let count = 0
			for (const invitation of await listEvaluationsAwaitingMail(tx, { tenantId: tenant.id, dueBy: evaluationMailThresholds(now), limit: PER_UNIT })) {
				const due = evaluationMailsDue({ invitedAt: invitation.invitedAt, answered: false }, now)
				if (!(await recordEvaluationMail(tx, { invitationId: invitation.id, from: invitation.mailsSent, mailsSent: due, now }))) continue
				// The first mail is the invitation even when the scan comes late (its number then stays below the next
				// reminder's, so the message keys stay unique). The follow-up (ADR 045) is mailed by the same job kind;
				// the mail reads which it is when sent.
				const mail = invitation.mailsSent === 0 ? 1 : due
				await enqueueMail(tx, { kind: 'evaluation_invitation', tenantId: tenant.id, invitationId: invitation.id, mail, recipientUserId: invitation.userId, messageKey: `evaluation:${invitation.id}:${mail}` })
				count++
			}
			return count
		})
		if (!scan.ok) return scan
		queued += scan.value
	}
	return succeed({ queued })
}
