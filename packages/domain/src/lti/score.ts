import { fail, ok, type Result } from '../result.ts'

/** AGS 2.0 activity progress of a score, as the tool reports it. */
export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const
export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[number]

/** AGS 2.0 grading progress: only FullyGraded is final. */
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const
export type GradingProgress = (typeof GRADING_PROGRESS)[number]

/** A score as a tool posts it, with the timestamp already parsed. */
export type IncomingScore = {
	scoreGiven: number | null
	scoreMaximum: number | null
	activityProgress: ActivityProgress
	gradingProgress: GradingProgress
	timestamp: Date
}

export type ScoreDecision = 'store' | 'repeat' | 'stale'

/**
 * Whether a score replaces the stored result. Moodle resends every 30 minutes: an equal
 * timestamp is a harmless repeat and an older one must never overwrite a newer result (AGS 2.0).
 */
export function decideScore(stored: { timestamp: Date } | null, incoming: { timestamp: Date }): ScoreDecision {
	if (!stored) return 'store'
	const difference = incoming.timestamp.getTime() - stored.timestamp.getTime()
	if (difference > 0) return 'store'
	return difference === 0 ? 'repeat' : 'stale'
}

export type ScoreProblem = 'SCORE_GIVEN_WITHOUT_MAXIMUM' | 'SCORE_MAXIMUM_NOT_POSITIVE' | 'SCORE_NEGATIVE'

/** AGS: scoreGiven needs a positive scoreMaximum; a missing scoreGiven is allowed (progress only). */
export function checkScore(score: Pick<IncomingScore, 'scoreGiven' | 'scoreMaximum'>): Result<null, ScoreProblem> {
	if (score.scoreGiven === null) return ok(null)
	if (score.scoreMaximum === null) return fail('SCORE_GIVEN_WITHOUT_MAXIMUM')
	if (score.scoreMaximum <= 0) return fail('SCORE_MAXIMUM_NOT_POSITIVE')
	if (score.scoreGiven < 0) return fail('SCORE_NEGATIVE')
	return ok(null)
}

/**
 * The online part is done when the tool says the activity is Completed and FullyGraded, and,
 * where the part has a pass mark, the score reaches it. A pass mark with no score never passes.
 */
export function scoreCompletesOnlinePart(score: IncomingScore, passMarkPercent: number | null): boolean {
	if (score.activityProgress !== 'Completed' || score.gradingProgress !== 'FullyGraded') return false
	if (passMarkPercent === null) return true
	if (score.scoreGiven === null || score.scoreMaximum === null || score.scoreMaximum <= 0) return false
	// Compare in integers of basis points, so 0.7 * 100 rounding never fails a 70 % pass mark.
	return Math.round((score.scoreGiven / score.scoreMaximum) * 10_000) >= Math.round(passMarkPercent * 100)
}

/**
 * What a stored score does to the part's completion (ADR 026): a score that reaches the pass mark
 * completes a part not yet completed; a completion, once there, stands whatever comes later
 * (certificates and budgets may already follow it), and a later graded score under the pass mark
 * is kept as the latest result and called out, for the coordinator to see and the audit log to hold.
 */
export type CompletionAfterScore = 'completes' | 'stays_open' | 'stands' | 'stands_below_pass_mark'

export function completionAfterScore(score: IncomingScore, passMarkPercent: number | null, { completedBefore }: { completedBefore: boolean }): CompletionAfterScore {
	const completes = scoreCompletesOnlinePart(score, passMarkPercent)
	if (!completedBefore) return completes ? 'completes' : 'stays_open'
	return !completes && scoreBelowPassMark(score, passMarkPercent) ? 'stands_below_pass_mark' : 'stands'
}

/** A final grade that does not reach the part's pass mark (never true without a pass mark or a grade). */
export function scoreBelowPassMark(score: Pick<IncomingScore, 'scoreGiven' | 'scoreMaximum' | 'gradingProgress'>, passMarkPercent: number | null): boolean {
	if (passMarkPercent === null || score.gradingProgress !== 'FullyGraded') return false
	if (score.scoreGiven === null || score.scoreMaximum === null || score.scoreMaximum <= 0) return false
	return Math.round((score.scoreGiven / score.scoreMaximum) * 10_000) < Math.round(passMarkPercent * 100)
}
