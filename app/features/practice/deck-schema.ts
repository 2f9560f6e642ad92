import { z } from 'zod'
import { checkPracticeQuestion, MAX_OPTIONS, type SubmittedQuestion } from '@leerplein/domain'
import type { ErrorCode } from '../../core/error-codes.ts'

/** The option fields of the question form, `option1`…`option5`. */
export const DECK_OPTION_FIELDS = Array.from({ length: MAX_OPTIONS }, (_, index) => `option${index + 1}`)

/** The largest deck file the form takes: twenty questions fit many times over. */
export const DECK_MAX_FILE_BYTES = 256 * 1024

type QuestionFields = { questionId?: string; kind?: string; prompt?: string; correct?: string; explanation?: string } & Record<string, string | undefined>

/**
 * A question as the deck form sends it. The domain's `checkPracticeQuestion` judges it, so the
 * page refuses exactly what the service would, each fault beside its field.
 */
export const deckQuestionSchema = z
	.object({
		questionId: z.uuid({ error: 'PRACTICE_QUESTION_NOT_FOUND' satisfies ErrorCode }).optional(),
		kind: z.string().optional(),
		prompt: z.string().optional(),
		...Object.fromEntries(DECK_OPTION_FIELDS.map((name) => [name, z.string().optional()])),
		correct: z.string().optional(),
		explanation: z.string().optional(),
	})
	.transform((value) => {
		const fields = value as QuestionFields
		const submitted: SubmittedQuestion = { kind: fields.kind, prompt: fields.prompt, options: DECK_OPTION_FIELDS.map((name) => fields[name]), correct: fields.correct, explanation: fields.explanation }
		return { questionId: fields.questionId, submitted }
	})
	.superRefine(({ submitted }, issues) => {
		const checked = checkPracticeQuestion(submitted)
		if (checked.ok) return
		for (const [field, code] of Object.entries(checked.errors)) issues.addIssue({ code: 'custom', message: code, path: [questionField(field)] })
	})

/** The form field a domain fault is shown beside: the number of answers beside the first answer. */
export function questionField(field: string): string {
	return field === 'options' ? 'option1' : field
}

/** Removing a question: which one. */
export const removeQuestionSchema = z.object({ questionId: z.uuid({ error: 'PRACTICE_QUESTION_NOT_FOUND' satisfies ErrorCode }) })

/** The deck file to import. */
export const deckFileSchema = z.object({
	bestand: z
		.custom<File>((value) => typeof File !== 'undefined' && value instanceof File && value.size > 0, { error: 'PRACTICE_FILE_REQUIRED' satisfies ErrorCode })
		.refine((file) => file.size <= DECK_MAX_FILE_BYTES, { error: 'PRACTICE_FILE_TOO_LARGE' satisfies ErrorCode }),
})
