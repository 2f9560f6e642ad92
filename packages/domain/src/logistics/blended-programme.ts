import type { CourseForm } from '../catalogue/course.ts'
import { fail, ok, type Result } from '../result.ts'
import { transition } from './enrolment-lifecycle.ts'
import { ENROLMENT_STATUSES, type EnrolmentStatus } from './enrolment-status.ts'

/**
 * A blended programme (issue 14, ADR 033): a course of ordered parts — its classroom part (the
 * enrolment's session) and each online part linked over LTI — with a completion rule: every part,
 * or at least n of them. The enrolment completes when the rule is met, whatever order the results
 * arrive in; the shell asks this rule in the transaction of each result, after locking the enrolment.
 */

/** Stored as `courses.completion_min_parts`: null means every part. */
export type CompletionRule = { kind: 'all' } | { kind: 'at_least'; parts: number }

export function completionRuleOf(minParts: number | null): CompletionRule {
	return minParts === null ? { kind: 'all' } : { kind: 'at_least', parts: minParts }
}

export function minPartsOf(rule: CompletionRule): number | null {
	return rule.kind === 'all' ? null : rule.parts
}

/**
 * Where a course has online parts and is not e-learning (which its online part completes on its
 * own, onlinePartIsWholeCourse), the completion rule decides.
 */
export function completesByRule(form: CourseForm, onlinePartCount: number): boolean {
	return form !== 'elearning' && onlinePartCount > 0
}

/** A course's parts: the classroom part and its online parts. */
export function partCountOf(onlinePartCount: number): number {
	return onlinePartCount + 1
}

export type CompletionRuleError = 'COMPLETION_RULE_OUT_OF_RANGE'

/** A coordinator's rule: "at least n" needs 1 ≤ n ≤ the number of parts the course has now. */
export function checkCompletionRule(rule: CompletionRule, partCount: number): Result<CompletionRule, CompletionRuleError> {
	switch (rule.kind) {
		case 'all':
			return ok(rule)
		case 'at_least':
			return Number.isInteger(rule.parts) && rule.parts >= 1 && rule.parts <= partCount ? ok(rule) : fail('COMPLETION_RULE_OUT_OF_RANGE')
		default:
			return rule satisfies never
	}
}

/** The classroom part, as the enrolment's status tells it: attendance is registered per meeting (ADR 028). */
export type ClassroomState = 'attended' | 'not_attended' | 'pending'

export function classroomStateOf(status: EnrolmentStatus): ClassroomState {
	if (status === 'attended' || status === 'completed') return 'attended'
	if (status === 'no_show') return 'not_attended'
	return 'pending'
}

/**
 * A completed enrolment's status no longer says whether its session was attended (a rule of n of m
 * can complete it without): its meeting marks do (`fromMarks`, sessionAttendance). Where the online
 * parts alone could not meet the rule, the session was attended, marks or not (an older enrolment).
 */
export function completedClassroomState(fromMarks: ClassroomState, online: readonly Extract<PartState, { kind: 'online' }>[], rule: CompletionRule): ClassroomState {
	if (fromMarks === 'attended') return 'attended'
	const withoutClassroom = blendedProgress([{ kind: 'classroom', state: fromMarks }, ...online], rule)
	return withoutClassroom.met ? fromMarks : 'attended'
}

export type PartState = { kind: 'classroom'; state: ClassroomState } | { kind: 'online'; id: string; title: string; completed: boolean }
export type PartProgress = PartState & { done: boolean }

export type BlendedProgress = {
	parts: PartProgress[]
	done: number
	/** Parts the rule asks for; a rule of more parts than the course still has asks for all of them. */
	required: number
	met: boolean
}

/** Progress per part, in the course's order, and whether the rule is met. */
export function blendedProgress(parts: readonly PartState[], rule: CompletionRule): BlendedProgress {
	const progress = parts.map((part): PartProgress => ({ ...part, done: part.kind === 'classroom' ? part.state === 'attended' : part.completed }))
	const done = progress.filter((part) => part.done).length
	const required = rule.kind === 'all' ? parts.length : Math.min(rule.parts, parts.length)
	return { parts: progress, done, required, met: done >= required }
}

export type BlendedDecision = 'complete' | 'already_completed' | 'not_yet'

/**
 * Whether this enrolment completes now: when the rule is met and the state machine lets the portal
 * complete it by the rule (enrolled, attended, and a no-show: missing the classroom part is one
 * part not done, and a rule of n of m may not need it). A cancelled one stays as it is.
 */
export function decideBlendedCompletion({ status, online, rule }: { status: EnrolmentStatus; online: readonly Extract<PartState, { kind: 'online' }>[]; rule: CompletionRule }): BlendedDecision {
	if (status === 'completed') return 'already_completed'
	if (!blendedProgress(blendedParts(status, online), rule).met) return 'not_yet'
	return transition(status, { type: 'complete_by_rule' }, 'system').ok ? 'complete' : 'not_yet'
}

/** The statuses a met rule completes, for the database to complete them from (and from no other). */
export const ENROLMENT_STATUSES_A_RULE_COMPLETES: readonly EnrolmentStatus[] = ENROLMENT_STATUSES.filter((status) => transition(status, { type: 'complete_by_rule' }, 'system').ok)

/**
 * The parts in the course's order: the online parts in their order, with the classroom part after
 * the first `classroomIndex` of them (0: first).
 */
export function blendedParts(
	status: EnrolmentStatus,
	online: readonly Extract<PartState, { kind: 'online' }>[],
	{ classroom = classroomStateOf(status), classroomIndex = 0 }: { classroom?: ClassroomState | undefined; classroomIndex?: number } = {},
): PartState[] {
	const at = Math.min(Math.max(classroomIndex, 0), online.length)
	return [...online.slice(0, at), { kind: 'classroom', state: classroom }, ...online.slice(at)]
}

/** A part in the course's order: the classroom part, or an online part by its id. */
export type PartKey = 'classroom' | { online: string }

export type PartOrder = { classroomIndex: number; online: string[] }

export function partKeys({ classroomIndex, online }: PartOrder): PartKey[] {
	const at = Math.min(Math.max(classroomIndex, 0), online.length)
	return [...online.slice(0, at).map((id) => ({ online: id })), 'classroom', ...online.slice(at).map((id) => ({ online: id }))]
}

export type MovePartError = 'ONLINE_PART_NOT_FOUND' | 'PART_CANNOT_MOVE'

/** A coordinator moves one part a place up or down; the first cannot go up, the last not down. */
export function movePart(order: PartOrder, part: 'classroom' | string, direction: 'up' | 'down'): Result<PartOrder, MovePartError> {
	const keys = partKeys(order)
	const index = keys.findIndex((key) => (part === 'classroom' ? key === 'classroom' : key !== 'classroom' && key.online === part))
	if (index < 0) return fail('ONLINE_PART_NOT_FOUND')
	const to = direction === 'up' ? index - 1 : index + 1
	if (to < 0 || to >= keys.length) return fail('PART_CANNOT_MOVE')
	const moved = [...keys]
	;[moved[index], moved[to]] = [moved[to]!, moved[index]!]
	return ok({ classroomIndex: moved.indexOf('classroom'), online: moved.flatMap((key) => (key === 'classroom' ? [] : [key.online])) })
}
