import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** How many courses fit side by side. */
export const MAX_COMPARED = 4

/** The courses compared (`?cursus=…&cursus=…`, and hidden fields of the forms): two to four, each once. */
export const comparedSchema = z.object({
	cursus: z
		.array(z.uuid())
		.transform((ids) => [...new Set(ids)])
		.pipe(z.array(z.string()).min(2).max(MAX_COMPARED)),
})

/**
 * The compare page's form, on the server (parseForm) and in the browser (useForm): "not a
 * duplicate" needs only the courses; merging needs the course that stays, one of them.
 */
export const mergeSchema = comparedSchema
	.extend({ canonicalId: z.string({ error: 'MERGE_CANONICAL_REQUIRED' satisfies ErrorCode }) })
	.refine((value) => value.cursus.includes(value.canonicalId), { error: 'MERGE_CANONICAL_REQUIRED' satisfies ErrorCode, path: ['canonicalId'] })

/** "Not a duplicate": the courses only; whether one was chosen to stay does not matter. */
export const dismissSchema = comparedSchema.extend({ canonicalId: z.string().optional() })

/** The schema for the intent the form was sent with. */
export const compareFormSchema = (intent: FormDataEntryValue | null) => (intent === 'dismiss' ? dismissSchema : mergeSchema)
