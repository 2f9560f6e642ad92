import type { Actor } from '@leerplein/domain'
import { audit, inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { cancelEnrolment } from './cancel-enrolment.server.ts'
import { checkSelection, loadSelection, notOnList, type ParticipantOutcome } from './participant-selection.server.ts'

/**
 * A coordinator of the providing unit cancels the ticked people of a session with one reason, each
 * in their own transaction by the rules of `cancelEnrolment` (mail, budget, the freed seat to the
 * waitlist), so one refusal (started meanwhile, already cancelled) does not undo the others. Those
 * waiting go first, so nobody ticked is promoted to a seat and then cancelled. An id not on this
 * session's list is refused without a name; one audit row records the batch, refused ids included.
 */
export async function cancelParticipants(
	ctx: ServiceContext,
	{ actor, sessionId, enrolmentIds, reason }: { actor: Actor; sessionId: string; enrolmentIds: readonly string[]; reason: string },
): Promise<ServiceResult<ParticipantOutcome<{ free: boolean }>[]>> {
	const checked = checkSelection(enrolmentIds)
	if (!checked.ok) return checked
	const selection = await inTenant(ctx, actor, (tx) => loadSelection(tx, actor, { sessionId, ids: checked.value }))
	if (!selection.ok) return selection
	const { byId } = selection.value
	const waitingFirst = [...checked.value].sort((a, b) => Number(byId.get(b)?.status === 'waitlisted') - Number(byId.get(a)?.status === 'waitlisted'))
	const results = new Map<string, ParticipantOutcome<{ free: boolean }>>()
	for (const enrolmentId of waitingFirst) {
		const person = byId.get(enrolmentId)
		if (!person) {
			results.set(enrolmentId, notOnList(enrolmentId))
			continue
		}
		const result = await cancelEnrolment(ctx, { actor, enrolmentId, session: { sessionId, reason } })
		results.set(enrolmentId, { enrolmentId, name: person.name, result: result.ok ? succeed({ free: result.value.free }) : result })
	}
	const outcomes = checked.value.map((id) => results.get(id)!)
	const recorded = await inTenant(ctx, actor, (tx) =>
		audit(ctx, tx, {
			actor,
			action: 'session.participants_cancel',
			objectType: 'session',
			objectId: sessionId,
			after: { reason, cancelled: outcomes.filter((o) => o.result.ok).map((o) => o.enrolmentId), refused: outcomes.filter((o) => !o.result.ok).map((o) => o.enrolmentId) },
		}),
	)
	if (!recorded.ok) return recorded
	return succeed(outcomes)
}
