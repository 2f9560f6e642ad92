import type { CourseForm } from '../catalogue/course.ts'
import { transition } from '../logistics/enrolment-lifecycle.ts'
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../logistics/enrolment-status.ts'

/**
 * Only a course that is nothing but its online part is finished by the tool. Blended courses
 * and webinars also have a classroom or live part, which the coordinator closes with attendance.
 */
export function onlinePartIsWholeCourse(form: CourseForm): boolean {
	return form === 'elearning'
}

/** Enrolments that give access to the course's online part. */
export const LAUNCHABLE_ENROLMENT_STATUSES = ['enrolled', 'attended', 'completed'] as const satisfies readonly EnrolmentStatus[]

export function mayLaunchOnlinePart(status: EnrolmentStatus): boolean {
	return (LAUNCHABLE_ENROLMENT_STATUSES as readonly EnrolmentStatus[]).includes(status)
}

/**
 * An enrolment a completed online part may close: the enrolment state machine's `complete`, done by
 * the system. Anything else (cancelled, waitlisted…) stays as it is.
 */
export function completesEnrolment(status: EnrolmentStatus): boolean {
	return transition(status, { type: 'complete' }, 'system').ok
}

export type SyncedCompletionDecision = 'complete' | 'already_completed' | 'not_completed'

/**
 * The web-services fallback sync (Moodle never sends completion without a grade over AGS): an
 * activity Moodle reports as completed (or completed and passed; a fail never counts) completes
 * the online part once. A part already completed, by a graded score or an earlier sync, is left alone.
 */
export function decideSyncedCompletion({ activityCompleted, partCompleted }: { activityCompleted: boolean; partCompleted: boolean }): SyncedCompletionDecision {
	if (partCompleted) return 'already_completed'
	return activityCompleted ? 'complete' : 'not_completed'
}

/** The statuses completesEnrolment closes, for the database to close them in one statement. */
export const ENROLMENT_STATUSES_A_COMPLETION_CLOSES: readonly EnrolmentStatus[] = ENROLMENT_STATUSES.filter(completesEnrolment)
