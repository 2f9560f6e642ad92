import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

/** A minimum score in whole percent, 1–100, as typed; empty: the course's attendance or completion grants it. */
const minScore = z
	.string()
	.trim()
	.optional()
	.refine((value) => !value || /^\d{1,3}$/.test(value), { error: 'COURSE_MIN_SCORE_INVALID' satisfies ErrorCode })
	.transform((value) => (value ? Number(value) : null))
	.refine((value) => value === null || (value >= 1 && value <= 100), { error: 'COURSE_MIN_SCORE_INVALID' satisfies ErrorCode })

/** A level by its number as chosen; empty: the lowest (the service checks it against the competency's levels). */
const grantsLevel = z
	.string()
	.trim()
	.optional()
	.refine((value) => !value || /^[1-5]$/.test(value), { error: 'LEVEL_INVALID' satisfies ErrorCode })
	.transform((value) => (value ? Number(value) : null))

/**
 * The competencies a course grants, as the checkboxes send them (none ticked: none granted), each
 * with an optional minimum LTI score in the field `minScores.<competency id>` beside it. A minimum
 * is checked wherever it is typed (0, 101 or "abc" is refused beside its field) and kept only for
 * a ticked competency. On a competency with levels, `grantsLevels.<competency id>` names the level
 * the course grants (empty: the lowest).
 */
export const courseCompetenciesSchema = z
	.object({
		competencyIds: z
			.array(z.uuid({ error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode }))
			.max(100, { error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode })
			.optional()
			.transform((ids) => [...new Set(ids ?? [])]),
		minScores: z.record(z.uuid({ error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode }), minScore).optional(),
		grantsLevels: z.record(z.uuid({ error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode }), grantsLevel).optional(),
	})
	.transform(({ competencyIds, minScores, grantsLevels }) => ({
		grants: competencyIds.map((competencyId) => ({ competencyId, minScorePercent: minScores?.[competencyId] ?? null, grantsLevel: grantsLevels?.[competencyId] ?? null })),
	}))
