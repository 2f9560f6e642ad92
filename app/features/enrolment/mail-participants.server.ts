import { randomUUID } from 'node:crypto'
import { getMailRecipient } from '@leerplein/db/enrolment'
import { enqueueMail } from '@leerplein/db/jobs'
import type { Actor } from '@leerplein/domain'
import { audit, inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { checkParticipantSelection, loadSelection, notOnList, type ParticipantOutcome, type ParticipantSelection } from './participant-selection.server.ts'

/**
 * A coordinator of the providing unit mails the ticked people of a session, or all on its lists that
 * match the page's filter (resolved here, at sending: there is no preview): one mail per person,
 * queued through the outbox (ADR 012) in one transaction with the audit row, so no mail goes out
 * unrecorded and none is recorded that was not queued. The mail names the session and the sender
 * (written when it is sent, in each person's language). An id not on this session's list gets
 * nothing and is refused without a name.
 */
export async function mailParticipants(
	ctx: ServiceContext,
	{ actor, sessionId, subject, message, ...selection }: { actor: Actor; sessionId: string; subject: string; message: string } & ParticipantSelection,
): Promise<ServiceResult<ParticipantOutcome<'queued'>[]>> {
	const checked = checkParticipantSelection(selection)
	if (!checked.ok) return checked
	return inTenant(ctx, actor, async (tx) => {
		const { session, byId, ids } = await loadSelection(tx, actor, { sessionId, ...checked.value })
		const sender = actor.userId ? await getMailRecipient(tx, { userId: actor.userId }) : null
		const outcomes = []
		for (const enrolmentId of ids) {
			const person = byId.get(enrolmentId)
			if (!person) {
				outcomes.push(notOnList(enrolmentId))
				continue
			}
			await enqueueMail(tx, {
				kind: 'participant_message',
				tenantId: person.tenantId,
				enrolmentId,
				messageKey: `participant_message:${enrolmentId}:${randomUUID()}`,
				subject,
				message,
				senderName: sender?.name ?? session.providerName,
				senderUnit: session.providerName,
			})
			outcomes.push({ enrolmentId, name: person.name, result: succeed('queued' as const) })
		}
		await audit(ctx, tx, {
			actor,
			action: 'session.participants_mail',
			objectType: 'session',
			objectId: sessionId,
			after: { subject, message, recipients: outcomes.filter((o) => o.result.ok).map((o) => o.enrolmentId), refused: outcomes.filter((o) => !o.result.ok).map((o) => o.enrolmentId) },
		})
		return outcomes
	})
}

