import { describe, expect, test } from 'vitest'
import {
	clusterDuplicates,
	createDuplicateScan,
	rankDuplicates,
	type DuplicateCandidate,
	LIKELY_DUPLICATE_SCORE,
	normaliseTitle,
	normaliseWords,
	scoreDuplicate,
} from './duplicates.ts'

const integrity: DuplicateCandidate = {
	title: 'Integriteit in de praktijk',
	summary: 'Praktische training over integriteit, met oefeningen uit uw eigen werk.',
	description:
		'In deze praktijkgerichte training gaat u aan de slag met integriteit. We behandelen onder meer belangenverstrengeling, ' +
		'nevenwerkzaamheden en het melden van misstanden.\n\nU krijgt praktische handvatten voor nevenwerkzaamheden. ' +
		'We staan stil bij de valkuilen rond het melden van misstanden. U oefent met situaties die deelnemers zelf inbrengen.\n\n' +
		'De training duurt een dag en vindt plaats op locatie.',
	themeId: 'integriteit',
	form: 'classroom',
	durationMinutes: 420,
}

describe('normalising text', () => {
	test.each([
		['Coördinator', ['coordinator']],
		['Integriteit in de praktijk (basis)', ['integriteit', 'praktijk', 'basis']],
		["Nota's voor de bewindspersoon", ['nota', 'bewindspersoon']],
		['Kunt u dit? Ja, je kunt het!', ['ja']],
	])('%s becomes %j', (text, words) => {
		expect(normaliseWords(text)).toEqual(words)
	})

	test('a title is normalised to its meaningful words, for the trigram index', () => {
		expect(normaliseTitle('Projectmanagement voor Leidinggevenden')).toBe('projectmanagement leidinggevenden')
	})
})

describe('scoreDuplicate', () => {
	test('the same offering written up by another unit, in "je" instead of "u" and other words, is a likely duplicate', () => {
		const variant: DuplicateCandidate = {
			...integrity,
			title: 'Integriteit in de praktijk (basis)',
			summary: 'Praktische cursus over integriteit, met opdrachten uit je eigen werk.',
			description: integrity.description
				.replaceAll('training', 'cursus')
				.replaceAll(' uw ', ' je ')
				.replaceAll(' u ', ' je ')
				.replace('U krijgt', 'Je krijgt')
				.replace('U oefent', 'Je oefent'),
			durationMinutes: 450,
		}
		const result = scoreDuplicate(integrity, variant)
		expect(result.score).toBeGreaterThanOrEqual(LIKELY_DUPLICATE_SCORE)
		expect(result.reasons).toEqual(expect.arrayContaining(['TITLE_NEARLY_EQUAL', 'DESCRIPTION_SIMILAR', 'SAME_THEME', 'SAME_FORM', 'SIMILAR_DURATION']))
	})

	test('a course compared with itself scores 1', () => {
		expect(scoreDuplicate(integrity, integrity).score).toBe(1)
	})

	test('the same topic for another audience, with its own text, is not a likely duplicate', () => {
		const managers: DuplicateCandidate = {
			...integrity,
			title: 'Integriteit voor leidinggevenden',
			summary: 'Voor leidinggevenden die integriteit in hun team bespreekbaar willen maken.',
			description:
				'Als leidinggevende heeft u een voorbeeldrol bij integriteit. Aan bod komen nevenwerkzaamheden, belangenverstrengeling ' +
				'en het melden van misstanden.\n\nU leert hoe u het gesprek hierover in uw team voert en wanneer u moet ingrijpen.',
		}
		const plain = { ...integrity, title: 'Integriteit voor nieuwe medewerkers' }
		const result = scoreDuplicate(plain, managers)
		expect(result.score).toBeLessThan(LIKELY_DUPLICATE_SCORE)
		expect(result.reasons).toContain('OTHER_AUDIENCE')
	})

	test('another subject in the same template is not a likely duplicate', () => {
		const other: DuplicateCandidate = {
			...integrity,
			title: 'Omgevingswet in de praktijk',
			summary: 'Praktische training over de Omgevingswet, met oefeningen uit uw eigen werk.',
			description: integrity.description
				.replaceAll('integriteit', 'de Omgevingswet')
				.replace('belangenverstrengeling', 'het omgevingsplan')
				.replace(/nevenwerkzaamheden/g, 'participatie')
				.replace(/het melden van misstanden/g, 'vergunningverlening'),
		}
		expect(scoreDuplicate(integrity, other).score).toBeLessThan(LIKELY_DUPLICATE_SCORE)
	})

	test('the same course tailored to a field of work, with its own cases, is not a likely duplicate of the general one', () => {
		const tailored: DuplicateCandidate = {
			...integrity,
			title: 'Integriteit in de praktijk bij inspecties',
			description:
				'Bij inspecties staat integriteit onder druk. We behandelen onder meer giften, druk van ondertoezichtstaanden en ' +
				'nevenwerkzaamheden.\n\nU krijgt praktische handvatten voor situaties tijdens een inspectiebezoek. ' +
				'We staan stil bij de valkuilen rond het melden van misstanden. U oefent met situaties die deelnemers zelf inbrengen.\n\n' +
				'De training duurt een dag en vindt plaats op locatie.',
		}
		const result = scoreDuplicate(integrity, tailored)
		expect(result.score).toBeLessThan(LIKELY_DUPLICATE_SCORE)
		expect(result.reasons).toContain('OTHER_SUBJECT')
	})

	test('words that say how a course is given or that it is for anyone never make it another subject', () => {
		for (const title of ['Integriteit in de praktijk met experts uit het veld', 'Integriteit in de praktijk voor professionals', 'Integriteit in de praktijk in 90 minuten: de hoofdzaken']) {
			const result = scoreDuplicate(integrity, { ...integrity, title })
			expect(result.reasons, title).not.toContain('OTHER_SUBJECT')
			expect(result.score, title).toBeGreaterThanOrEqual(LIKELY_DUPLICATE_SCORE)
		}
	})

	test.each([
		['another theme', { themeId: 'financien' }],
		['an unrelated form', { form: 'webinar' as const }],
		['a very different length', { durationMinutes: 60 }],
	])('%s lowers the score of otherwise equal courses', (_, change) => {
		expect(scoreDuplicate(integrity, { ...integrity, ...change }).score).toBeLessThan(1)
	})

	test('a classroom course and its blended twin still count as one offering', () => {
		expect(scoreDuplicate(integrity, { ...integrity, form: 'blended' }).score).toBeGreaterThan(
			scoreDuplicate(integrity, { ...integrity, form: 'elearning' }).score,
		)
	})
})

describe('clusterDuplicates', () => {
	test('joins pairs that share a course into one cluster, strongest first', () => {
		const clusters = clusterDuplicates([
			{ a: 'x', b: 'y', score: 0.7 },
			{ a: 'y', b: 'z', score: 0.9 },
			{ a: 'p', b: 'q', score: 0.8 },
			{ a: 'q', b: 'x', score: 0.2 },
		])
		expect(clusters).toEqual([
			{ courseIds: ['y', 'z', 'x'], topScore: 0.9 },
			{ courseIds: ['p', 'q'], topScore: 0.8 },
		])
	})

	test('no likely pairs means no clusters', () => {
		expect(clusterDuplicates([{ a: 'x', b: 'y', score: 0.1 }])).toEqual([])
	})
})

describe('rankDuplicates', () => {
	test('with only a title written so far, ranks existing courses by their title', () => {
		const draft = { ...integrity, summary: '', description: '', title: 'Integriteit in de praktijk (basis)' }
		const ranked = rankDuplicates(draft, [
			{ ...integrity, title: 'Omgevingswet voor juristen' },
			{ ...integrity, title: 'Integriteit in de praktijk' },
		])
		expect(ranked.map((scored) => scored.course.title)).toEqual(['Integriteit in de praktijk'])
	})
})

describe('createDuplicateScan', () => {
	test('finds the same offering of two units in steps, and skips pairs judged not a duplicate', () => {
		const catalogue = [
			{ ...integrity, id: 'a' },
			{ ...integrity, id: 'b', title: 'Integriteit in de praktijk (basis)' },
			{ ...integrity, id: 'c', title: 'Omgevingswet in de praktijk', description: 'Over de Omgevingswet en het omgevingsplan, participatie en vergunningen.' },
		]
		const scan = createDuplicateScan(catalogue)
		let steps = 0
		while (scan.step(1) < scan.total) steps++
		expect(steps).toBeGreaterThan(1)
		expect(scan.pairs().map(({ a, b }) => [a, b])).toEqual([['a', 'b']])
		const judged = createDuplicateScan(catalogue, { skipPair: (a, b) => a === 'a' && b === 'b' })
		judged.step(100)
		expect(judged.pairs()).toEqual([])
	})

	test('reports progress in courses from the first step, rising to the total exactly when the last course is done', () => {
		const catalogue = Array.from({ length: 7 }, (_, index) => ({ ...integrity, id: `course-${index}`, title: `${integrity.title} ${index}` }))
		const scan = createDuplicateScan(catalogue)
		expect(scan.progress()).toBe(0)
		const seen: number[] = []
		while (scan.step(2) < scan.total) seen.push(scan.progress())
		// Preparing the catalogue already shows, before the first course is compared.
		expect(seen[0]).toBeGreaterThan(0)
		expect(seen.every((value, index) => index === 0 || value >= seen[index - 1]!)).toBe(true)
		expect(Math.max(...seen)).toBeLessThan(scan.total)
		expect(scan.progress()).toBe(scan.total)
	})
})
