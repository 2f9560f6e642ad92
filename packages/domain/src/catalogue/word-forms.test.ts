import { describe, expect, test } from 'vitest'
import {
	acronymPhrases,
	buildWordIndex,
	correctedQueryOf,
	editDistance,
	familyKey,
	formsOf,
	splitCompound,
	typoBudget,
	typoCandidates,
	withWordForms,
	type VocabularyWord,
} from './word-forms.ts'

// Stems as PostgreSQL's Dutch snowball stemmer gives them (the database stems, this module relates).
const vocabulary: VocabularyWord[] = [
	['inspecteren', 'inspecter', 5],
	['inspecties', 'inspecties', 3],
	['voorzitters', 'voorzitter', 2],
	['rapporteren', 'rapporter', 4],
	['vergaderen', 'vergader', 6],
	['technieken', 'techniek', 8],
	['bezwaar', 'bezwar', 9],
	['bezwaarschriften', 'bezwaarschrift', 2],
	['beleid', 'beleid', 40],
	['evaluatie', 'evaluatie', 7],
	['beleidsevaluatie', 'beleidsevaluatie', 3],
	['maatschappelijke', 'maatschapp', 5],
	['kosten', 'kost', 6],
	['baten', 'bat', 3],
	['analyse', 'analys', 9],
	['algemene', 'algemen', 12],
	['beginselen', 'beginsel', 2],
	['behoorlijk', 'behoorlijk', 2],
	['bestuur', 'bestur', 4],
	['powerpoint', 'powerpoint', 3],
	['integriteit', 'integriteit', 20],
	['bnc', 'bnc', 2],
	['fiches', 'fiches', 2],
].map(([word, lexeme, documents]) => ({ word: word as string, lexeme: lexeme as string, documents: documents as number }))
const phrases = ['de maatschappelijke kosten-batenanalyse', 'de algemene beginselen van behoorlijk bestuur', 'vergaderen met technieken']
const index = buildWordIndex(vocabulary, phrases)
const known = (part: string) => index.dictionary.has(part)

describe('familyKey', () => {
	test('joins verb and noun once the stemmer is done', () => {
		expect(familyKey('inspecter')).toBe(familyKey('inspecties'))
		expect(familyKey('voorzit')).toBe(familyKey('voorzitter'))
		expect(familyKey('rapportag')).toBe(familyKey('rapporter'))
		expect(familyKey('evaluer')).toBe(familyKey('evaluatie'))
	})
	test('leaves short stems alone', () => {
		expect(familyKey('water')).toBe('water')
		expect(familyKey('mak')).toBe('mak')
	})
})

describe('splitCompound', () => {
	test('splits into known words and stems, with linking sounds', () => {
		expect(splitCompound('vergadertechnieken', known)).toEqual(['vergader', 'technieken'])
		expect(splitCompound('beleidsevaluatie', known)).toEqual(['beleid', 'evaluatie'])
		expect(splitCompound('kosten-batenanalyse', known)).toEqual(['kosten', 'baten', 'analyse'])
	})
	test('never splits a short word or into unknown pieces', () => {
		expect(splitCompound('beleid', known)).toBeNull()
		expect(splitCompound('integriteit', known)).toBeNull()
		expect(splitCompound('xyzxyzxyzxyz', known)).toBeNull()
	})
})

describe('typo budget', () => {
	test('one edit from five letters, two from nine', () => {
		expect([typoBudget(4), typoBudget(5), typoBudget(8), typoBudget(9)]).toEqual([0, 1, 1, 2])
	})
	test('edit distance counts a swap of neighbours as one, and stops past the maximum', () => {
		expect(editDistance('integritiet', 'integriteit', 2)).toBe(1)
		expect(editDistance('bestuur', 'bestuur', 1)).toBe(0)
		expect(editDistance('analyse', 'bezwaar', 2)).toBe(3)
	})
	test('finds known words within the budget only', () => {
		expect(typoCandidates(index, 'integritijt')).toEqual(['integriteit'])
		expect(typoCandidates(index, 'intgrtijt')).toEqual([])
		expect(typoCandidates(index, 'beled')).toEqual(['beleid'])
		expect(typoCandidates(index, 'belxd')).toEqual([])
	})
})

describe('formsOf', () => {
	test('the family of a typed word and the compounds that hold it', () => {
		expect(formsOf(index, 'inspectie', 'inspectie').forms).toEqual(['inspecteren', 'inspecties'])
		expect(formsOf(index, 'bezwaar', 'bezwar').forms).toEqual(['bezwaarschriften'])
		expect(formsOf(index, 'evalueren', 'evaluer').forms).toEqual(['evaluatie', 'beleidsevaluatie'])
	})
	test('a typed compound matches its parts', () => {
		expect(formsOf(index, 'vergadertechnieken', 'vergadertechniek').parts).toEqual([['vergader', 'vergaderen'], ['technieken']])
	})
	test('a hyphenated word matches its pieces, an inflection the stemmer keeps apart by its longer form', () => {
		expect(formsOf(index, 'bnc-fiche', null).parts).toEqual([['bnc'], ['fiches']])
		expect(formsOf(index, 'fiche', 'fich').forms).toEqual(['fiches'])
	})
	test('the word being typed is completed', () => {
		expect(formsOf(index, 'powerp', 'powerp', { prefix: true }).forms).toEqual(['powerpoint'])
		expect(formsOf(index, 'powerp', 'powerp').forms).toEqual([])
	})
})

describe('acronyms learned from the catalogue', () => {
	test('initials of words and of compound parts', () => {
		expect(acronymPhrases(index, 'mkba')).toEqual(['maatschappelijke kosten-batenanalyse'])
		expect(acronymPhrases(index, 'abbb')).toEqual(['algemene beginselen van behoorlijk bestuur'])
	})
	test('nothing for a word no phrase spells, or too short or long', () => {
		expect(acronymPhrases(index, 'xyz')).toEqual([])
		expect(acronymPhrases(index, 'a')).toEqual([])
	})
	test('an unknown acronym becomes a synonym of its phrase and is no typo', () => {
		const [group] = withWordForms([{ text: 'mkba', alternatives: [], single: true, corrections: ['maken'] }], [{ word: 'mkba', known: false }], index)
		expect(group).toMatchObject({ alternatives: ['maatschappelijke kosten-batenanalyse'], corrections: [] })
	})
	test('a known word keeps its own meaning', () => {
		const [group] = withWordForms([{ text: 'beleid', alternatives: [], single: true, corrections: [] }], [{ word: 'beleid', known: true, lexeme: 'beleid' }], index)
		expect(group!.alternatives).toEqual([])
		expect(group!.forms).toContain('beleidsevaluatie')
	})
})

test('"did you mean" replaces only the corrected words', () => {
	expect(correctedQueryOf([{ text: 'integritijt' }, { text: 'beleid' }], [{ text: 'integritijt', corrections: ['integriteit'] }, { text: 'beleid', corrections: [] }])).toBe('integriteit beleid')
	expect(correctedQueryOf([{ text: 'beleid' }], [{ text: 'beleid', corrections: [] }])).toBeNull()
})
