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
 * the field; numbers arrive as form text, so they are coerced here.
 */
export const courseInputSchema = z.object({
	title: z.string().trim().min(3, 'TITLE_TOO_SHORT').max(COURSE_TITLE_MAX, 'TITLE_TOO_LONG'),
	summary: z.string().trim().min(10, 'SUMMARY_TOO_SHORT').max(COURSE_SUMMARY_MAX, 'SUMMARY_TOO_LONG'),
	description: z.string().trim().min(20, 'DESCRIPTION_TOO_SHORT').max(COURSE_DESCRIPTION_MAX, 'DESCRIPTION_TOO_LONG'),
	themeId: z.uuid('THEME_REQUIRED'),
	form: z.enum(COURSE_FORMS, 'FORM_REQUIRED'),
	language: z.enum(LANGUAGES, 'LANGUAGE_REQUIRED'),
	durationMinutes: z.coerce
		.number('DURATION_NOT_A_NUMBER')
		.int('DURATION_NOT_WHOLE')
		.min(15, 'DURATION_TOO_SHORT')
		.max(COURSE_DURATION_MAX_MINUTES, 'DURATION_TOO_LONG'),
	priceEuros: z.coerce.number('PRICE_NOT_A_NUMBER').min(0, 'PRICE_NEGATIVE').max(COURSE_PRICE_MAX_EUROS, 'PRICE_TOO_HIGH'),
	status: z.enum(EDITABLE_COURSE_STATUSES, 'STATUS_REQUIRED'),
})

export type CourseInput = z.infer<typeof courseInputSchema>
export type CourseInputErrorCode = string
