import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'
import { courseCompetenciesSchema } from './course-competencies-schema.ts'

const SAMPLING = '01a23db7-0000-7000-8000-000000000001'
const INTEGRITY = '01a23db7-0000-7000-8000-000000000002'

function form(ticked: readonly string[], minScores: Record<string, string>): FormData {
	const data = new FormData()
	for (const id of ticked) data.append('competencyIds', id)
	for (const [id, value] of Object.entries(minScores)) data.set(`minScores.${id}`, value)
	return data
}

describe('the form of the competencies a course grants', () => {
	test('reads each ticked competency with its minimum score, or none when the field is empty', () => {
		const submission = parseForm(form([SAMPLING, INTEGRITY], { [SAMPLING]: '80', [INTEGRITY]: '' }), courseCompetenciesSchema)
		expect(submission.status === 'success' && submission.value).toEqual({
			grants: [
				{ competencyId: SAMPLING, minScorePercent: 80 },
				{ competencyId: INTEGRITY, minScorePercent: null },
			],
		})
	})

	test('a minimum beside a competency that is not ticked grants nothing', () => {
		const submission = parseForm(form([INTEGRITY], { [SAMPLING]: '100' }), courseCompetenciesSchema)
		expect(submission.status === 'success' && submission.value).toEqual({ grants: [{ competencyId: INTEGRITY, minScorePercent: null }] })
	})

	test.each(['0', '101', 'abc', '-5', '79.5'])('refuses a minimum of %s beside its field', (typed) => {
		const submission = parseForm(form([SAMPLING], { [SAMPLING]: typed }), courseCompetenciesSchema)
		if (submission.status === 'success') throw new Error('accepted bad input')
		expect(submission.error).toEqual({ [`minScores.${SAMPLING}`]: ['COURSE_MIN_SCORE_INVALID'] })
		for (const codes of Object.values(submission.error ?? {})) for (const code of codes ?? []) expect(isErrorCode(code)).toBe(true)
	})
})
