import { fingerprintCourse, LIKELY_DUPLICATE_SCORE, scoreDuplicate } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { renderCourseText } from './course-text.ts'
import { planCourses } from './plan-courses.ts'

/**
 * The scorer measured against the seeded ground truth (issue 4: recall and precision of at
 * least 90%). Every pair of courses that share a theme is scored, which is a harder test than
 * the scan's: the scan only scores the pairs the title index proposes.
 */
describe('duplicate scoring on the default seed', () => {
	test('finds at least 90% of the seeded near-duplicate pairs, with at least 90% of its pairs right', () => {
		const { courses, clusters } = planCourses('default')
		const fingerprints = courses.map((course) =>
			fingerprintCourse({ ...renderCourseText(course), themeId: course.topic.theme, form: course.form, durationMinutes: course.durationMinutes }),
		)
		const truePairs = new Set(clusters.flatMap((members) => members.flatMap((a) => members.filter((b) => a < b).map((b) => `${a}-${b}`))))
		const byTheme = new Map<string, typeof courses>()
		for (const course of courses) byTheme.set(course.topic.theme, [...(byTheme.get(course.topic.theme) ?? []), course])

		let found = 0
		let wrong = 0
		for (const members of byTheme.values()) {
			for (const [k, a] of members.entries()) {
				for (const b of members.slice(k + 1)) {
					if (scoreDuplicate(fingerprints[a.index]!, fingerprints[b.index]!).score < LIKELY_DUPLICATE_SCORE) continue
					if (truePairs.has(`${Math.min(a.index, b.index)}-${Math.max(a.index, b.index)}`)) found++
					else wrong++
				}
			}
		}
		const recall = found / truePairs.size
		const precision = found / (found + wrong)
		expect(truePairs.size).toBeGreaterThan(100)
		expect(recall).toBeGreaterThanOrEqual(0.9)
		expect(precision).toBeGreaterThanOrEqual(0.9)
	}, 60_000)
})
