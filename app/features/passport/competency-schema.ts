import { getZodConstraint } from '@conform-to/zod/v4'
import { MAX_COMPETENCY_LEVELS, RENEWAL_BASES } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

const months = z
	.number({ error: 'COMPETENCY_VALIDITY_INVALID' satisfies ErrorCode })
	.int({ error: 'COMPETENCY_VALIDITY_INVALID' satisfies ErrorCode })
	.min(1, { error: 'COMPETENCY_VALIDITY_INVALID' satisfies ErrorCode })
	.max(600, { error: 'COMPETENCY_VALIDITY_INVALID' satisfies ErrorCode })

const competencyFields = z.object({
	id: z.uuid({ error: 'COMPETENCY_NOT_FOUND' satisfies ErrorCode }).optional(),
	name: z
		.string({ error: 'COMPETENCY_NAME_REQUIRED' satisfies ErrorCode })
		.trim()
		.min(1, { error: 'COMPETENCY_NAME_REQUIRED' satisfies ErrorCode })
		.max(120, { error: 'COMPETENCY_NAME_TOO_LONG' satisfies ErrorCode }),
	description: z.string().trim().max(2000, { error: 'COMPETENCY_DESCRIPTION_TOO_LONG' satisfies ErrorCode }).optional(),
	/** A checkbox: never expires. Then the months are ignored. */
	permanent: z.boolean().optional(),
	validityMonths: months.optional(),
	warningDays: z
		.number({ error: 'COMPETENCY_WARNING_INVALID' satisfies ErrorCode })
		.int({ error: 'COMPETENCY_WARNING_INVALID' satisfies ErrorCode })
		.min(0, { error: 'COMPETENCY_WARNING_INVALID' satisfies ErrorCode })
		.max(730, { error: 'COMPETENCY_WARNING_INVALID' satisfies ErrorCode }),
	renewalBasis: z.enum(RENEWAL_BASES, { error: 'COMPETENCY_RENEWAL_BASIS_INVALID' satisfies ErrorCode }),
	/** One level per line, lowest first; empty lines are ignored. */
	levels: z.string().max(2000, { error: 'COMPETENCY_LEVEL_NAME_TOO_LONG' satisfies ErrorCode }).optional(),
})

/** The level names typed one per line, lowest first, blank lines dropped. */
export function levelNames(text: string | undefined): string[] {
	return (text ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line.length > 0)
}

/**
 * The competency form, on the server (parseForm) and in the browser (useForm): a validity in
 * months (1–600) unless permanent, so −1, 0 or "abc" is refused beside the months field.
 */
export const competencySchema = competencyFields.transform(({ id, name, description, permanent, validityMonths, warningDays, renewalBasis, levels: levelText }, ctx) => {
	const levels = levelNames(levelText)
	const levelProblem: ErrorCode | null =
		levels.length > MAX_COMPETENCY_LEVELS
			? 'COMPETENCY_LEVELS_TOO_MANY'
			: levels.some((level) => level.length > 60)
				? 'COMPETENCY_LEVEL_NAME_TOO_LONG'
				: new Set(levels.map((level) => level.toLocaleLowerCase('nl'))).size < levels.length
					? 'COMPETENCY_LEVEL_NAME_TWICE'
					: null
	if (levelProblem) ctx.addIssue({ code: 'custom', message: levelProblem, path: ['levels'] })
	if (!permanent && validityMonths === undefined) ctx.addIssue({ code: 'custom', message: 'COMPETENCY_VALIDITY_REQUIRED' satisfies ErrorCode, path: ['validityMonths'] })
	if (levelProblem || (!permanent && validityMonths === undefined)) return z.NEVER
	return {
		id: id ?? null,
		values: { name, description: description ?? '', validityMonths: permanent ? null : validityMonths!, warningDays, renewalBasis, levels, active: true },
	}
})

/** The fields' constraints for the browser: Conform cannot read them through the transform. */
export const competencyConstraint = getZodConstraint(competencyFields)
