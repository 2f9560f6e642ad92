/**
 * Course evaluations (issue 18, item 1; ADR 041): the questions, the check of an answer, and the
 * anonymous summary a providing unit sees. Pure: the caller stores and reads the responses.
 *
 * Anonymity rests on three things, of which this module keeps the last: a response is stored
 * without the person or their enrolment (the database's `evaluation_submit`), dated by month
 * only, and nothing of it is shown before at least `MIN_RESPONSES_SHOWN` people answered.
 */

/** A statement rated from 1 (strongly disagree) to 5 (strongly agree). */
export type LikertItem = { id: string; kind: 'likert' }
/** "How likely are you to recommend this course to a colleague?", 0–10. */
export type RecommendationItem = { id: string; kind: 'recommendation' }
/** A free text, at most `MAX_OPEN_ANSWER` characters. */
export type OpenItem = { id: string; kind: 'open' }
export type EvaluationItem = LikertItem | RecommendationItem | OpenItem

export type EvaluationForm = { version: string; items: readonly EvaluationItem[] }

/**
 * The concern's default evaluation. The item ids are stable: they key the stored answers and the
 * texts (`evaluation.items.<id>` in the portal's strings), so a text may be reworded without
 * touching a response, and a changed question gets a new id and a new version.
 */
export const DEFAULT_EVALUATION: EvaluationForm = {
	version: 'concern-2026-1',
	items: [
		{ id: 'content_useful', kind: 'likert' },
		{ id: 'applicable', kind: 'likert' },
		{ id: 'trainer', kind: 'likert' },
		{ id: 'organisation', kind: 'likert' },
		{ id: 'expectations', kind: 'likert' },
		{ id: 'recommend', kind: 'recommendation' },
		{ id: 'best', kind: 'open' },
		{ id: 'improve', kind: 'open' },
	],
}

/** Fewer answers than this and nothing of them is shown: with three, a trainer could guess who said what. */
export const MIN_RESPONSES_SHOWN = 5
export const MAX_OPEN_ANSWER = 2_000

/** One person's answers, by item id; an item left out was skipped (every question is optional). */
export type EvaluationAnswers = Record<string, number | string>

export type AnswerError = 'out_of_range' | 'too_long' | 'nothing_answered'

/**
 * Checks a submitted form against `form`: a rating is a whole number in its range, an open answer
 * at most `MAX_OPEN_ANSWER` characters (trimmed; empty means skipped), unknown fields are ignored,
 * and at least one question must be answered. Errors are per item (`form` for the whole).
 */
export function checkEvaluationAnswers(
	form: EvaluationForm,
	submitted: Readonly<Record<string, string | undefined>>,
): { ok: true; value: EvaluationAnswers } | { ok: false; errors: Record<string, AnswerError> } {
	const answers: EvaluationAnswers = {}
	const errors: Record<string, AnswerError> = {}
	for (const item of form.items) {
		const raw = submitted[item.id]?.trim() ?? ''
		if (raw === '') continue
		if (item.kind === 'open') {
			if (raw.length > MAX_OPEN_ANSWER) errors[item.id] = 'too_long'
			else answers[item.id] = raw
			continue
		}
		const [low, high] = item.kind === 'likert' ? [1, 5] : [0, 10]
		const value = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN
		if (!Number.isInteger(value) || value < low || value > high) errors[item.id] = 'out_of_range'
		else answers[item.id] = value
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	if (Object.keys(answers).length === 0) return { ok: false, errors: { form: 'nothing_answered' } }
	return { ok: true, value: answers }
}

export type RatingSummary = {
	id: string
	kind: 'likert' | 'recommendation'
	/** How many answered this item. */
	answered: number
	/** Mean of the answers, null when nobody answered it. */
	mean: number | null
	/** How many gave each value: index 0 is the lowest value (1 for a statement, 0 for a recommendation). */
	distribution: number[]
	/**
	 * Net promoter score for a recommendation item: the share of 9–10 minus the share of 0–6, in
	 * percentage points (−100…100), rounded; null otherwise or when nobody answered it.
	 */
	netPromoterScore: number | null
}

export type OpenSummary = { id: string; kind: 'open'; answers: string[] }

export type EvaluationSummary =
	| { shown: false; responses: number; needed: number }
	| { shown: true; responses: number; items: (RatingSummary | OpenSummary)[] }

/**
 * The summary of the responses to one form, or only their number while fewer than
 * `MIN_RESPONSES_SHOWN` answered. Open answers are sorted alphabetically, so their order does not
 * follow the order people answered in.
 */
export function summariseEvaluations(form: EvaluationForm, responses: readonly EvaluationAnswers[]): EvaluationSummary {
	if (responses.length < MIN_RESPONSES_SHOWN) return { shown: false, responses: responses.length, needed: MIN_RESPONSES_SHOWN }
	const items = form.items.map((item): RatingSummary | OpenSummary => {
		if (item.kind === 'open') {
			const answers = responses.flatMap((response) => (typeof response[item.id] === 'string' ? [response[item.id] as string] : []))
			return { id: item.id, kind: 'open', answers: answers.sort((a, b) => a.localeCompare(b, 'nl')) }
		}
		const low = item.kind === 'likert' ? 1 : 0
		const distribution = new Array<number>(item.kind === 'likert' ? 5 : 11).fill(0)
		let sum = 0
		let answered = 0
		for (const response of responses) {
			const value = response[item.id]
			if (typeof value !== 'number') continue
			distribution[value - low]! += 1
			sum += value
			answered += 1
		}
		const promoters = item.kind === 'recommendation' ? distribution[9]! + distribution[10]! : 0
		const detractors = item.kind === 'recommendation' ? distribution.slice(0, 7).reduce((total, count) => total + count, 0) : 0
		return {
			id: item.id,
			kind: item.kind,
			answered,
			mean: answered === 0 ? null : sum / answered,
			distribution,
			netPromoterScore: item.kind === 'recommendation' && answered > 0 ? Math.round((100 * (promoters - detractors)) / answered) : null,
		}
	})
	return { shown: true, responses: responses.length, items }
}

/**
 * The responses as rows for an export, one per response and one column per item (null: skipped),
 * or null below `MIN_RESPONSES_SHOWN`. Nothing but the answers: no id, session or month, and the
 * rows sorted by their content, so neither a column nor the order can point to who answered.
 */
export function anonymousAnswerRows(form: EvaluationForm, responses: readonly EvaluationAnswers[]): (number | string | null)[][] | null {
	if (responses.length < MIN_RESPONSES_SHOWN) return null
	const rows = responses.map((response) => form.items.map((item) => response[item.id] ?? null))
	const key = (row: (number | string | null)[]) => JSON.stringify(row)
	return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

export type CourseEvaluationScore =
	| { responses: number; shown: false }
	| { responses: number; shown: true; statementMean: number | null; netPromoterScore: number | null }

/**
 * A course's line in a unit's overview, from the counts the database summed: the mean of all
 * statement answers and the net promoter score, or only the number of responses below
 * `MIN_RESPONSES_SHOWN`, as on the course's own page.
 */
export function courseEvaluationScore(counts: { responses: number; statementSum: number; statementAnswers: number; recommendAnswered: number; promoters: number; detractors: number }): CourseEvaluationScore {
	if (counts.responses < MIN_RESPONSES_SHOWN) return { responses: counts.responses, shown: false }
	return {
		responses: counts.responses,
		shown: true,
		statementMean: counts.statementAnswers === 0 ? null : counts.statementSum / counts.statementAnswers,
		netPromoterScore: counts.recommendAnswered === 0 ? null : Math.round((100 * (counts.promoters - counts.detractors)) / counts.recommendAnswered),
	}
}

/** When the invitation's mails are due: the invitation at once, then at most two reminders, a week apart. */
export const EVALUATION_REMINDER_DAYS = [7, 14] as const

/**
 * The number of mails an unanswered invitation should have had by `now`: 1 (the invitation) from
 * the moment it was made, 2 and 3 after the reminder days. An answered invitation needs no more.
 */
export function evaluationMailsDue({ invitedAt, answered }: { invitedAt: Date; answered: boolean }, now: Date): number {
	if (answered) return 0
	const days = (now.getTime() - invitedAt.getTime()) / 86_400_000
	return 1 + EVALUATION_REMINDER_DAYS.filter((day) => days >= day).length
}

/**
 * For the mail scan: `dueBy[n]` is the latest invitation time at which an unanswered invitation
 * that has had n mails is owed its next one by `now` (n = 0: at once; then after each reminder day).
 */
export function evaluationMailThresholds(now: Date): Date[] {
	return [now, ...EVALUATION_REMINDER_DAYS.map((days) => new Date(now.getTime() - days * 86_400_000))]
}

// --- The follow-up (issue 18, item 1; ADR 045) ---

/**
 * Which questionnaire an invitation is for: the evaluation at the end, the follow-up weeks later,
 * or (when the course asks for it) the participant's manager's questionnaire at the follow-up.
 */
export type EvaluationKind = 'evaluation' | 'follow_up' | 'manager'

/**
 * The follow-up a number of weeks after the course: "have you applied it?" and a few items, as
 * statements on the same five-point scale (so the answer page, the summary and the exports are
 * the evaluation's), and two open questions. Its own version: its responses are never mixed with
 * the evaluation's.
 */
export const FOLLOW_UP_EVALUATION: EvaluationForm = {
	version: 'follow-up-2026-1',
	items: [
		{ id: 'applied', kind: 'likert' },
		{ id: 'applied_often', kind: 'likert' },
		{ id: 'work_improved', kind: 'likert' },
		{ id: 'support', kind: 'likert' },
		{ id: 'applied_example', kind: 'open' },
		{ id: 'obstacles', kind: 'open' },
	],
}

/**
 * The manager's questionnaire at the follow-up (ADR 045): how the participant applies what they
 * learned, seen from their manager, on the same scale; anonymous in the same way (the response
 * names neither the manager nor the participant).
 */
export const MANAGER_EVALUATION: EvaluationForm = {
	version: 'manager-2026-1',
	items: [
		{ id: 'manager_sees_applied', kind: 'likert' },
		{ id: 'manager_work_improved', kind: 'likert' },
		{ id: 'manager_supported', kind: 'likert' },
		{ id: 'manager_observations', kind: 'open' },
	],
}

/** The form of an invitation of `kind`. */
export function evaluationFormOf(kind: EvaluationKind): EvaluationForm {
	return kind === 'follow_up' ? FOLLOW_UP_EVALUATION : kind === 'manager' ? MANAGER_EVALUATION : DEFAULT_EVALUATION
}

/**
 * Weeks from the completion to the follow-up, set per course by its providing unit: 12 unless
 * changed; no sooner than 4 (the evaluation's reminders end after two weeks, and applying takes
 * time), no later than 52 (after a year the answer says little about the course, and the
 * invitation would outlive most people's memory of it).
 */
export const FOLLOW_UP_WEEKS = { default: 12, min: 4, max: 52 } as const

export type FollowUpWeeksError = 'not_a_number' | 'too_few' | 'too_many'

/** Checks the weeks a coordinator typed: a whole number within `FOLLOW_UP_WEEKS`. */
export function checkFollowUpWeeks(raw: string): { ok: true; value: number } | { ok: false; error: FollowUpWeeksError } {
	const trimmed = raw.trim()
	if (!/^\d{1,4}$/.test(trimmed)) return { ok: false, error: 'not_a_number' }
	const weeks = Number(trimmed)
	if (weeks < FOLLOW_UP_WEEKS.min) return { ok: false, error: 'too_few' }
	if (weeks > FOLLOW_UP_WEEKS.max) return { ok: false, error: 'too_many' }
	return { ok: true, value: weeks }
}

/** When the follow-up of a completion at `completedAt` is due: `weeks` whole weeks on (7 × 24 h). */
export function followUpDueAt(completedAt: Date, weeks: number): Date {
	return new Date(completedAt.getTime() + weeks * 7 * 86_400_000)
}
