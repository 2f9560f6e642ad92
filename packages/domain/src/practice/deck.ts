import { splitCsvLine } from '../effect/intervention.ts'

/**
 * Question decks per course (issue 21, item 1; ADR 047): the providing unit's coordinator writes
 * five to twenty questions, each multiple choice (two to five options, exactly one correct) or
 * true/false, with an explanation shown after answering. A deck with fewer than five questions is
 * not active: nobody gets its cards. Pure: the caller stores the questions.
 */

/** Below this many questions a deck is not active (nobody gets cards of it). */
export const MIN_DECK_QUESTIONS = 5
/** A deck holds at most this many questions. */
export const MAX_DECK_QUESTIONS = 20
export const MIN_OPTIONS = 2
export const MAX_OPTIONS = 5
export const MAX_PROMPT = 500
export const MAX_OPTION = 200
export const MAX_EXPLANATION = 1_000
/** A CSV file holds at most this many rows (a whole deck; more is refused before reading rows). */
export const MAX_DECK_CSV_ROWS = MAX_DECK_QUESTIONS

export type QuestionKind = 'choice' | 'true_false'

/** A question as stored: options in order, the correct one by its index (0-based). True/false stores ['true', 'false']. */
export type PracticeQuestionInput = { kind: QuestionKind; prompt: string; options: string[]; correctOption: number; explanation: string }

/** The two options of a true/false question, as stored; the page names them in the reader's language. */
export const TRUE_FALSE_OPTIONS = ['true', 'false'] as const

export type QuestionError =
	| 'PRACTICE_KIND_UNKNOWN'
	| 'PRACTICE_PROMPT_REQUIRED'
	| 'PRACTICE_PROMPT_TOO_LONG'
	| 'PRACTICE_OPTIONS_TOO_FEW'
	| 'PRACTICE_OPTIONS_TOO_MANY'
	| 'PRACTICE_OPTION_TOO_LONG'
	| 'PRACTICE_CORRECT_REQUIRED'
	| 'PRACTICE_EXPLANATION_REQUIRED'
	| 'PRACTICE_EXPLANATION_TOO_LONG'

/** A question as a form sends it: the kind, the prompt, up to five option fields (blank ones left out), the correct option's number (1-based) and the explanation. */
export type SubmittedQuestion = { kind?: string | undefined; prompt?: string | undefined; options: readonly (string | undefined)[]; correct?: string | undefined; explanation?: string | undefined }

/**
 * Judges one question. Errors are per field: `kind`, `prompt`, `option{n}` (1-based), `options`
 * (their number), `correct` (none chosen, or a blank option chosen), `explanation`. A true/false
 * question ignores the option fields; its `correct` is `true` or `false`.
 */
export function checkPracticeQuestion(submitted: SubmittedQuestion): { ok: true; value: PracticeQuestionInput } | { ok: false; errors: Record<string, QuestionError> } {
	const errors: Record<string, QuestionError> = {}
	const prompt = submitted.prompt?.trim() ?? ''
	const explanation = submitted.explanation?.trim() ?? ''
	if (prompt === '') errors.prompt = 'PRACTICE_PROMPT_REQUIRED'
	else if (prompt.length > MAX_PROMPT) errors.prompt = 'PRACTICE_PROMPT_TOO_LONG'
	if (explanation === '') errors.explanation = 'PRACTICE_EXPLANATION_REQUIRED'
	else if (explanation.length > MAX_EXPLANATION) errors.explanation = 'PRACTICE_EXPLANATION_TOO_LONG'
	const correct = submitted.correct?.trim().toLowerCase() ?? ''
	let options: string[] = []
	let correctOption = -1
	if (submitted.kind === 'true_false') {
		options = [...TRUE_FALSE_OPTIONS]
		correctOption = correct === 'true' ? 0 : correct === 'false' ? 1 : -1
		if (correctOption < 0) errors.correct = 'PRACTICE_CORRECT_REQUIRED'
	} else if (submitted.kind === 'choice') {
		if (submitted.options.length > MAX_OPTIONS) errors.options = 'PRACTICE_OPTIONS_TOO_MANY'
		// Blank rows are left out; the chosen number refers to the row as the coordinator saw it.
		const kept: { text: string; row: number }[] = []
		submitted.options.forEach((raw, index) => {
			const text = raw?.trim() ?? ''
			if (text === '') return
			if (text.length > MAX_OPTION) errors[`option${index + 1}`] = 'PRACTICE_OPTION_TOO_LONG'
			kept.push({ text, row: index + 1 })
		})
		if (kept.length < MIN_OPTIONS) errors.options = 'PRACTICE_OPTIONS_TOO_FEW'
		options = kept.map((option) => option.text)
		const chosen = /^\d+$/.test(correct) ? Number(correct) : NaN
		correctOption = kept.findIndex((option) => option.row === chosen)
		if (correctOption < 0) errors.correct = 'PRACTICE_CORRECT_REQUIRED'
	} else errors.kind = 'PRACTICE_KIND_UNKNOWN'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, value: { kind: submitted.kind as QuestionKind, prompt, options, correctOption, explanation } }
}

/** Whether a deck of this many questions is active: learners get its cards only from five. */
export function deckIsActive(questions: number): boolean {
	return questions >= MIN_DECK_QUESTIONS
}

export type DeckCsvRowError = { line: number; code: QuestionError | 'PRACTICE_ROW_COLUMNS'; field: string | null; text: string }
export type DeckCsvResult =
	| { ok: true; questions: PracticeQuestionInput[] }
	| { ok: false; code: 'PRACTICE_CSV_EMPTY' | 'PRACTICE_CSV_HEADER' | 'PRACTICE_CSV_TOO_MANY' }
	| { ok: false; code: 'PRACTICE_CSV_ROWS'; errors: DeckCsvRowError[] }

/** The columns a deck file names in its header (Dutch or English, any order); `optie1`…`optie5` may be fewer. */
const CSV_HEADERS = {
	kind: ['soort', 'kind', 'type'],
	prompt: ['vraag', 'question', 'prompt'],
	correct: ['juist', 'correct', 'antwoord', 'answer'],
	explanation: ['uitleg', 'explanation'],
} as const
const KIND_WORDS: Record<string, QuestionKind> = { meerkeuze: 'choice', choice: 'choice', 'multiple choice': 'choice', 'juist/onjuist': 'true_false', 'waar/onwaar': 'true_false', 'true/false': 'true_false', true_false: 'true_false' }
const TRUTH_WORDS: Record<string, 'true' | 'false'> = { juist: 'true', waar: 'true', true: 'true', ja: 'true', onjuist: 'false', onwaar: 'false', false: 'false', nee: 'false' }

/**
 * A deck file read whole, one row per question: a header naming `soort` (meerkeuze or
 * juist/onjuist), `vraag`, `optie1`…`optie5`, `juist` (the number of the correct option, or
 * juist/onjuist) and `uitleg`; comma or semicolon separated. Every faulty row is reported with
 * its line, field and reason, and then nothing is returned: a file is taken whole or not at all.
 * A file of more than `MAX_DECK_CSV_ROWS` questions is refused as a whole.
 */
export function readDeckCsv(text: string): DeckCsvResult {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
	const headerIndex = lines.findIndex((line) => line.trim() !== '')
	if (headerIndex < 0) return { ok: false, code: 'PRACTICE_CSV_EMPTY' }
	const header = lines[headerIndex]!
	const separator = header.includes(';') ? ';' : ','
	const names = splitCsvLine(header, separator).map((name) => name.toLowerCase().replace(/\s+/g, ''))
	const column = (key: keyof typeof CSV_HEADERS) => names.findIndex((name) => (CSV_HEADERS[key] as readonly string[]).includes(name))
	const at = { kind: column('kind'), prompt: column('prompt'), correct: column('correct'), explanation: column('explanation') }
	const optionColumns = [1, 2, 3, 4, 5].map((n) => names.findIndex((name) => name === `optie${n}` || name === `option${n}`))
	if (at.kind < 0 || at.prompt < 0 || at.correct < 0 || at.explanation < 0 || optionColumns[0]! < 0 || optionColumns[1]! < 0) return { ok: false, code: 'PRACTICE_CSV_HEADER' }
	const rows = lines
		.slice(headerIndex + 1)
		.map((line, k) => ({ line: headerIndex + 2 + k, text: line }))
		.filter((row) => row.text.trim() !== '')
	if (rows.length === 0) return { ok: false, code: 'PRACTICE_CSV_EMPTY' }
	if (rows.length > MAX_DECK_CSV_ROWS) return { ok: false, code: 'PRACTICE_CSV_TOO_MANY' }
	const errors: DeckCsvRowError[] = []
	const questions: PracticeQuestionInput[] = []
	for (const row of rows) {
		const fields = splitCsvLine(row.text, separator)
		if (fields.length !== names.length) {
			errors.push({ line: row.line, code: 'PRACTICE_ROW_COLUMNS', field: null, text: row.text.trim() })
			continue
		}
		const kindWord = fields[at.kind]!.toLowerCase()
		const kind = KIND_WORDS[kindWord] ?? kindWord
		const correctWord = fields[at.correct]!.toLowerCase()
		const checked = checkPracticeQuestion({
			kind,
			prompt: fields[at.prompt],
			options: optionColumns.filter((index) => index >= 0).map((index) => fields[index]),
			correct: kind === 'true_false' ? (TRUTH_WORDS[correctWord] ?? correctWord) : correctWord,
			explanation: fields[at.explanation],
		})
		if (checked.ok) questions.push(checked.value)
		else for (const [field, code] of Object.entries(checked.errors)) errors.push({ line: row.line, code, field, text: row.text.trim() })
	}
	return errors.length > 0 ? { ok: false, code: 'PRACTICE_CSV_ROWS', errors } : { ok: true, questions }
}
