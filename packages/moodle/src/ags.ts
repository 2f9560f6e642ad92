import { ACTIVITY_PROGRESS, GRADING_PROGRESS } from '@leerplein/domain'
import { z } from 'zod'

/**
 * ISO 8601 with a time zone, in the forms tools send: `Z`, `+01:00`, and Moodle's `+0000`
 * (no colon), which `Date.parse` does not read everywhere. Returns null when it is not one.
 */
export function parseLtiTimestamp(value: string): Date | null {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/.exec(value)
	if (!match) return null
	const [, date, time, zone] = match
	const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`
	// Milliseconds are what a Date holds; longer fractions are cut, never rounded into the next second.
	const trimmedTime = time!.replace(/(\.\d{3})\d+$/, '$1')
	const parsed = new Date(`${date}T${trimmedTime}${offset}`)
	return Number.isNaN(parsed.getTime()) ? null : parsed
}

export const scoreSchema = z.object({
	userId: z.string().min(1).max(255),
	scoreGiven: z.number().finite().nullish(),
	scoreMaximum: z.number().finite().nullish(),
	comment: z.string().max(10_000).nullish(),
	activityProgress: z.enum(ACTIVITY_PROGRESS),
	gradingProgress: z.enum(GRADING_PROGRESS),
	timestamp: z.string().transform((value, context) => {
		const parsed = parseLtiTimestamp(value)
		if (!parsed) {
			context.addIssue({ code: 'custom', message: 'timestamp must be ISO 8601 with a time zone' })
			return z.NEVER
		}
		return parsed
	}),
})
export type ScoreInput = z.infer<typeof scoreSchema>

const optionalDate = z
	.string()
	.nullish()
	.transform((value, context) => {
		if (value === null || value === undefined || value === '') return null
		const parsed = parseLtiTimestamp(value)
		if (!parsed) {
			context.addIssue({ code: 'custom', message: 'must be ISO 8601 with a time zone' })
			return z.NEVER
		}
		return parsed
	})

/** A line item as a tool posts or puts it (AGS 2.0 §3.2). */
export const lineItemInputSchema = z.object({
	scoreMaximum: z.number().finite().positive(),
	label: z.string().trim().min(1).max(255),
	resourceId: z.string().max(255).nullish(),
	tag: z.string().max(255).nullish(),
	resourceLinkId: z.string().max(255).nullish(),
	startDateTime: optionalDate,
	endDateTime: optionalDate,
	gradesReleased: z.boolean().nullish(),
})
export type LineItemInput = z.infer<typeof lineItemInputSchema>

export type LineItemView = {
	id: string
	scoreMaximum: number
	label: string
	resourceId: string | null
	tag: string | null
	resourceLinkId: string | null
	startDateTime: Date | null
	endDateTime: Date | null
}

/** A line item as the service answers it: Moodle finds its item again by tag, resourceId and resourceLinkId, so they are always echoed. */
export function lineItemJson(item: LineItemView, url: string) {
	return {
		id: url,
		scoreMaximum: item.scoreMaximum,
		label: item.label,
		resourceId: item.resourceId ?? '',
		tag: item.tag ?? '',
		...(item.resourceLinkId ? { resourceLinkId: item.resourceLinkId } : {}),
		...(item.startDateTime ? { startDateTime: item.startDateTime.toISOString() } : {}),
		...(item.endDateTime ? { endDateTime: item.endDateTime.toISOString() } : {}),
	}
}

export type ResultView = {
	userId: string
	resultScore: number | null
	resultMaximum: number | null
	comment: string | null
}

export function resultJson(result: ResultView, lineItemUrl: string) {
	return {
		id: `${lineItemUrl}/results/${encodeURIComponent(result.userId)}`,
		scoreOf: lineItemUrl,
		userId: result.userId,
		...(result.resultScore !== null ? { resultScore: result.resultScore } : {}),
		...(result.resultMaximum !== null ? { resultMaximum: result.resultMaximum } : {}),
		...(result.comment ? { comment: result.comment } : {}),
	}
}
