import { getZodConstraint } from '@conform-to/zod/v4'
import { parseSynonymInput, type SynonymInputError } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** The errors that belong beside the term; every other one belongs beside the expansions. */
const TERM_ERRORS: readonly SynonymInputError[] = ['SYNONYM_TERM_REQUIRED', 'SYNONYM_TERM_TOO_LONG']

const synonymFields = z.object({
	id: z.uuid({ error: 'SYNONYM_NOT_FOUND' satisfies ErrorCode }).optional(),
	term: z.string({ error: 'SYNONYM_TERM_REQUIRED' satisfies ErrorCode }),
	expansions: z.string({ error: 'SYNONYM_EXPANSIONS_REQUIRED' satisfies ErrorCode }),
})

/**
 * The synonym form, on the server (parseForm) and in the browser (useForm): a term and its
 * expansions, checked and normalised by the domain's rule (parseSynonymInput), each error beside
 * its field. `id` names the synonym being changed; none adds one.
 */
export const synonymSchema = synonymFields.transform(({ id, term, expansions }, ctx) => {
	const parsed = parseSynonymInput(term, expansions)
	if (!parsed.ok) {
		ctx.addIssue({ code: 'custom', message: parsed.code satisfies ErrorCode, path: [TERM_ERRORS.includes(parsed.code) ? 'term' : 'expansions'] })
		return z.NEVER
	}
	return { id: id ?? null, synonym: parsed.value }
})

/** The fields' constraints (required…) for the browser: Conform cannot read them through the transform. */
export const synonymConstraint = getZodConstraint(synonymFields)

/** Deleting a synonym (after confirmation): which one. */
export const deleteSynonymSchema = z.object({ id: z.uuid({ error: 'SYNONYM_NOT_FOUND' satisfies ErrorCode }) })
