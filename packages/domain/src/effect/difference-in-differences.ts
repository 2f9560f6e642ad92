import { studentTQuantile } from './student-t.ts'

// The effect of an intervention (issue 18, item 3; ADR 040): did a measure change more for the
// teams that were trained than for the teams that were not? A difference in differences with the
// team as the unit of analysis, and a Welch 95 % interval. Pure: the caller reads the measure per
// team per month and passes it in; the UI turns the verdict into words (`describeEffect`).

/** A calendar month, `2026-03`. */
export type CalendarMonth = string

/** One team's value of the measure in one month. A month without a row is unknown, not zero. */
export type TeamMonthValue = { teamId: string; month: CalendarMonth; value: number }

/** Whether a lower or a higher value of the measure is the better one (fewer errors; more completions). */
export type BetterDirection = 'lower' | 'higher'

export type EffectInput = {
	values: readonly TeamMonthValue[]
	trainedTeamIds: Iterable<string>
	/** The months the intervention ran, both included; they count neither before nor after. */
	intervention: { firstMonth: CalendarMonth; lastMonth: CalendarMonth }
	better: BetterDirection
}

export type EffectGroup = 'trained' | 'comparison'

/** A team that counts: its mean over its months before the intervention and over its months after. */
export type EffectTeamChange = {
	teamId: string
	group: EffectGroup
	monthsBefore: number
	monthsAfter: number
	meanBefore: number
	meanAfter: number
	/** meanAfter − meanBefore. */
	change: number
}

/** A team left out because it has no month on one side of the intervention (or on either). */
export type EffectLeftOutTeam = { teamId: string; group: EffectGroup; missing: 'before' | 'after' | 'both' }

/**
 * A group's means over its counted teams, each team weighing the same however many months it
 * reported; so `change` is also the mean of the teams' changes. Null when no team of the group counts.
 */
export type EffectGroupSummary = {
	teams: number
	leftOut: number
	meanBefore: number | null
	meanAfter: number | null
	change: number | null
}

/** The difference in differences with its 95 % interval (Welch). */
export type EffectEstimate = {
	/** The trained teams' mean change minus the comparison teams' mean change. */
	difference: number
	standardError: number
	/** Welch–Satterthwaite; seldom a whole number. */
	degreesOfFreedom: number
	confidence: 0.95
	interval: { lower: number; upper: number }
}

/** The least number of counted teams on each side for an interval: one team's change has no spread. */
export const EFFECT_MIN_TEAMS_PER_GROUP = 2

/**
 * What may be concluded, as codes the UI turns into words, by `status`:
 * - `no_answer`: nothing to say — nobody was trained, or the trained have no month before
 *   (`no_data_before`) or after (`no_data_after`) the intervention.
 * - `before_after_only`: the trained group's before and after without an estimate: every team was
 *   trained (`no_comparison`; other causes cannot be excluded), or fewer than two trained or
 *   comparison teams count (`too_few_teams`).
 * - `no_demonstrable_effect`: the interval includes zero.
 * - `effect`: the interval lies wholly below zero (`decrease`) or above it (`increase`);
 *   `favourable` says whether that is the better direction for this measure.
 */
export type EffectVerdict =
	| { status: 'no_answer'; reasons: ('none_trained' | 'no_data_before' | 'no_data_after')[] }
	| { status: 'before_after_only'; reasons: ['no_comparison' | 'too_few_teams'] }
	| { status: 'no_demonstrable_effect'; reasons: ['interval_includes_zero'] }
	| { status: 'effect'; reasons: ['decrease' | 'increase']; better: BetterDirection; favourable: boolean }

export type EffectReason = EffectVerdict['reasons'][number]

export type EffectResult = {
	better: BetterDirection
	intervention: { firstMonth: CalendarMonth; lastMonth: CalendarMonth }
	trained: EffectGroupSummary
	comparison: EffectGroupSummary
	/** Null unless the verdict is `effect` or `no_demonstrable_effect`. */
	estimate: EffectEstimate | null
	verdict: EffectVerdict
	/** The counted teams, trained first, each group by team id. */
	teams: EffectTeamChange[]
	/** By team id. */
	leftOut: EffectLeftOutTeam[]
	/** Values that fell inside the intervention and were not used. */
	valuesDuringIntervention: number
}

/**
 * Input the calculation refuses rather than guesses at: two values for one team in one month
 * (summed? one a correction of the other? only the caller knows), a month that is not `YYYY-MM`,
 * a value that is not a finite number, an intervention that ends before it starts.
 */
export type EffectInputError =
	| { ok: false; code: 'EFFECT_DUPLICATE_TEAM_MONTH' | 'EFFECT_MONTH_INVALID' | 'EFFECT_VALUE_INVALID'; teamId: string; month: string }
	| { ok: false; code: 'EFFECT_PERIOD_INVALID' }

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/**
 * The effect of an intervention on a measure, by difference in differences over teams: each
 * team's mean after minus its mean before, the months of the intervention itself left out; the
 * estimate is the trained teams' mean change minus the comparison teams' (every team in `values`
 * that is not trained), with a Welch 95 % interval over the teams' changes. A team without a
 * month before or after is left out and listed. The order of `values` does not matter.
 */
export function differenceInDifferences(input: EffectInput): { ok: true; value: EffectResult } | EffectInputError {
	const { firstMonth, lastMonth } = input.intervention
	if (!MONTH.test(firstMonth) || !MONTH.test(lastMonth) || firstMonth > lastMonth) return { ok: false, code: 'EFFECT_PERIOD_INVALID' }
	const trainedIds = new Set(input.trainedTeamIds)

	// Sorted by team and month, so duplicates sit side by side and sums come out the same for any
	// order of the input, to the last bit.
	const rows = [...input.values].sort((a, b) => compare(a.teamId, b.teamId) || compare(a.month, b.month))
	for (const [i, row] of rows.entries()) {
		if (!MONTH.test(row.month)) return { ok: false, code: 'EFFECT_MONTH_INVALID', teamId: row.teamId, month: row.month }
		if (!Number.isFinite(row.value)) return { ok: false, code: 'EFFECT_VALUE_INVALID', teamId: row.teamId, month: row.month }
		const previous = rows[i - 1]
		if (previous && previous.teamId === row.teamId && previous.month === row.month) return { ok: false, code: 'EFFECT_DUPLICATE_TEAM_MONTH', teamId: row.teamId, month: row.month }
	}

	const sides = new Map<string, { before: number[]; after: number[] }>()
	// A trained team without any value still counts as left out: the reader should see it is missing.
	for (const teamId of trainedIds) sides.set(teamId, { before: [], after: [] })
	let valuesDuringIntervention = 0
	for (const row of rows) {
		const side = sides.get(row.teamId) ?? { before: [], after: [] }
		sides.set(row.teamId, side)
		if (row.month < firstMonth) side.before.push(row.value)
		else if (row.month > lastMonth) side.after.push(row.value)
		else valuesDuringIntervention++
	}

	const teams: EffectTeamChange[] = []
	const leftOut: EffectLeftOutTeam[] = []
	for (const teamId of [...sides.keys()].sort(compare)) {
		const { before, after } = sides.get(teamId) ?? { before: [], after: [] }
		const group: EffectGroup = trainedIds.has(teamId) ? 'trained' : 'comparison'
		if (before.length === 0 || after.length === 0) {
			leftOut.push({ teamId, group, missing: before.length > 0 ? 'after' : after.length > 0 ? 'before' : 'both' })
			continue
		}
		const meanBefore = mean(before)
		const meanAfter = mean(after)
		teams.push({ teamId, group, monthsBefore: before.length, monthsAfter: after.length, meanBefore, meanAfter, change: meanAfter - meanBefore })
	}
	teams.sort((a, b) => (a.group === b.group ? 0 : a.group === 'trained' ? -1 : 1))

	const trainedTeams = teams.filter((team) => team.group === 'trained')
	const comparisonTeams = teams.filter((team) => team.group === 'comparison')
	const trained = summarise(trainedTeams, leftOut.filter((team) => team.group === 'trained').length)
	const comparison = summarise(comparisonTeams, leftOut.filter((team) => team.group === 'comparison').length)
	const hasComparison = [...sides.keys()].some((teamId) => !trainedIds.has(teamId))

	// Whether any trained team has a month on each side, not necessarily the same team: when none
	// has, the question cannot be asked yet; otherwise too few teams may still count.
	const trainedHaveBefore = [...trainedIds].some((teamId) => (sides.get(teamId)?.before.length ?? 0) > 0)
	const trainedHaveAfter = [...trainedIds].some((teamId) => (sides.get(teamId)?.after.length ?? 0) > 0)

	let estimate: EffectEstimate | null = null
	let verdict: EffectVerdict
	if (trainedIds.size === 0) {
		verdict = { status: 'no_answer', reasons: ['none_trained'] }
	} else if (!trainedHaveBefore || !trainedHaveAfter) {
		const reasons: ('no_data_before' | 'no_data_after')[] = []
		if (!trainedHaveBefore) reasons.push('no_data_before')
		if (!trainedHaveAfter) reasons.push('no_data_after')
		verdict = { status: 'no_answer', reasons }
	} else if (!hasComparison || trainedTeams.length < EFFECT_MIN_TEAMS_PER_GROUP || comparisonTeams.length < EFFECT_MIN_TEAMS_PER_GROUP) {
		// Without comparison teams no number of trained teams gives an interval; `no_comparison` says why.
		verdict = { status: 'before_after_only', reasons: [hasComparison ? 'too_few_teams' : 'no_comparison'] }
	} else {
		estimate = welchEstimate(
			trainedTeams.map((team) => team.change),
			comparisonTeams.map((team) => team.change),
		)
		const { lower, upper } = estimate.interval
		if (lower <= 0 && upper >= 0) {
			verdict = { status: 'no_demonstrable_effect', reasons: ['interval_includes_zero'] }
		} else {
			const direction = upper < 0 ? 'decrease' : 'increase'
			verdict = { status: 'effect', reasons: [direction], better: input.better, favourable: (direction === 'decrease') === (input.better === 'lower') }
		}
	}

	return {
		ok: true,
		value: { better: input.better, intervention: { firstMonth, lastMonth }, trained, comparison, estimate, verdict, teams, leftOut, valuesDuringIntervention },
	}
}

function summarise(teams: readonly EffectTeamChange[], leftOut: number): EffectGroupSummary {
	if (teams.length === 0) return { teams: 0, leftOut, meanBefore: null, meanAfter: null, change: null }
	const meanBefore = mean(teams.map((team) => team.meanBefore))
	const meanAfter = mean(teams.map((team) => team.meanAfter))
	return { teams: teams.length, leftOut, meanBefore, meanAfter, change: meanAfter - meanBefore }
}

/**
 * The difference of two groups' mean changes with Welch's standard error (each group its own
 * variance: trained teams may well vary more than the rest) and the Welch–Satterthwaite degrees
 * of freedom. Both groups hold at least two changes.
 */
function welchEstimate(trained: readonly number[], comparison: readonly number[]): EffectEstimate {
	const difference = mean(trained) - mean(comparison)
	const trainedShare = sampleVariance(trained) / trained.length
	const comparisonShare = sampleVariance(comparison) / comparison.length
	const standardError = Math.sqrt(trainedShare + comparisonShare)
	// With no spread in either group the formula divides zero by zero; the interval is then the
	// estimate itself whatever t is, and the pooled count is what Welch's gives for equal spreads.
	// Otherwise the count lies between the smaller group's less one and both groups' less two, so
	// at least 1; rounding must not take it below.
	const degreesOfFreedom =
		standardError === 0
			? trained.length + comparison.length - 2
			: Math.max(1, (trainedShare + comparisonShare) ** 2 / (trainedShare ** 2 / (trained.length - 1) + comparisonShare ** 2 / (comparison.length - 1)))
	const margin = studentTQuantile(0.975, degreesOfFreedom) * standardError
	return { difference, standardError, degreesOfFreedom, confidence: 0.95, interval: { lower: difference - margin, upper: difference + margin } }
}

function mean(values: readonly number[]): number {
	return values.reduce((sum, value) => sum + value, 0) / values.length
}

function sampleVariance(values: readonly number[]): number {
	const centre = mean(values)
	return values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1)
}

// Plain code-unit order, not the locale's: the same on every machine, and `YYYY-MM` sorts by time.
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
