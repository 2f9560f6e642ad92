import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import { checkInterventionPeriod, INTERVENTION_MAX_WINDOW } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of /beheer/interventies (ADR 044), on the server and in the browser: each refusal
// beside its field. Whether the chosen course and teams are the unit's is the service's to judge.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const month = z.string({ error: 'INTERVENTION_MONTH_INVALID' satisfies ErrorCode }).trim().regex(MONTH, { error: 'INTERVENTION_MONTH_INVALID' satisfies ErrorCode })
const windowMonths = z
	.number({ error: 'INTERVENTION_WINDOW_INVALID' satisfies ErrorCode })
	.int({ error: 'INTERVENTION_WINDOW_INVALID' satisfies ErrorCode })
	.min(1, { error: 'INTERVENTION_WINDOW_INVALID' satisfies ErrorCode })
	.max(INTERVENTION_MAX_WINDOW, { error: 'INTERVENTION_WINDOW_INVALID' satisfies ErrorCode })

/** An IRI as xAPI names verbs and activities: a scheme, no spaces. */
const iri = (code: ErrorCode) => z.string({ error: code }).trim().min(1, { error: code }).max(500, { error: code }).regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, { error: code })

const interventionFields = z.object({
		name: z
			.string({ error: 'INTERVENTION_NAME_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(1, { error: 'INTERVENTION_NAME_REQUIRED' satisfies ErrorCode })
			.max(200, { error: 'INTERVENTION_NAME_TOO_LONG' satisfies ErrorCode }),
		courseId: z.uuid({ error: 'INTERVENTION_COURSE_UNKNOWN' satisfies ErrorCode }).optional(),
		description: z.string().trim().max(2000, { error: 'INTERVENTION_DESCRIPTION_TOO_LONG' satisfies ErrorCode }).optional(),
		firstMonth: month,
		lastMonth: month,
		monthsBefore: windowMonths,
		monthsAfter: windowMonths,
		measureName: z
			.string({ error: 'INTERVENTION_MEASURE_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(1, { error: 'INTERVENTION_MEASURE_REQUIRED' satisfies ErrorCode })
			.max(200, { error: 'INTERVENTION_MEASURE_REQUIRED' satisfies ErrorCode }),
		better: z.enum(['lower', 'higher'], { error: 'INTERVENTION_BETTER_REQUIRED' satisfies ErrorCode }),
		// The form sends an empty `teams` before its checkboxes, so that Conform knows the field (and shows its error) when none is ticked.
		teams: z.array(z.uuid({ error: 'INTERVENTION_TEAM_UNKNOWN' satisfies ErrorCode }).optional()).optional(),
	})

/** The browser's constraints (required, lengths) from the fields alone: Conform reads no refinement. */
export const interventionConstraint = getZodConstraint(interventionFields)

/** An intervention as the form sends it; the period is judged by the domain's `checkInterventionPeriod`, beside the field it names. */
export const interventionSchema = interventionFields
	.superRefine((value, issues) => {
		if (!value.teams?.some(Boolean)) issues.addIssue({ code: 'custom', message: 'INTERVENTION_TEAMS_REQUIRED' satisfies ErrorCode, path: ['teams'] })
		const checked = checkInterventionPeriod(value)
		if (!checked.ok && checked.code !== 'INTERVENTION_MONTH_INVALID' && checked.code !== 'INTERVENTION_WINDOW_INVALID')
			issues.addIssue({ code: 'custom', message: checked.code, path: [checked.field] })
	})
	.transform(({ description, courseId, teams, ...rest }) => ({ ...rest, teams: (teams ?? []).filter((id): id is string => Boolean(id)), description: description ?? '', courseId: courseId ?? null }))

export type InterventionInput = z.output<typeof interventionSchema>

/** The largest measure file taken. */
export const MEASURE_MAX_FILE_BYTES = 1024 * 1024

/** The import form: one file, read whole by the service. */
export const measureFileSchema = z.object({
	bestand: z
		.custom<File>((value) => typeof File !== 'undefined' && value instanceof File && value.size > 0, { error: 'MEASURE_FILE_REQUIRED' satisfies ErrorCode })
		.refine((file) => file.size <= MEASURE_MAX_FILE_BYTES, { error: 'MEASURE_FILE_TOO_LARGE' satisfies ErrorCode }),
})

/** The count form: the verb and the start of the activity id. */
export const measureCountSchema = z.object({
	verbId: iri('INTERVENTION_VERB_INVALID'),
	activityPrefix: iri('INTERVENTION_PREFIX_INVALID'),
})

export type MeasureCountInput = z.output<typeof measureCountSchema>
