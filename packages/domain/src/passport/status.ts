import { addDays, addMonths, type CalendarDate } from './calendar.ts'

// The quality passport's status rule: one person × one competency, from the competency's
// validity, the requirements on the person, and their evidence. Pure: `today` is passed in, as
// the Dutch calendar date (see calendar.ts); the database stores what this returns.

/** Renewal basis: a renewal inside the warning window runs from the old expiry, or from the renewal's own date. */
export const RENEWAL_BASES = ['completion', 'expiry'] as const
export type RenewalBasis = (typeof RENEWAL_BASES)[number]

export type Competency = {
	id: string
	/** Months a piece of evidence keeps the competency valid; null: permanent (never expires). */
	validityMonths: number | null
	/** Days before expiry the dot turns orange; the same window is the renewal window. */
	warningDays: number
	renewalBasis: RenewalBasis
	/** How many ordered levels it has (1 lowest; at most MAX_COMPETENCY_LEVELS); 0 or absent: none. */
	levelCount?: number
}

/** A competency has at most this many levels (e.g. 1 Basis, 2 Gevorderd, 3 Expert). */
export const MAX_COMPETENCY_LEVELS = 5

/** A requirement on the person (through their job profile or assigned to them): in force from `introducedOn`, met by `introducedOn + graceDays` at the latest. */
export type PassportRequirement = {
	id: string
	introducedOn: CalendarDate
	graceDays: number
	/** The lowest level that meets it, on a competency with levels; null or absent: any evidence. */
	minLevel?: number | null
}

export const EVIDENCE_SOURCE_KINDS = ['course_completion', 'session_attendance', 'lti_score', 'xapi_statement', 'upload', 'import'] as const
export type EvidenceSourceKind = (typeof EVIDENCE_SOURCE_KINDS)[number]

/** Evidence is never deleted; superseded or revoked evidence no longer counts. */
/** `level`: the level it shows, on a competency with levels; null or absent counts as the lowest (1). */
export type PassportEvidence = { id: string; occurredOn: CalendarDate; superseded: boolean; revoked: boolean; level?: number | null }

export const PASSPORT_COLOURS = ['green', 'orange', 'red', 'not_required'] as const
export type PassportColour = (typeof PASSPORT_COLOURS)[number]

/**
 * Why a dot has its colour: the evidence and the requirement that decided it. `requiredLevel` is
 * present only when the deciding requirement asks for a minimum level; `level_too_low`: required
 * and past its deadline, held only at a lower level (which does not count for it).
 */
export type PassportCause =
	| { kind: 'valid'; evidenceId: string; requirementId: string; requiredLevel?: number }
	| { kind: 'expiring'; evidenceId: string; requirementId: string; requiredLevel?: number }
	| { kind: 'grace'; requirementId: string; dueOn: CalendarDate; evidenceId: string | null; requiredLevel?: number }
	| { kind: 'expired'; requirementId: string; evidenceId: string; requiredLevel?: number }
	| { kind: 'missing'; requirementId: string; requiredLevel?: number }
	| { kind: 'level_too_low'; requirementId: string; requiredLevel: number; heldLevel: number; evidenceId: string }
	| { kind: 'not_required'; evidenceId: string | null }

export type PassportStatus = {
	status: PassportColour
	/** The last day the competency is valid (inclusive); null when permanent or never obtained. */
	validUntil: CalendarDate | null
	permanent: boolean
	cause: PassportCause
	/** The first day on which the colour, cause or level changes by the calendar alone; null: never without new facts. */
	nextChangeOn: CalendarDate | null
	/** On a competency with levels: the highest level held (valid) today; null: none held, or no levels. */
	level?: number | null
}

/**
 * The validity chain over the counting evidence in date order (ties by id). `last` is the key of
 * the latest evidence folded in, so a new piece that comes later can be folded onto the stored
 * chain (`extendChain`) instead of refolding everything.
 */
export type ValidityChain = {
	validUntil: CalendarDate | null
	permanent: boolean
	/** The evidence that set the current validity. */
	evidenceId: string | null
	last: { occurredOn: CalendarDate; id: string } | null
}

export const EMPTY_CHAIN: ValidityChain = { validUntil: null, permanent: false, evidenceId: null, last: null }

const counts = (evidence: PassportEvidence) => !evidence.superseded && !evidence.revoked

/** A piece without a level counts as the lowest level: a course that grants the competency without naming a level grants level 1. */
const levelOf = (evidence: PassportEvidence) => evidence.level ?? 1

function compareEvidence(a: { occurredOn: CalendarDate; id: string }, b: { occurredOn: CalendarDate; id: string }): number {
	if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** A chain built field by field, always in one shape (the nightly check builds millions). */
function chainOf(validUntil: CalendarDate | null, permanent: boolean, evidenceId: string | null, last: ValidityChain['last']): ValidityChain {
	return { validUntil, permanent, evidenceId, last }
}

/** Folds one counting piece of evidence, later than everything in `chain`, onto it. */
function step(competency: Competency, chain: ValidityChain, evidence: PassportEvidence): ValidityChain {
	const last = { occurredOn: evidence.occurredOn, id: evidence.id }
	if (competency.validityMonths === null) {
		return chain.permanent ? chainOf(chain.validUntil, chain.permanent, chain.evidenceId, last) : chainOf(null, true, evidence.id, last)
	}
	const fromCompletion = addMonths(evidence.occurredOn, competency.validityMonths)
	// Lapsed (or never held): a fresh start from the evidence's own date.
	if (chain.validUntil === null || evidence.occurredOn > chain.validUntil) {
		return chainOf(fromCompletion, false, evidence.id, last)
	}
	const insideRenewalWindow = evidence.occurredOn >= addDays(chain.validUntil, -competency.warningDays)
	const candidate = competency.renewalBasis === 'expiry' && insideRenewalWindow ? addMonths(chain.validUntil, competency.validityMonths) : fromCompletion
	if (candidate > chain.validUntil) return chainOf(candidate, false, evidence.id, last)
	return chainOf(chain.validUntil, chain.permanent, chain.evidenceId, last)
}

/** The chain of all counting evidence, in whatever order it arrived. */
export function validityChain(competency: Competency, evidence: readonly PassportEvidence[]): ValidityChain {
	const counting = evidence.filter(counts)
	if (counting.length > 1) counting.sort(compareEvidence)
	let chain = EMPTY_CHAIN
	for (const piece of counting) chain = step(competency, chain, piece)
	return chain
}

/**
 * The chain after one change, from the stored chain when it can be (a new counting piece dated
 * after everything folded so far), else refolded from all evidence (a piece arriving out of
 * order, a supersession, a revocation). `all` includes the change.
 */
export function extendChain(
	competency: Competency,
	stored: ValidityChain,
	change: { kind: 'added'; evidence: PassportEvidence } | { kind: 'superseded' | 'revoked'; evidenceId: string },
	all: readonly PassportEvidence[],
): ValidityChain {
	if (change.kind === 'added' && counts(change.evidence) && (stored.last === null || compareEvidence(stored.last, change.evidence) < 0)) {
		return step(competency, stored, change.evidence)
	}
	if (change.kind === 'added' && !counts(change.evidence)) return stored
	return validityChain(competency, all)
}

/** The requirement that binds hardest: the earliest deadline (`introducedOn + graceDays`). */
function bindingRequirement(requirements: readonly PassportRequirement[]): { requirement: PassportRequirement; dueOn: CalendarDate } | null {
	let best: { requirement: PassportRequirement; dueOn: CalendarDate } | null = null
	for (const requirement of requirements) {
		const dueOn = addDays(requirement.introducedOn, requirement.graceDays)
		if (!best || dueOn < best.dueOn || (dueOn === best.dueOn && requirement.id < best.requirement.id)) best = { requirement, dueOn }
	}
	return best
}

/** A dot built field by field, always in one shape (spreading a base object per dot cost the nightly check seconds). */
function dotOf(status: PassportColour, chain: ValidityChain, cause: PassportCause, nextChangeOn: CalendarDate | null): PassportStatus {
	return { status, validUntil: chain.validUntil, permanent: chain.permanent, cause, nextChangeOn }
}

/** The dot on `today` for a chain. */
export function statusOf(competency: Competency, chain: ValidityChain, requirements: readonly PassportRequirement[], { today }: { today: CalendarDate }): PassportStatus {
	const binding = bindingRequirement(requirements)
	const validToday = chain.permanent || (chain.validUntil !== null && today <= chain.validUntil)

	if (!binding) {
		return dotOf('not_required', chain, { kind: 'not_required', evidenceId: validToday ? chain.evidenceId : null }, validToday && !chain.permanent && chain.validUntil ? addDays(chain.validUntil, 1) : null)
	}
	const requirementId = binding.requirement.id
	if (validToday && chain.evidenceId !== null) {
		if (chain.permanent || chain.validUntil === null) {
			return dotOf('green', chain, { kind: 'valid', evidenceId: chain.evidenceId, requirementId }, null)
		}
		const orangeFrom = competency.warningDays > 0 ? addDays(chain.validUntil, -competency.warningDays) : null
		if (orangeFrom !== null && today >= orangeFrom) {
			return dotOf('orange', chain, { kind: 'expiring', evidenceId: chain.evidenceId, requirementId }, addDays(chain.validUntil, 1))
		}
		return dotOf('green', chain, { kind: 'valid', evidenceId: chain.evidenceId, requirementId }, orangeFrom ?? addDays(chain.validUntil, 1))
	}
	if (today <= binding.dueOn) {
		return dotOf('orange', chain, { kind: 'grace', requirementId, dueOn: binding.dueOn, evidenceId: chain.evidenceId }, addDays(binding.dueOn, 1))
	}
	if (chain.evidenceId !== null) return dotOf('red', chain, { kind: 'expired', requirementId, evidenceId: chain.evidenceId }, null)
	return dotOf('red', chain, { kind: 'missing', requirementId }, null)
}

const COLOUR_RANK: Record<PassportColour, number> = { not_required: 0, green: 1, orange: 2, red: 3 }

const isValidOn = (chain: ValidityChain, today: CalendarDate) => chain.permanent || (chain.validUntil !== null && today <= chain.validUntil)

const earliest = (days: readonly (CalendarDate | null)[]): CalendarDate | null =>
	days.reduce<CalendarDate | null>((first, day) => (day !== null && (first === null || day < first) ? day : first), null)

/**
 * The highest level held today and its chain (the evidence at that level or above), on a
 * competency with levels; null when it has none or nothing is valid today.
 */
function heldLevel(competency: Competency, counting: readonly PassportEvidence[], today: CalendarDate): { level: number; chain: ValidityChain } | null {
	for (let level = competency.levelCount ?? 0; level >= 1; level--) {
		const chain = validityChain(
			competency,
			counting.filter((piece) => levelOf(piece) >= level),
		)
		if (isValidOn(chain, today)) return { level, chain }
	}
	return null
}

/**
 * The dot on `today` from all the facts: the full recompute.
 *
 * Levels: each requirement is met only by evidence at or above its minimum level, so the
 * requirements are judged per minimum (each group by the rule above, its earliest deadline
 * binding) and the worst colour wins (red, then orange, then green; a tie goes to the earliest
 * deadline). Without minimums there is one group and this is the rule without levels. Red for want
 * of level, while a lower level is held, says `level_too_low`. `level` is the highest level held
 * today; since it also changes by the calendar, `nextChangeOn` includes the day it lapses.
 */
export function passportStatus(
	competency: Competency,
	requirements: readonly PassportRequirement[],
	evidence: readonly PassportEvidence[],
	{ today }: { today: CalendarDate },
): PassportStatus {
	const hasLevels = (competency.levelCount ?? 0) > 0
	// Without levels every requirement is one group judged over all counting evidence (a piece
	// below level 1 counts for no group): the rule without levels, as the loop below would find it.
	if (!hasLevels && evidence.every((piece) => levelOf(piece) >= 1)) return statusOf(competency, validityChain(competency, evidence), requirements, { today })
	const counting = evidence.filter(counts)
	const held = hasLevels ? heldLevel(competency, counting, today) : null
	const withLevel = (status: PassportStatus): PassportStatus => {
		if (!hasLevels) return status
		const levelLapsesOn = held && !held.chain.permanent && held.chain.validUntil ? addDays(held.chain.validUntil, 1) : null
		return { status: status.status, validUntil: status.validUntil, permanent: status.permanent, cause: status.cause, nextChangeOn: earliest([status.nextChangeOn, levelLapsesOn]), level: held?.level ?? null }
	}
	if (requirements.length === 0) return withLevel(statusOf(competency, validityChain(competency, counting), [], { today }))

	const groups = new Map<number, PassportRequirement[]>()
	for (const requirement of requirements) {
		const minimum = hasLevels ? (requirement.minLevel ?? 1) : 1
		const group = groups.get(minimum)
		if (group) group.push(requirement)
		else groups.set(minimum, [requirement])
	}
	let worst: { status: PassportStatus; dueOn: CalendarDate; requirementId: string } | null = null
	let nextChangeOn: CalendarDate | null = null
	for (const [minimum, group] of groups) {
		const chain = validityChain(
			competency,
			counting.filter((piece) => levelOf(piece) >= minimum),
		)
		let status = statusOf(competency, chain, group, { today })
		const binding = group.reduce((best, requirement) => {
			const dueOn = addDays(requirement.introducedOn, requirement.graceDays)
			return dueOn < best.dueOn || (dueOn === best.dueOn && requirement.id < best.requirementId) ? { dueOn, requirementId: requirement.id } : best
		}, { dueOn: '9999-12-31', requirementId: '' })
		const requiredLevel = group.find((requirement) => requirement.id === binding.requirementId)?.minLevel ?? null
		if (hasLevels && requiredLevel !== null && status.cause.kind !== 'not_required') {
			status = { ...status, cause: { ...status.cause, requiredLevel } as PassportCause }
			if (status.status === 'red' && held && held.level < requiredLevel) {
				status = { ...status, cause: { kind: 'level_too_low', requirementId: binding.requirementId, requiredLevel, heldLevel: held.level, evidenceId: held.chain.evidenceId! } }
			}
		}
		nextChangeOn = earliest([nextChangeOn, status.nextChangeOn])
		if (
			!worst ||
			COLOUR_RANK[status.status] > COLOUR_RANK[worst.status.status] ||
			(COLOUR_RANK[status.status] === COLOUR_RANK[worst.status.status] &&
				(binding.dueOn < worst.dueOn || (binding.dueOn === worst.dueOn && binding.requirementId < worst.requirementId)))
		) {
			worst = { status, ...binding }
		}
	}
	const decided = worst!.status
	return withLevel({ status: decided.status, validUntil: decided.validUntil, permanent: decided.permanent, cause: decided.cause, nextChangeOn })
}

/** Whether two statuses say the same (colour, validity and cause): a stored status that differs from a recompute is drift. */
export function sameStatus(a: PassportStatus, b: PassportStatus): boolean {
	return (
		a.status === b.status &&
		a.validUntil === b.validUntil &&
		a.permanent === b.permanent &&
		a.nextChangeOn === b.nextChangeOn &&
		(a.level ?? null) === (b.level ?? null) &&
		sameCause(a.cause, b.cause)
	)
}

/** Causes compare by their fields, whatever order a stored (jsonb) copy lists them in. */
export function sameCause(a: PassportCause, b: PassportCause): boolean {
	const left = a as Record<string, unknown>
	const right = b as Record<string, unknown>
	// Every key of either, without building their union (the nightly check compares ~560,000 causes).
	for (const key of Object.keys(left)) if ((left[key] ?? null) !== (right[key] ?? null)) return false
	for (const key of Object.keys(right)) if (!(key in left) && right[key] != null) return false
	return true
}

/**
 * Whether a course that grants `grantsLevel` (null or absent: the lowest, 1) would turn a dot with
 * this cause: the level the deciding requirement asks (`requiredLevel`) or more; any course does
 * when no level is asked. A red or orange dot suggests only such courses (ADR 031, levels).
 */
export function grantMeetsCause(grantsLevel: number | null | undefined, cause: PassportCause): boolean {
	const required = 'requiredLevel' in cause ? cause.requiredLevel : undefined
	return required === undefined || (grantsLevel ?? 1) >= required
}
