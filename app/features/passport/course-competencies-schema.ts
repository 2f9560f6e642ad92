import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** The competencies a course grants, as the checkboxes send them (none ticked: none granted). */
export const courseCompetenciesSchema = z.object({
	competencyIds: z
		.array(z.uuid({ error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode }))
		.max(100, { error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode })
		.optional()
		.transform((ids) => [...new Set(ids ?? [])]),
})
