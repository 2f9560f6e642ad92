import { getLineItem, getScoreContext, storeScore } from '@leerplein/db/lti'
import { checkScore, completionAfterScore, decideScore, ENROLMENT_STATUSES_A_COMPLETION_CLOSES, isUuid, onlinePartIsWholeCourse } from '@leerplein/domain'
import type { ScoreInput } from '@leerplein/moodle'
import { fromRule, refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { settleBlendedCompletion } from '../enrolment/settle-blended-completion.server.ts'
import { recordOwnToolEvents } from '../xapi/own-events.server.ts'
import { auditApart, type ToolAccess } from './tool-context.server.ts'

export type ScoreOutcome = { decision: 'store' | 'repeat' | 'stale'; completedPart: boolean; completedEnrolments: number }

/**
 * AGS 2.0 score publish. Moodle resends every sync: an equal timestamp is a harmless repeat, an
 * older one is ignored, and a newer one replaces the result. A score that completes the online
 * part (Completed + FullyGraded, and the pass mark) closes the enrolment where the course is
 * nothing but that part, and otherwise when the course's completion rule is met (ADR 033); a completion stands when a later score falls under the pass mark (ADR 026),
 * which is audited. Moodle sends a course's scores in bursts, so this is two statements in
 * the tool's context (read, then store with what it causes, audited), with the domain deciding between them.
 */
export async function recordLtiScore(
	ctx: ServiceContext,
	{ actor, lineItemId, score }: { actor: ToolAccess; lineItemId: string; score: ScoreInput },
): Promise<ServiceResult<ScoreOutcome>> {
	const checked = fromRule(checkScore({ scoreGiven: score.scoreGiven ?? null, scoreMaximum: score.scoreMaximum ?? null }), 'invalid')
	if (!checked.ok) return checked
	if (!isUuid(lineItemId)) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	if (!isUuid(score.userId)) return refuse('invalid', 'LTI_NOT_A_PARTICIPANT')
	const target = { tenantId: actor.tenantId, toolId: actor.toolId, courseId: actor.courseId, lineItemId, userId: score.userId }
	const found = await getScoreContext(ctx.db, target)
	if (!found) return refuse('not_found', 'LTI_LINE_ITEM_NOT_FOUND')
	if (found.enrolmentStatuses.length === 0) return refuse('invalid', 'LTI_NOT_A_PARTICIPANT')
	const incoming = {
		scoreGiven: score.scoreGiven ?? null,
		scoreMaximum: score.scoreMaximum ?? null,
		activityProgress: score.activityProgress,
		gradingProgress: score.gradingProgress,
		timestamp: score.timestamp,
	}
	const decision = decideScore(found.stored, incoming)
	if (decision !== 'store') return succeed({ decision, completedPart: false, completedEnrolments: 0 })

	const effect = completionAfterScore(incoming, found.passMark, { completedBefore: found.stored?.completedAt != null })
	const completesPart = effect === 'completes'
	const wholeCourse = onlinePartIsWholeCourse(found.courseForm)
	const saved = await storeScore(
		ctx.db,
		target,
		{
			...incoming,
			comment: score.comment ?? null,
			completesPart,
			closeEnrolmentsFrom: completesPart && wholeCourse ? ENROLMENT_STATUSES_A_COMPLETION_CLOSES : [],
			audit: { origin: ctx.clientIp, requestId: ctx.requestId },
			now: ctx.clock.now(),
		},
		// Any other course with online parts completes by its rule, asked in the same transaction (ADR 033).
		wholeCourse ? undefined : (tx) => settleBlendedCompletion(ctx, tx, { courseId: target.courseId, userId: target.userId }),
		// The score, and any completion it caused, as statements in the person's unit's xAPI store (ADR 039).
		async (tx) => {
			const part = await getLineItem(tx, { courseId: target.courseId, lineItemId })
			const completed = incoming.activityProgress === 'Completed' && incoming.gradingProgress === 'FullyGraded'
			const scored = part ? { partId: lineItemId, label: part.label, given: incoming.scoreGiven, maximum: incoming.scoreMaximum, completed, at: incoming.timestamp } : null
			await recordOwnToolEvents(ctx, tx, { courseId: target.courseId, userId: target.userId, score: scored })
		},
	)
	// A result at least as new landed between the two statements: this one is the older.
	if (!saved.stored) return succeed({ decision: 'stale', completedPart: false, completedEnrolments: 0 })
	// The completion stands (ADR 026); the lower score is the latest result, and the trail says so.
	if (effect === 'stands_below_pass_mark')
		await auditApart(ctx, actor, {
			action: 'lti.completion_kept',
			objectType: 'lti_line_item',
			objectId: lineItemId,
			after: { userId: score.userId, scoreGiven: incoming.scoreGiven, scoreMaximum: incoming.scoreMaximum, passMarkPercent: found.passMark },
		})
	return succeed({ decision, completedPart: saved.completedPart, completedEnrolments: saved.completedEnrolments })
}
