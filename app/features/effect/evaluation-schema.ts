import { z } from 'zod'
import { checkEvaluationAnswers, checkFollowUpWeeks, type AnswerError, type EvaluationForm, type FollowUpWeeksError } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'

export const EVALUATION_ERRORS: Record<AnswerError, ErrorCode> = {
	out_of_range: 'EVALUATION_OUT_OF_RANGE',
	too_long: 'EVALUATION_TOO_LONG',
	nothing_answered: 'EVALUATION_NOTHING_ANSWERED',
}

/**
 * An evaluation as the form sends it: one field per question, named by its item id, each
 * optional. The domain's `checkEvaluationAnswers` judges it, so the page refuses exactly what the
 * service would, beside the question it concerns (nothing answered: above the form).
 */
export function evaluationAnswerSchema(form: EvaluationForm) {
	return z
		.object(Object.fromEntries(form.items.map((item) => [item.id, z.string().optional()])))
		.superRefine((submitted, issues) => {
			const checked = checkEvaluationAnswers(form, submitted as Record<string, string | undefined>)
			if (checked.ok) return
			for (const [field, error] of Object.entries(checked.errors)) {
				issues.addIssue({ code: 'custom', message: EVALUATION_ERRORS[error], path: field === 'form' ? [] : [field] })
			}
		})
		.transform((submitted) => submitted as Record<string, string | undefined>)
}

export const FOLLOW_UP_WEEKS_ERRORS: Record<FollowUpWeeksError, ErrorCode> = {
	not_a_number: 'FOLLOW_UP_WEEKS_NOT_A_NUMBER',
	too_few: 'FOLLOW_UP_WEEKS_TOO_FEW',
	too_many: 'FOLLOW_UP_WEEKS_TOO_MANY',
}

/**
 * The course page's follow-up settings (ADR 045): the weeks, judged by the domain's
 * `checkFollowUpWeeks` with the error beside the field, and the manager's questionnaire (a checkbox).
 */
export const followUpWeeksSchema = z
	.object({ weeks: z.string({ error: 'FOLLOW_UP_WEEKS_NOT_A_NUMBER' satisfies ErrorCode }), manager: z.string().optional() })
	.superRefine(({ weeks }, issues) => {
		const checked = checkFollowUpWeeks(weeks)
		if (!checked.ok) issues.addIssue({ code: 'custom', message: FOLLOW_UP_WEEKS_ERRORS[checked.error], path: ['weeks'] })
	})
	.transform(({ weeks, manager }) => ({ weeks: Number(weeks.trim()), managerQuestionnaire: manager === 'on' }))
