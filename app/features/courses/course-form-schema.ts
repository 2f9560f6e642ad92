import type { SubmissionResult } from '@conform-to/react'
import { courseInputSchema, type DuplicateReason } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/**
 * The course form, on the server (parseForm) and in the browser (useForm): the domain's rule for
 * a course as a coordinator writes it, whose messages are error codes beside each field.
 */
export const courseFormSchema = courseInputSchema

/** What a new course's form shows before anything is typed. */
export const NEW_COURSE = {
	title: '',
	summary: '',
	description: '',
	themeId: '',
	form: 'classroom',
	language: 'nl',
	durationMinutes: '',
	priceEuros: '0',
	learningGoals: '',
	targetAudience: '',
	prerequisites: '',
	keywords: '',
	visibility: 'concern',
	audienceTenantIds: [] as string[],
	contactName: '',
	contactEmail: '',
} satisfies Record<keyof z.input<typeof courseFormSchema>, string | string[]>

/** The course form's fields as text, as the form shows them (the units a course is opened to as a list). */
export type CourseFormValues = { [K in keyof typeof NEW_COURSE]: (typeof NEW_COURSE)[K] extends string[] ? string[] : string }

/** Joining an existing course instead of writing a double: which one. */
export const joinCourseSchema = z.object({ courseId: z.uuid({ error: 'JOIN_NOT_ALLOWED' satisfies ErrorCode }) })

/** A course already in the concern catalogue that the one being written likely duplicates, as the form shows it. */
export type CourseSuggestion = {
	score: number
	reasons: DuplicateReason[]
	course: { id: string; title: string; summary: string; providerName: string; providerTenantId: string }
}

/** The course form's answer when it comes back: Conform's reply (errors beside fields), with duplicate suggestions once checked. */
export type CourseFormReply = SubmissionResult<string[]> & {
	suggestions?: CourseSuggestion[]
	/** Saving stopped because of likely duplicates: the coordinator must join one or confirm. */
	needsConfirmation?: boolean
}
