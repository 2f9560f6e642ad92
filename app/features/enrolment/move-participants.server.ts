import type { Actor } from '@leerplein/domain'
import { audit, inTenant, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { moveEnrolment, type MovedEnrolment } from './move-enrolment.server.ts'
import { checkSelection, loadSelection, notOnList, type ParticipantOutcome } from './participant-selection.server.ts'

/**
 * A coordinator of the providing unit moves the ticked people of a session to another session of
 * the same course, each in their own transaction by the rules of `moveEnrolment` (seated there by
 * arrival order, else on its waitlist; the seat left goes to this session's waitlist), in the
 * order of this session's list, so earlier arrivals keep their lead. An id not on this session's
 * list is refused without a name; one audit row records the batch, refused ids included.
 */
export async function moveParticipants(
	ctx: ServiceContext,
	{ actor, sessionId, enrolmentIds, toSessionId }: { actor: Actor; sessionId: string; enrolmentIds: readonly string[]; toSessionId: string },
): Promise<ServiceResult<ParticipantOutcome<Pick<MovedEnrolment, 'status'>>[]>> {
	const checked = checkSelection(enrolmentIds)
	if (!checked.ok) return checked
	const selection = await inTenant(ctx, actor, (tx) => loadSelection(tx, actor, { sessionId, ids: checked.value }))
	if (!selection.ok) return selection
	const { people, byId } = selection.value
	const results = new Map<string, ParticipantOutcome<Pick<MovedEnrolment, 'status'>>>()
	for (const person of people) {
		const result = await moveEnrolment(ctx, { actor, enrolmentId: person.id, toSessionId })
		results.set(person.id, { enrolmentId: person.id, name: person.name, result: result.ok ? succeed({ status: result.value.status }) : result })
	}
	const outcomes = checked.value.map((id) => (byId.has(id) ? results.get(id)! : notOnList(id)))
	const recorded = await inTenant(ctx, actor, (tx) =>
		audit(ctx, tx, {
			actor,
			action: 'session.participants_move',
			objectType: 'session',
			objectId: sessionId,
			after: { toSessionId, moved: outcomes.filter((o) => o.result.ok).map((o) => o.enrolmentId), refused: outcomes.filter((o) => !o.result.ok).map((o) => o.enrolmentId) },
		}),
	)
	if (!recorded.ok) return recorded
	return succeed(outcomes)
}
