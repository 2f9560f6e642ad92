import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { courseCompetenciesSchema } from './course-competencies-schema.ts'

const SAMPLING = '01a23db7-0000-7000-8000-000000000001'
const INTEGRITY = '01a23db7-0000-7000-8000-000000000002'

function form(ticked: readonly string[], minScores: Record<string, string>, grantsLevels: Record<string, string> = {}): FormData {
	const data = new FormData()
	for (const id of ticked) data.append('competencyIds', id)
	for (const [id, value] of Object.entries(minScores)) data.set(`minScores.${id}`, value)
	for (const [id, value] of Object.entries(grantsLevels)) data.set(`grantsLevels.${id}`, value)
	return data
}

describe('the form of the competencies a course grants', () => {
	test('reads each ticked competency with its minimum score, or none when the field is empty', () => {
		const submission = parseForm(form([SAMPLING, INTEGRITY], { [SAMPLING]: '80', [INTEGRITY]: '' }), courseCompetenciesSchema)
		expect(submission.status === 'success' && submission.value).toEqual({
			grants: [
				{ competencyId: SAMPLING, minScorePercent: 80, grantsLevel: null },
				{ competencyId: INTEGRITY, minScorePercent: null, grantsLevel: null },
			],
		})
	})

	test('a minimum beside a competency that is not ticked grants nothing', () => {
		const submission = parseForm(form([INTEGRITY], { [SAMPLING]: '100' }), courseCompetenciesSchema)
		expect(submission.status === 'success' && submission.value).toEqual({ grants: [{ competencyId: INTEGRITY, minScorePercent: null, grantsLevel: null }] })
	})

	test.each(['0', '101', 'abc', '-5', '79.5'])('refuses a minimum of %s beside its field', (typed) => {
		const submission = parseForm(form([SAMPLING], { [SAMPLING]: typed }), courseCompetenciesSchema)
		if (submission.status === 'success') throw new Error('accepted bad input')
		expect(submission.error).toEqual({ [`minScores.${SAMPLING}`]: ['COURSE_MIN_SCORE_INVALID'] })
		for (const codes of Object.values(submission.error ?? {})) for (const code of codes ?? []) expect(isErrorCode(code)).toBe(true)
	})

	test('reads the level a ticked competency grants; a level that is no number 1–5 is refused beside its choice', () => {
		const submission = parseForm(form([SAMPLING], {}, { [SAMPLING]: '2' }), courseCompetenciesSchema)
		expect(submission.status === 'success' && submission.value.grants).toEqual([{ competencyId: SAMPLING, minScorePercent: null, grantsLevel: 2 }])
		for (const typed of ['0', '6', 'expert']) {
			const refused = parseForm(form([SAMPLING], {}, { [SAMPLING]: typed }), courseCompetenciesSchema)
			expect(refused.status === 'error' && refused.error).toEqual({ [`grantsLevels.${SAMPLING}`]: ['LEVEL_INVALID'] })
		}
	})
})
