import { z } from 'zod'
import { COURSE_FORMS, LANGUAGES } from './course.ts'

/** The statuses a coordinator sets on a course; 'merged' is the concern administrator's doing. */
export const EDITABLE_COURSE_STATUSES = ['draft', 'published', 'archived'] as const

export const COURSE_TITLE_MAX = 160
export const COURSE_SUMMARY_MAX = 300
export const COURSE_DESCRIPTION_MAX = 10_000
/** Four weeks of full days: longer is a programme, not a course. */
export const COURSE_DURATION_MAX_MINUTES = 20 * 8 * 60
export const COURSE_PRICE_MAX_EUROS = 25_000

/**
 * A course as a coordinator writes it. Messages are codes the UI translates, shown next to
 * the field (a missing field gets the same code as an empty one); numbers arrive as form text,
 * so they are coerced here.
 */
export const courseInputSchema = z.object({
	title: z.string('COURSE_TITLE_TOO_SHORT').trim().min(3, 'COURSE_TITLE_TOO_SHORT').max(COURSE_TITLE_MAX, 'COURSE_TITLE_TOO_LONG'),
	summary: z.string('COURSE_SUMMARY_TOO_SHORT').trim().min(10, 'COURSE_SUMMARY_TOO_SHORT').max(COURSE_SUMMARY_MAX, 'COURSE_SUMMARY_TOO_LONG'),
	description: z.string('COURSE_DESCRIPTION_TOO_SHORT').trim().min(20, 'COURSE_DESCRIPTION_TOO_SHORT').max(COURSE_DESCRIPTION_MAX, 'COURSE_DESCRIPTION_TOO_LONG'),
	themeId: z.uuid('COURSE_THEME_REQUIRED'),
	form: z.enum(COURSE_FORMS, 'COURSE_FORM_REQUIRED'),
	language: z.enum(LANGUAGES, 'COURSE_LANGUAGE_REQUIRED'),
	durationMinutes: z.coerce
		.number('COURSE_DURATION_NOT_A_NUMBER')
		.int('COURSE_DURATION_NOT_WHOLE')
		.min(15, 'COURSE_DURATION_TOO_SHORT')
		.max(COURSE_DURATION_MAX_MINUTES, 'COURSE_DURATION_TOO_LONG'),
	priceEuros: z.coerce.number('COURSE_PRICE_NOT_A_NUMBER').min(0, 'COURSE_PRICE_NEGATIVE').max(COURSE_PRICE_MAX_EUROS, 'COURSE_PRICE_TOO_HIGH'),
	status: z.enum(EDITABLE_COURSE_STATUSES, 'COURSE_STATUS_REQUIRED'),
})

export type CourseInput = z.infer<typeof courseInputSchema>
export type CourseInputErrorCode =
	| 'COURSE_TITLE_TOO_SHORT'
	| 'COURSE_TITLE_TOO_LONG'
	| 'COURSE_SUMMARY_TOO_SHORT'
	| 'COURSE_SUMMARY_TOO_LONG'
	| 'COURSE_DESCRIPTION_TOO_SHORT'
	| 'COURSE_DESCRIPTION_TOO_LONG'
	| 'COURSE_THEME_REQUIRED'
	| 'COURSE_FORM_REQUIRED'
	| 'COURSE_LANGUAGE_REQUIRED'
	| 'COURSE_DURATION_NOT_A_NUMBER'
	| 'COURSE_DURATION_NOT_WHOLE'
	| 'COURSE_DURATION_TOO_SHORT'
	| 'COURSE_DURATION_TOO_LONG'
	| 'COURSE_PRICE_NOT_A_NUMBER'
	| 'COURSE_PRICE_NEGATIVE'
	| 'COURSE_PRICE_TOO_HIGH'
	| 'COURSE_STATUS_REQUIRED'
