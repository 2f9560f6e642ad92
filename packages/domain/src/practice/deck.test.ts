import { describe, expect, test } from 'vitest'
import { checkPracticeQuestion, deckIsActive, readDeckCsv } from './deck.ts'

describe('a deck question', () => {
	test('given a multiple-choice question with a blank option row, when checked, then the blank is left out and the correct option is the one chosen', () => {
		const checked = checkPracticeQuestion({ kind: 'choice', prompt: ' Wat is de Awb? ', options: ['Een wet', '', 'Een regeling', undefined], correct: '3', explanation: 'De Algemene wet bestuursrecht.' })
		expect(checked).toEqual({ ok: true, value: { kind: 'choice', prompt: 'Wat is de Awb?', options: ['Een wet', 'Een regeling'], correctOption: 1, explanation: 'De Algemene wet bestuursrecht.' } })
	})

	test('given no correct option, or a blank one, when checked, then it is refused beside the correct field', () => {
		expect(checkPracticeQuestion({ kind: 'choice', prompt: 'V', options: ['a', 'b'], correct: '', explanation: 'U' })).toEqual({ ok: false, errors: { correct: 'PRACTICE_CORRECT_REQUIRED' } })
		expect(checkPracticeQuestion({ kind: 'choice', prompt: 'V', options: ['a', 'b', ''], correct: '3', explanation: 'U' })).toEqual({ ok: false, errors: { correct: 'PRACTICE_CORRECT_REQUIRED' } })
	})

	test('given one option, six options or a too long one, when checked, then each is refused', () => {
		expect(checkPracticeQuestion({ kind: 'choice', prompt: 'V', options: ['a'], correct: '1', explanation: 'U' })).toMatchObject({ ok: false, errors: { options: 'PRACTICE_OPTIONS_TOO_FEW' } })
		expect(checkPracticeQuestion({ kind: 'choice', prompt: 'V', options: ['a', 'b', 'c', 'd', 'e', 'f'], correct: '1', explanation: 'U' })).toMatchObject({ ok: false, errors: { options: 'PRACTICE_OPTIONS_TOO_MANY' } })
		expect(checkPracticeQuestion({ kind: 'choice', prompt: 'V', options: ['a', 'b'.repeat(201)], correct: '1', explanation: 'U' })).toMatchObject({ ok: false, errors: { option2: 'PRACTICE_OPTION_TOO_LONG' } })
	})

	test('given a true/false question, when checked, then its options are fixed and the answer is true or false', () => {
		expect(checkPracticeQuestion({ kind: 'true_false', prompt: 'Klopt het?', options: ['x'], correct: 'false', explanation: 'Nee.' })).toEqual({
			ok: true,
			value: { kind: 'true_false', prompt: 'Klopt het?', options: ['true', 'false'], correctOption: 1, explanation: 'Nee.' },
		})
		expect(checkPracticeQuestion({ kind: 'true_false', prompt: 'Klopt het?', options: [], correct: '', explanation: 'Nee.' })).toMatchObject({ ok: false, errors: { correct: 'PRACTICE_CORRECT_REQUIRED' } })
	})

	test('given no prompt, no explanation and an unknown kind, when checked, then each field says so', () => {
		expect(checkPracticeQuestion({ kind: 'essay', prompt: ' ', options: [], correct: '1', explanation: '' })).toEqual({
			ok: false,
			errors: { prompt: 'PRACTICE_PROMPT_REQUIRED', explanation: 'PRACTICE_EXPLANATION_REQUIRED', kind: 'PRACTICE_KIND_UNKNOWN' },
		})
	})

	test('a deck is active from five questions', () => {
		expect(deckIsActive(4)).toBe(false)
		expect(deckIsActive(5)).toBe(true)
	})
})

describe('a deck file', () => {
	const header = 'soort;vraag;optie1;optie2;optie3;juist;uitleg'
	test('given good rows in Dutch, when read, then every question is returned in order', () => {
		const file = `\uFEFF${header}\r\nmeerkeuze;Hoeveel dagen?;5;10;;2;Tien werkdagen.\r\n\r\njuist/onjuist;"Een besluit; is een rechtshandeling";;;;juist;Ja, art. 1:3 Awb.\r\n`
		expect(readDeckCsv(file)).toEqual({
			ok: true,
			questions: [
				{ kind: 'choice', prompt: 'Hoeveel dagen?', options: ['5', '10'], correctOption: 1, explanation: 'Tien werkdagen.' },
				{ kind: 'true_false', prompt: 'Een besluit; is een rechtshandeling', options: ['true', 'false'], correctOption: 0, explanation: 'Ja, art. 1:3 Awb.' },
			],
		})
	})

	test('given a faulty row among good ones, when read, then every fault is reported with its line and nothing is returned', () => {
		const file = [header, 'meerkeuze;Goed;a;b;;1;U', 'meerkeuze;Zonder juist;a;b;;;U', 'open;Wat?;;;;1;U', 'meerkeuze;Te kort'].join('\n')
		const read = readDeckCsv(file)
		expect(read).toMatchObject({ ok: false, code: 'PRACTICE_CSV_ROWS' })
		if (read.ok || read.code !== 'PRACTICE_CSV_ROWS') throw new Error('expected row errors')
		expect(read.errors.map(({ line, code, field }) => ({ line, code, field }))).toEqual([
			{ line: 3, code: 'PRACTICE_CORRECT_REQUIRED', field: 'correct' },
			{ line: 4, code: 'PRACTICE_KIND_UNKNOWN', field: 'kind' },
			{ line: 5, code: 'PRACTICE_ROW_COLUMNS', field: null },
		])
	})

	test('given an empty file, a wrong header or more than twenty rows, when read, then the whole file is refused', () => {
		expect(readDeckCsv(' \n')).toEqual({ ok: false, code: 'PRACTICE_CSV_EMPTY' })
		expect(readDeckCsv(header)).toEqual({ ok: false, code: 'PRACTICE_CSV_EMPTY' })
		expect(readDeckCsv('naam,waarde\nx,1')).toEqual({ ok: false, code: 'PRACTICE_CSV_HEADER' })
		expect(readDeckCsv([header, ...Array.from({ length: 21 }, () => 'juist/onjuist;V;;;;juist;U')].join('\n'))).toEqual({ ok: false, code: 'PRACTICE_CSV_TOO_MANY' })
	})
})
