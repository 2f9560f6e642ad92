import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

const trainerFields = z.object({
	id: z.uuid({ error: 'TRAINER_NOT_FOUND' satisfies ErrorCode }).optional(),
	kind: z.enum(['internal', 'external'], { error: 'TRAINER_KIND_REQUIRED' satisfies ErrorCode }),
	email: z.email({ error: 'TRAINER_EMAIL_INVALID' satisfies ErrorCode }).max(254, { error: 'TRAINER_EMAIL_INVALID' satisfies ErrorCode }),
	name: z.preprocess(optionalText, z.string().trim().min(2, { error: 'TRAINER_NAME_REQUIRED' satisfies ErrorCode }).max(120, { error: 'TRAINER_NAME_REQUIRED' satisfies ErrorCode }).optional()),
	organisation: z.preprocess(optionalText, z.string().trim().min(2, { error: 'TRAINER_ORGANISATION_REQUIRED' satisfies ErrorCode }).max(120, { error: 'TRAINER_ORGANISATION_REQUIRED' satisfies ErrorCode }).optional()),
})

/**
 * The trainer form, on the server and in the browser. An internal trainer is an employee of the
 * unit, found by e-mail address (name and address come from their record); an external one needs a
 * name and an organisation. `id` names the trainer being changed; none adds one.
 */
export const trainerSchema = trainerFields.superRefine((trainer, ctx) => {
	if (trainer.kind !== 'external') return
	if (!trainer.name) ctx.addIssue({ code: 'custom', message: 'TRAINER_NAME_REQUIRED' satisfies ErrorCode, path: ['name'] })
	if (!trainer.organisation) ctx.addIssue({ code: 'custom', message: 'TRAINER_ORGANISATION_REQUIRED' satisfies ErrorCode, path: ['organisation'] })
})

export type TrainerInput = z.infer<typeof trainerSchema>

/** The fields' constraints for the browser: Conform cannot read them through the refinement. */
export const trainerConstraint = getZodConstraint(trainerFields)

/** Deactivating or activating a trainer: which one. */
export const trainerStateSchema = z.object({ id: z.uuid({ error: 'TRAINER_NOT_FOUND' satisfies ErrorCode }) })
