import { getScoreContext, storeScore } from '@leerplein/db'
import {
	checkScore,
	decideScore,
	ENROLMENT_STATUSES_A_COMPLETION_CLOSES,
	fail,
	isUuid,
	ok,
	onlinePartIsWholeCourse,
	scoreCompletesOnlinePart,
	type Result,
} from '@leerplein/domain'
import type { ScoreInput } from '@leerplein/moodle'
import type { ToolAccess } from './service-auth.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

export type ScoreFailure = 'LINE_ITEM_NOT_FOUND' | 'NOT_A_PARTICIPANT' | 'SCORE_GIVEN_WITHOUT_MAXIMUM' | 'SCORE_MAXIMUM_NOT_POSITIVE' | 'SCORE_NEGATIVE'

export type ScoreOutcome = { decision: 'store' | 'repeat' | 'stale'; completedPart: boolean; completedEnrolments: number }

/**
 * AGS 2.0 score publish. Moodle resends every sync: an equal timestamp is a harmless repeat, an
 * older one is ignored, and a newer one replaces the result. A score that completes the online
 * part (Completed + FullyGraded, and the pass mark) closes the enrolment where the course is
 * nothing but that part. Moodle sends a course's scores in bursts, so this is two statements in
 * the tool's context (read, then store with what it causes), with the domain deciding between them.
 */
export async function recordLtiScore(
	context: LeerpleinContext,
	{ access, lineItemId, score }: { access: ToolAccess; lineItemId: string; score: ScoreInput },
): Promise<Result<ScoreOutcome, ScoreFailure>> {
	const checked = checkScore({ scoreGiven: score.scoreGiven ?? null, scoreMaximum: score.scoreMaximum ?? null })
	if (!checked.ok) return checked
	if (!isUuid(lineItemId)) return fail('LINE_ITEM_NOT_FOUND')
	if (!isUuid(score.userId)) return fail('NOT_A_PARTICIPANT')
	const target = { tenantId: access.tenantId, toolId: access.toolId, courseId: access.courseId, lineItemId, userId: score.userId }
	const found = await getScoreContext(context.db, target)
	if (!found) return fail('LINE_ITEM_NOT_FOUND')
	if (found.enrolmentStatuses.length === 0) return fail('NOT_A_PARTICIPANT')
	const incoming = {
		scoreGiven: score.scoreGiven ?? null,
		scoreMaximum: score.scoreMaximum ?? null,
		activityProgress: score.activityProgress,
		gradingProgress: score.gradingProgress,
		timestamp: score.timestamp,
	}
	const decision = decideScore(found.stored, incoming)
	if (decision !== 'store') return ok({ decision, completedPart: false, completedEnrolments: 0 })

	const completesPart = scoreCompletesOnlinePart(incoming, found.passMark)
	const saved = await storeScore(context.db, target, {
		...incoming,
		comment: score.comment ?? null,
		completesPart,
		closeEnrolmentsFrom: completesPart && onlinePartIsWholeCourse(found.courseForm) ? ENROLMENT_STATUSES_A_COMPLETION_CLOSES : [],
		audit: { origin: context.clientIp, requestId: context.requestId },
	})
	// A result at least as new landed between the two statements: this one is the older.
	if (!saved.stored) return ok({ decision: 'stale', completedPart: false, completedEnrolments: 0 })
	return ok({ decision, completedPart: saved.completedPart, completedEnrolments: saved.completedEnrolments })
}
