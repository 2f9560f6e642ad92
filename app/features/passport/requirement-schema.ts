import { getZodConstraint } from '@conform-to/zod/v4'
import { MAX_COMPETENCY_LEVELS } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The requirement forms (ADR 031, requirement screens), on the server (parseForm) and in the
// browser (useForm): a grace period of −1 or 731 days, a day that is no date, a competency that
// is not chosen are refused beside their field.

const competencyId = z.uuid({ error: 'REQUIREMENT_COMPETENCY_REQUIRED' satisfies ErrorCode })
// A day the calendar has, in a range the database's date and a person's plans both fit (year 0 would fail in PostgreSQL).
const introducedOn = z
	.string({ error: 'REQUIREMENT_INTRODUCED_ON_INVALID' satisfies ErrorCode })
	.regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/, { error: 'REQUIREMENT_INTRODUCED_ON_INVALID' satisfies ErrorCode, abort: true })
	.refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), { error: 'REQUIREMENT_INTRODUCED_ON_INVALID' satisfies ErrorCode })
const graceDays = z
	.number({ error: 'REQUIREMENT_GRACE_INVALID' satisfies ErrorCode })
	.int({ error: 'REQUIREMENT_GRACE_INVALID' satisfies ErrorCode })
	.min(0, { error: 'REQUIREMENT_GRACE_INVALID' satisfies ErrorCode })
	.max(730, { error: 'REQUIREMENT_GRACE_INVALID' satisfies ErrorCode })
/** The lowest level that meets it (1–5; the service checks it against the competency's levels); empty: any evidence. */
export const optionalLevel = z
	.number({ error: 'LEVEL_INVALID' satisfies ErrorCode })
	.int({ error: 'LEVEL_INVALID' satisfies ErrorCode })
	.min(1, { error: 'LEVEL_INVALID' satisfies ErrorCode })
	.max(MAX_COMPETENCY_LEVELS, { error: 'LEVEL_INVALID' satisfies ErrorCode })
	.optional()
	.transform((level) => level ?? null)

/** A unit's own requirement: for everyone in the unit (no job profile chosen) or one of its job profiles. */
export const unitRequirementSchema = z.object({
	competencyId,
	jobProfileId: z
		.uuid({ error: 'JOB_PROFILE_NOT_FOUND' satisfies ErrorCode })
		.optional()
		.transform((id) => id ?? null),
	introducedOn,
	graceDays,
	minLevel: optionalLevel,
})
export const unitRequirementConstraint = getZodConstraint(unitRequirementSchema)

/** The concern's requirement: for everyone, or for the job profiles of one name in every unit. */
export const concernRequirementSchema = z.object({
	competencyId,
	jobProfileName: z
		.string()
		.trim()
		.max(120, { error: 'REQUIREMENT_JOB_PROFILE_NAME_TOO_LONG' satisfies ErrorCode })
		.optional()
		.transform((name) => name || null),
	introducedOn,
	graceDays,
	minLevel: optionalLevel,
})
export const concernRequirementConstraint = getZodConstraint(concernRequirementSchema)

/** A requirement on one person of the unit, with the reason they need it. */
export const personRequirementSchema = z.object({
	userId: z.uuid({ error: 'REQUIREMENT_PERSON_REQUIRED' satisfies ErrorCode }),
	competencyId,
	introducedOn,
	graceDays,
	minLevel: optionalLevel,
	reason: z
		.string()
		.trim()
		.max(500, { error: 'REQUIREMENT_REASON_TOO_LONG' satisfies ErrorCode })
		.optional()
		.transform((reason) => reason || null),
})
export const personRequirementConstraint = getZodConstraint(personRequirementSchema)

/** Which requirement to deactivate (after the confirmation). */
export const deactivateRequirementSchema = z.object({ id: z.uuid({ error: 'REQUIREMENT_NOT_FOUND' satisfies ErrorCode }) })
