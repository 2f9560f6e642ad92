import { addMonths, amsterdamDate, type CalendarDate } from '../passport/calendar.ts'

// Statements that count (ADR 039, "Statements that count"): a unit's rule turns the statements of
// one employee into a piece of passport evidence — "analysis X performed successfully 5 times in
// 12 months". Pure: the caller passes the statements (already reduced to the fields below) and now.

/** How a rule names the activity: its id, or its definition's type; `*` stands for any run of characters. */
export type ActivityMatch = { by: 'id' | 'type'; pattern: string }

export type MinimumScore = { kind: 'scaled' | 'raw'; value: number }

export type StatementRule = {
	verbId: string
	activity: ActivityMatch
	/** Only statements whose result says `success: true`. */
	requiresSuccess: boolean
	/** Only statements whose result's scaled (−1…1) or raw score is at least this; null: any or none. */
	minimumScore: MinimumScore | null
	/** How many matching statements (1–100)… */
	count: number
	/** …within how many months (1–120), counted in Amsterdam calendar days: the first and the last may lie exactly that many months apart. */
	periodMonths: number
}

/** A statement as a rule reads it: the columns of the store plus the few fields of its JSON a rule looks at. */
export type RuleStatement = {
	id: string
	verbId: string
	activityId: string | null
	activityType: string | null
	success: boolean | null
	scaled: number | null
	raw: number | null
	timestamp: Date
	voided: boolean
}

/** The moment a rule is met: the statement that completes the count (the evidence counts from its day) and the statements it rests on, oldest first. */
export type RuleOutcome = { completedBy: RuleStatement; restsOn: RuleStatement[] }

const patterns = new Map<string, RegExp>()

/** Whether `value` fits `pattern`, where `*` is any run of characters (none included) and everything else is literal. */
export function fitsPattern(pattern: string, value: string): boolean {
	let regex = patterns.get(pattern)
	if (!regex) {
		regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's')
		patterns.set(pattern, regex)
	}
	return regex.test(value)
}

/** Whether one statement counts towards the rule: not voided, not from the future, the verb exactly, the activity by pattern, the result's conditions. */
export function matchesRule(rule: StatementRule, statement: RuleStatement, { now }: { now: Date }): boolean {
	if (statement.voided || statement.timestamp.getTime() > now.getTime()) return false
	if (statement.verbId !== rule.verbId) return false
	const named = rule.activity.by === 'id' ? statement.activityId : statement.activityType
	if (named === null || !fitsPattern(rule.activity.pattern, named)) return false
	if (rule.requiresSuccess && statement.success !== true) return false
	if (rule.minimumScore) {
		const score = rule.minimumScore.kind === 'scaled' ? statement.scaled : statement.raw
		if (score === null || score < rule.minimumScore.value) return false
	}
	return true
}

/**
 * The latest moment one person's statements meet the rule, or null: of the matching statements in
 * the order they happened (their `timestamp`, whatever order they arrived in), the last one whose
 * `count − 1` predecessors all lie within the period before it. The latest moment gives the longest
 * validity; the day of the statement that completes it names the evidence (`ruleEvidenceRef`).
 */
export function ruleOutcome(rule: StatementRule, statements: readonly RuleStatement[], { now }: { now: Date }): RuleOutcome | null {
	const matching = statements
		.filter((statement) => matchesRule(rule, statement, { now }))
		.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
	for (let last = matching.length - 1; last >= rule.count - 1; last--) {
		const first = matching[last - rule.count + 1]!
		const completedBy = matching[last]!
		if (addMonths(amsterdamDate(first.timestamp), rule.periodMonths) >= amsterdamDate(completedBy.timestamp)) {
			return { completedBy, restsOn: matching.slice(last - rule.count + 1, last + 1) }
		}
	}
	return null
}

/**
 * The evidence's reference: the rule and the Amsterdam day the rule was met (the day the evidence
 * counts from). One piece per rule, person and day: a lab technician's tenth analysis of the day
 * adds nothing the first did not (validity counts in days), and the history stays readable.
 * `passport_evidence_once` makes evaluating again, or a later statement of the same day, a no-op.
 */
export const ruleEvidenceRef = (ruleId: string, day: CalendarDate) => `rule:${ruleId}:${day}`

/**
 * Whether the rule is met on `day` by these statements, those of later days left out: the latest
 * moment they meet it falls on that very day. A piece of evidence of that day stands; when a
 * statement it rested on is voided and this no longer holds, it is withdrawn.
 */
export function ruleMetOn(rule: StatementRule, statements: readonly RuleStatement[], day: CalendarDate, { now }: { now: Date }): boolean {
	const outcome = ruleOutcome(
		rule,
		statements.filter((statement) => amsterdamDate(statement.timestamp) <= day),
		{ now },
	)
	return outcome !== null && amsterdamDate(outcome.completedBy.timestamp) === day
}
