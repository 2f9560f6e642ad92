import { z } from 'zod'
import { COURSE_FORMS, LANGUAGES } from './course.ts'

export const COURSE_TITLE_MAX = 160
export const COURSE_SUMMARY_MAX = 300
export const COURSE_DESCRIPTION_MAX = 10_000
/** Four weeks of full days: longer is a programme, not a course. */
export const COURSE_DURATION_MAX_MINUTES = 20 * 8 * 60
export const COURSE_PRICE_MAX_EUROS = 25_000
export const COURSE_GOALS_MAX = 2_000
export const COURSE_AUDIENCE_MAX = 1_000
export const COURSE_PREREQUISITES_MAX = 1_000
/** Keywords help search and duplicate detection; a long list only dilutes them. */
export const COURSE_KEYWORDS_MAX = 12
export const COURSE_KEYWORD_MAX = 40
export const COURSE_CONTACT_NAME_MAX = 120
export const COURSE_CONTACT_EMAIL_MAX = 254

/** Who a course is open to: the whole concern, or only the units chosen for it (`course_audiences`). */
export const COURSE_VISIBILITIES = ['concern', 'selected'] as const
export type CourseVisibilityScope = (typeof COURSE_VISIBILITIES)[number]

/** Keywords as the form sends them: one text, separated by commas (or semicolons); blanks and doubles (any case) dropped. */
export function splitKeywords(text: string): string[] {
	const seen = new Set<string>()
	const keywords: string[] = []
	for (const part of text.split(/[,;]/)) {
		const keyword = part.trim().replace(/\s+/g, ' ')
		if (keyword === '' || seen.has(keyword.toLowerCase())) continue
		seen.add(keyword.toLowerCase())
		keywords.push(keyword)
	}
	return keywords
}

/** An optional text: a missing field is an empty one. */
const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional().transform((value) => value ?? '')

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
	learningGoals: optionalText(COURSE_GOALS_MAX, 'COURSE_GOALS_TOO_LONG'),
	targetAudience: optionalText(COURSE_AUDIENCE_MAX, 'COURSE_AUDIENCE_TOO_LONG'),
	prerequisites: optionalText(COURSE_PREREQUISITES_MAX, 'COURSE_PREREQUISITES_TOO_LONG'),
	keywords: z
		.string()
		.optional()
		.transform((value) => splitKeywords(value ?? ''))
		.check((ctx) => {
			if (ctx.value.length > COURSE_KEYWORDS_MAX) ctx.issues.push({ code: 'custom', message: 'COURSE_KEYWORDS_TOO_MANY', input: ctx.value })
			else if (ctx.value.some((keyword) => keyword.length > COURSE_KEYWORD_MAX)) ctx.issues.push({ code: 'custom', message: 'COURSE_KEYWORD_TOO_LONG', input: ctx.value })
		}),
	visibility: z.enum(COURSE_VISIBILITIES, 'COURSE_VISIBILITY_REQUIRED'),
	/** The units a course open to 'selected' units is opened to; ignored when it is open to the concern. */
	audienceTenantIds: z
		.array(z.string(), 'COURSE_AUDIENCE_UNITS_REQUIRED')
		.optional()
		// One message beside the list of units, not one per box.
		.refine((ids) => (ids ?? []).every((id) => z.uuid().safeParse(id).success), 'COURSE_AUDIENCE_UNITS_REQUIRED')
		.transform((ids) => [...new Set(ids ?? [])]),
	contactName: optionalText(COURSE_CONTACT_NAME_MAX, 'COURSE_CONTACT_NAME_TOO_LONG'),
	contactEmail: z
		.string()
		.trim()
		.max(COURSE_CONTACT_EMAIL_MAX, 'COURSE_CONTACT_EMAIL_INVALID')
		.pipe(z.union([z.literal(''), z.email('COURSE_CONTACT_EMAIL_INVALID')], 'COURSE_CONTACT_EMAIL_INVALID'))
		.optional()
		.transform((value) => value ?? ''),
}).superRefine((course, ctx) => {
	if (course.visibility === 'selected' && course.audienceTenantIds.length === 0)
		ctx.addIssue({ code: 'custom', path: ['audienceTenantIds'], message: 'COURSE_AUDIENCE_UNITS_REQUIRED' })
	// A contact is a person one can write to: a name alone or an address alone is half of one.
	if (course.contactName !== '' && course.contactEmail === '') ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'COURSE_CONTACT_EMAIL_REQUIRED' })
	if (course.contactEmail !== '' && course.contactName === '') ctx.addIssue({ code: 'custom', path: ['contactName'], message: 'COURSE_CONTACT_NAME_REQUIRED' })
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
	| 'COURSE_GOALS_TOO_LONG'
	| 'COURSE_AUDIENCE_TOO_LONG'
	| 'COURSE_PREREQUISITES_TOO_LONG'
	| 'COURSE_KEYWORDS_TOO_MANY'
	| 'COURSE_KEYWORD_TOO_LONG'
	| 'COURSE_VISIBILITY_REQUIRED'
	| 'COURSE_AUDIENCE_UNITS_REQUIRED'
	| 'COURSE_CONTACT_NAME_TOO_LONG'
	| 'COURSE_CONTACT_NAME_REQUIRED'
	| 'COURSE_CONTACT_EMAIL_INVALID'
	| 'COURSE_CONTACT_EMAIL_REQUIRED'
