import {
	completeEnrolmentFromScore,
	enrolmentStatusesForTool,
	getCourseForm,
	getLineItem,
	getPassMark,
	getResultForUpdate,
	saveResult,
	withToolContext,
	writeAudit,
} from '@leerplein/db'
import { checkScore, decideScore, fail, isUuid, ok, onlinePartIsWholeCourse, scoreCompletesOnlinePart, type Result } from '@leerplein/domain'
import type { ScoreInput } from '@leerplein/moodle'
import type { ToolAccess } from '../lti/service-auth.server.ts'
import type { LeerpleinContext } from '../load-context.ts'

export type ScoreFailure = 'LINE_ITEM_NOT_FOUND' | 'NOT_A_PARTICIPANT' | 'SCORE_GIVEN_WITHOUT_MAXIMUM' | 'SCORE_MAXIMUM_NOT_POSITIVE' | 'SCORE_NEGATIVE'

export type ScoreOutcome = { decision: 'store' | 'repeat' | 'stale'; completedPart: boolean; completedEnrolments: number }

/**
 * AGS 2.0 score publish. Moodle resends every sync: an equal timestamp is a harmless repeat, an
 * older one is ignored, and a newer one replaces the result. A score that completes the online
 * part (Completed + FullyGraded, and the pass mark) closes the enrolment where the course is
 * nothing but that part. All in one transaction, in the tool's context.
 */
export async function recordLtiScore(
	context: LeerpleinContext,
	{ access, lineItemId, score }: { access: ToolAccess; lineItemId: string; score: ScoreInput },
): Promise<Result<ScoreOutcome, ScoreFailure>> {
	const checked = checkScore({ scoreGiven: score.scoreGiven ?? null, scoreMaximum: score.scoreMaximum ?? null })
	if (!checked.ok) return checked
	if (!isUuid(lineItemId)) return fail('LINE_ITEM_NOT_FOUND')
	if (!isUuid(score.userId)) return fail('NOT_A_PARTICIPANT')
	const { courseId, tenantId, toolId } = access
	return withToolContext(context.db, { tenantId, toolId }, async (tx) => {
		const item = await getLineItem(tx, { courseId, lineItemId })
		if (!item) return fail('LINE_ITEM_NOT_FOUND')
		const statuses = await enrolmentStatusesForTool(tx, { courseId, userId: score.userId })
		if (statuses.length === 0) return fail('NOT_A_PARTICIPANT')
		const stored = await getResultForUpdate(tx, { lineItemId, userId: score.userId })
		const incoming = {
			scoreGiven: score.scoreGiven ?? null,
			scoreMaximum: score.scoreMaximum ?? null,
			activityProgress: score.activityProgress,
			gradingProgress: score.gradingProgress,
			timestamp: score.timestamp,
		}
		const decision = decideScore(stored ? { timestamp: stored.scoredAt } : null, incoming)
		if (decision !== 'store') return ok({ decision, completedPart: false, completedEnrolments: 0 })

		const passMark = item.resourceLinkId ? await getPassMark(tx, { resourceLinkId: item.resourceLinkId }) : null
		const completesPart = scoreCompletesOnlinePart(incoming, passMark)
		const completedAt = stored?.completedAt ?? (completesPart ? new Date() : null)
		await saveResult(tx, {
			lineItemId,
			userId: score.userId,
			tenantId,
			toolId,
			scoreGiven: incoming.scoreGiven,
			scoreMaximum: incoming.scoreMaximum,
			activityProgress: incoming.activityProgress,
			gradingProgress: incoming.gradingProgress,
			comment: score.comment ?? null,
			scoredAt: incoming.timestamp,
			completedAt,
		})
		let completedEnrolments = 0
		const newlyCompleted = completesPart && !stored?.completedAt
		if (newlyCompleted) {
			const form = await getCourseForm(tx, { courseId })
			if (form && onlinePartIsWholeCourse(form)) {
				const closed = await completeEnrolmentFromScore(tx, { courseId, userId: score.userId })
				completedEnrolments = closed.length
			}
			await writeAudit(tx, {
				tenantId,
				action: 'lti.online_part_completed',
				objectType: 'lti_line_item',
				objectId: lineItemId,
				result: 'success',
				origin: context.clientIp,
				requestId: context.requestId,
				after: { toolId, userId: score.userId, scoreGiven: incoming.scoreGiven, scoreMaximum: incoming.scoreMaximum, completedEnrolments },
			})
		}
		return ok({ decision, completedPart: newlyCompleted, completedEnrolments })
	})
}
