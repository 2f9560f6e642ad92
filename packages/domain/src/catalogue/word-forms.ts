// Dutch word forms for catalogue search (issue 16, item 2 and 3; ADR 010, addendum 2026-12-05b).
// Pure: the words come from the catalogue's own word list (`search_words`: every word of the
// published, concern-wide courses with its Dutch snowball stem) and its phrases; the database
// stems, this module relates. Built once per catalogue version (`buildWordIndex`), asked per
// typed word (`formsOf`, `acronymPhrases`).

/** A word of the catalogue: lower case, no accents, [a-z0-9]+, with its snowball stem. */
export type VocabularyWord = { word: string; lexeme: string; documents: number }

/** Compound parts shorter than this are never split off ("in", "op", "er" would split anything). */
const MIN_PART = 3
/** A word is only split when it has at least this many letters. */
const MIN_COMPOUND = 7
/** Linking sounds between the parts of a Dutch compound ("bescherming-s-middelen", "ziekt-e-verzuim"). */
const LINKS = ['', 's', 'e', 'en', 'n']
/** Derivational endings that join a family once the stemmer is done: inspect-eren/inspect-ie, voorzitt-er/voorzit-ten. */
const FAMILY_ENDINGS = ['aties', 'atie', 'eren', 'ering', 'ies', 'ie', 'eer', 'er', 'age', 'ag', 'ing', 'end', 'ist', 'isch']
/** A family key shorter than this joins too much ("mak" would join "maken" and "makelaar"). */
const MIN_FAMILY = 5
/** How many related words one typed word may bring at most (the most frequent first). */
export const MAX_FORMS = 24

/**
 * The family of a stem: the stem without one derivational ending and without a doubled last
 * consonant, when at least five letters remain. "inspecter" (inspecteren) and "inspecties" both
 * give "inspect"; "voorzit" (voorzitten) and "voorzitter" both give "voorzit"; "rapportag" and
 * "rapporter" give "rapport".
 */
export function familyKey(stem: string): string {
	let key = stem
	for (const ending of FAMILY_ENDINGS) {
		if (key.endsWith(ending) && key.length - ending.length >= MIN_FAMILY) {
			key = key.slice(0, -ending.length)
			break
		}
	}
	// Dutch spelling doubles a consonant after a short vowel ("voorzitter"), and the stemmer leaves
	// a final e of a loan word ("rapportage" → "rapportag"): both are undone.
	if (key.length > MIN_FAMILY && /([b-df-hj-np-tv-z])\1$/.test(key)) key = key.slice(0, -1)
	return key
}

/**
 * The parts of a compound, each a known word or stem, with Dutch linking sounds allowed between
 * them: "beschermingsmiddelen" → ["bescherming", "middelen"], "vergadertechnieken" →
 * ["vergader", "technieken"]. Fewest parts first, then the longest last part. Null when the word
 * is short or does not split into known parts. Hyphenated words split at the hyphens first.
 */
export function splitCompound(word: string, known: (part: string) => boolean): string[] | null {
	if (word.includes('-')) {
		const pieces = word.split('-').filter((p) => p.length > 0)
		if (pieces.length < 2) return null
		return pieces.flatMap((piece) => splitCompound(piece, known) ?? [piece])
	}
	if (word.length < MIN_COMPOUND) return null
	// best[i]: the fewest parts that spell word[i..] (ending on a known part), with those parts;
	// an unknown last part costs half a part more, so known parts win a tie.
	const best: ({ parts: string[]; cost: number } | null)[] = Array.from({ length: word.length + 1 }, () => null)
	best[word.length] = { parts: [], cost: 0 }
	for (let start = word.length - MIN_PART; start >= 0; start--) {
		let found: { parts: string[]; cost: number } | null = null
		for (let end = word.length; end >= start + MIN_PART; end--) {
			const part = word.slice(start, end)
			// The word itself is no split; an unknown last part of six letters or more may follow a
			// known first part ("data-visualisatie" where only "datavisualisatie" is in the list).
			if (start === 0 && end === word.length) continue
			const isKnown = known(part)
			if (!isKnown && !(end === word.length && start > 0 && part.length >= 6)) continue
			for (const link of LINKS) {
				const next = end + link.length
				if (next > word.length || word.slice(end, next) !== link) continue
				if (link !== '' && next === word.length) continue
				const rest = best[next]
				if (!rest) continue
				const candidate = { parts: [part, ...rest.parts], cost: rest.cost + (isKnown ? 1 : 1.5) }
				if (found === null || candidate.cost < found.cost) found = candidate
			}
		}
		best[start] = found
	}
	const parts = best[0]?.parts
	return parts && parts.length >= 2 ? parts : null
}

/** How many edits a typo of a word this long may have: none below 5 letters, one from 5, two from 9. */
export function typoBudget(length: number): number {
	return length >= 9 ? 2 : length >= 5 ? 1 : 0
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b, or max + 1 once it is more than max. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1
	const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
	for (let i = 1; i <= a.length; i++) {
		const row = [i]
		let smallest = i
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1
			let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1)
			row.push(value)
			smallest = Math.min(smallest, value)
		}
		if (smallest > max) return max + 1
		rows.push(row)
	}
	return Math.min(rows[a.length]![b.length]!, max + 1)
}

export type WordIndex = {
	words: Map<string, VocabularyWord>
	/** Every known word and every stem of one: what a compound may be made of. */
	dictionary: Set<string>
	/** Family key → words of that family or with a compound part of it, most frequent first. */
	families: Map<string, string[]>
	/** All words, most frequent first (prefix completion, typo tolerance). */
	ranked: VocabularyWord[]
	/**
	 * Acronym → the catalogue phrases it spells, most frequent first. Learned at the first look-up:
	 * it is most of the index's cost (0.9 s of 0.9 s for the large seed's 78,000 clauses), and only
	 * an unknown short word asks for it, so the first search after a catalogue change need not wait.
	 */
	acronyms: Pick<Map<string, string[]>, 'get'>
}

const WORD = /^[a-z0-9]+$/
const add = (map: Map<string, Map<string, number>>, key: string, value: string, weight: number) => {
	const entry = map.get(key) ?? new Map<string, number>()
	entry.set(value, (entry.get(value) ?? 0) + weight)
	map.set(key, entry)
}
const byWeight = (entry: Map<string, number>) => [...entry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value)

/** The family key of a part: its stem when it is a known word, else the part itself (already a stem). */
function partKey(words: Map<string, VocabularyWord>, part: string): string {
	return familyKey(words.get(part)?.lexeme ?? part)
}

/**
 * Relates the catalogue's words once per catalogue version: families (stem without derivational
 * ending), compound parts and the acronyms its phrases spell. `phrases` are the catalogue's
 * clauses (titles, keywords, sentence parts), normalised, words separated by spaces.
 */
export function buildWordIndex(vocabulary: readonly VocabularyWord[], phrases: readonly string[] = []): WordIndex {
	const words = new Map(vocabulary.filter((w) => WORD.test(w.word)).map((w) => [w.word, w]))
	const dictionary = new Set<string>()
	for (const w of words.values()) {
		dictionary.add(w.word)
		if (w.lexeme.length >= 4) dictionary.add(w.lexeme)
	}
	const known = (part: string) => dictionary.has(part)
	const splits = new Map<string, string[] | null>()
	const split = (word: string) => {
		if (!splits.has(word)) splits.set(word, splitCompound(word, known))
		return splits.get(word)!
	}
	const families = new Map<string, Map<string, number>>()
	for (const w of words.values()) {
		add(families, familyKey(w.lexeme), w.word, w.documents)
		for (const part of split(w.word) ?? []) {
			const key = partKey(words, part)
			if (key.length >= 4) add(families, key, w.word, w.documents)
		}
	}
	let learned: Map<string, string[]> | null = null
	const learnAll = () => {
		const acronyms = new Map<string, Map<string, number>>()
		for (const phrase of phrases) learnAcronyms(phrase, (word) => words.has(word), split, acronyms)
		return new Map([...acronyms].map(([key, entry]) => [key, byWeight(entry).slice(0, 3)]))
	}
	return {
		words,
		dictionary,
		families: new Map([...families].map(([key, entry]) => [key, byWeight(entry)])),
		ranked: [...words.values()].sort((a, b) => b.documents - a.documents || a.word.localeCompare(b.word)),
		acronyms: { get: (letters) => (learned ??= learnAll()).get(letters) },
	}
}

const MIN_ACRONYM = 2
const MAX_ACRONYM = 6
/** Content words in a phrase an acronym spells, and the stop words ("van", "en") it may pass over. */
const MAX_PHRASE_WORDS = 5
const MAX_PHRASE_STOP_WORDS = 1

/**
 * The acronyms a run of words spells: every content word gives its initial and may give the
 * initials of its later compound parts ("kosten-batenanalyse": k, then b and a or not); a stop
 * word ("van", "en": not in the word list) gives nothing.
 */
export function acronymsOf(
	phraseWords: readonly string[],
	isContentWord: (word: string) => boolean,
	split: (word: string) => string[] | null,
	from: ReadonlySet<string> = new Set(['']),
): Set<string> {
	let spelled = new Set<string>(from)
	for (const word of phraseWords) {
		if (!isContentWord(word) && !word.includes('-')) continue
		const inner = (split(word) ?? []).slice(1).map((part) => part[0]!)
		const next = new Set<string>()
		for (const start of spelled) {
			let withParts = [start + word[0]!]
			for (const initial of inner) withParts = [...withParts, ...withParts.map((s) => s + initial)]
			for (const s of withParts) if (s.length <= MAX_ACRONYM) next.add(s)
		}
		spelled = next
	}
	return spelled
}

/** Clauses longer than this are sentences, not names: an acronym is spelled out in a short clause. */
const MAX_CLAUSE_WORDS = 10

function learnAcronyms(phrase: string, isContent: (word: string) => boolean, split: (word: string) => string[] | null, into: Map<string, Map<string, number>>) {
	const list = phrase.split(/[^a-z0-9&'-]+/).map((w) => w.replace(/^[&'-]+|[&'-]+$/g, '')).filter((w) => w.length > 0)
	if (list.length > MAX_CLAUSE_WORDS) return
	const content = list.map((w) => isContent(w) || w.includes('-'))
	for (let start = 0; start < list.length; start++) {
		if (!content[start]) continue
		let stops = 0
		let contentWords = 0
		// What the run start..end spells so far, grown one word at a time.
		let spelled = new Set<string>([''])
		for (let end = start + 1; end <= list.length; end++) {
			const word = list[end - 1]!
			if (!content[end - 1]) {
				if (++stops > MAX_PHRASE_STOP_WORDS) break
				continue
			}
			if (++contentWords > MAX_PHRASE_WORDS) break
			spelled = acronymsOf([word], () => true, split, spelled)
			if (spelled.size === 0) break
			// A tight phrase (no stop word passed over) is the likelier spelling-out.
			const weight = 1 / (1 + 3 * stops)
			const text = list.slice(start, end).join(' ')
			for (const acronym of spelled) if (acronym.length >= MIN_ACRONYM && /^[a-z]+$/.test(acronym)) add(into, acronym, text, weight)
		}
	}
}

export type WordForms = {
	/** Catalogue words that count as the typed word: its family, compounds with it as a part, completions of a half-typed word. */
	forms: string[]
	/** When the typed word is a compound: per part, the words that count as that part (all parts must match). */
	parts: string[][]
}

/**
 * What else a typed word matches in the catalogue: words of its family ("inspecteren" ↔
 * "inspecties"), compounds with it as a part ("bezwaar" → "bezwaarschriften"), and, when it is
 * the word being typed (`prefix`), the words it begins. A compound typed ("vergadertechnieken")
 * also matches its parts wherever they stand ("vergaderen" and "technieken").
 */
export function formsOf(index: WordIndex, word: string, lexeme: string | null, { prefix = false }: { prefix?: boolean } = {}): WordForms {
	const forms = new Set<string>()
	const familyOf = (part: string, stem: string) => {
		const key = familyKey(stem)
		return key.length >= MIN_FAMILY || (key.length >= 4 && part.length >= 4) ? (index.families.get(key) ?? []) : []
	}
	if (WORD.test(word)) for (const form of familyOf(word, lexeme ?? word)) forms.add(form)
	if (prefix && word.length >= 3 && WORD.test(word)) {
		for (const w of index.ranked) if (w.word.startsWith(word) && w.word !== word) forms.add(w.word)
	}
	forms.delete(word)
	// A word the catalogue has in no form may be an inflection the stemmer keeps apart ("fiche" of "fiches").
	const longer = (part: string) => (part.length >= 4 ? index.ranked.filter((w) => w.word.startsWith(part) && w.word.length <= part.length + 2).map((w) => w.word) : [])
	if (forms.size === 0 && !index.words.has(word) && word.length >= 5 && WORD.test(word)) for (const form of longer(word)) forms.add(form)
	const split = splitCompound(word, (part) => index.dictionary.has(part))
	const parts = (split ?? []).map((part) => {
		const own = index.words.get(part)?.word ?? (index.dictionary.has(part) ? part : null)
		const related = familyOf(part, index.words.get(part)?.lexeme ?? part)
		const found = [...new Set([...(own && WORD.test(own) ? [own] : []), ...related])]
		return (found.length > 0 ? found : longer(part)).slice(0, MAX_FORMS)
	})
	return {
		forms: [...forms].slice(0, MAX_FORMS),
		parts: parts.length >= 2 && parts.every((p) => p.length > 0) ? parts : [],
	}
}

/**
 * Known words within the typo budget of an unknown typed word (one edit from 5 letters, two from
 * 9), fewest edits first, then the most frequent.
 */
export function typoCandidates(index: WordIndex, word: string, limit = 3): string[] {
	const budget = typoBudget(word.length)
	if (budget === 0) return []
	const found: { word: string; edits: number; documents: number }[] = []
	for (const w of index.ranked) {
		if (Math.abs(w.word.length - word.length) > budget) continue
		const edits = editDistance(word, w.word, budget)
		if (edits <= budget) found.push({ word: w.word, edits, documents: w.documents })
	}
	return found
		.sort((a, b) => a.edits - b.edits || b.documents - a.documents)
		.slice(0, limit)
		.map((f) => f.word)
}

/** The catalogue phrases a typed acronym spells ("mkba" → "maatschappelijke kosten-batenanalyse"), at most three. */
export function acronymPhrases(index: WordIndex, word: string): string[] {
	const letters = word.replace(/[^a-z]/g, '')
	if (letters.length < MIN_ACRONYM || letters.length > MAX_ACRONYM) return []
	return index.acronyms.get(letters) ?? []
}

/** A query group (see `withCorrections`) with what word forms and acronyms add to it. */
export type FormedGroup = { text: string; alternatives: string[]; single: boolean; corrections: string[]; forms: string[]; parts: string[][] }

/**
 * Adds word forms to the groups of a query: for each typed word its family, the compounds that
 * hold it and, for the last word (being typed), its completions; a typed compound also matches
 * its parts. An unknown word also gets the known words within its typo budget as corrections and
 * the catalogue phrases it spells as an acronym, as synonyms. An unknown word that is a compound,
 * an acronym or a half-typed word is not a typo: it keeps no corrections.
 */
export function withWordForms(
	groups: readonly { text: string; alternatives: string[]; single: boolean; corrections: string[] }[],
	analysis: readonly { word: string; known: boolean; lexeme?: string | null }[],
	index: WordIndex,
): FormedGroup[] {
	const byWord = new Map(analysis.map((a) => [a.word, a]))
	return groups.map((group, at) => {
		if (!group.single) return { ...group, forms: [], parts: [] }
		const found = byWord.get(group.text)
		const known = found?.known ?? true
		const { forms, parts } = formsOf(index, group.text, found?.lexeme ?? null, { prefix: at === groups.length - 1 })
		const acronyms = known ? [] : acronymPhrases(index, group.text).filter((p) => p !== group.text)
		const understood = !known && (parts.length > 0 || acronyms.length > 0 || forms.some((f) => f.startsWith(group.text)))
		const corrections = known || understood ? [] : [...new Set([...group.corrections, ...typoCandidates(index, group.text)])].filter((c) => c !== group.text)
		return { ...group, alternatives: [...group.alternatives, ...acronyms], corrections, forms, parts }
	})
}

/** The query with each corrected word replaced by its best correction ("did you mean"); null when no group has one. */
export function correctedQueryOf(typed: readonly { text: string }[], groups: readonly { text: string; corrections: string[] }[]): string | null {
	if (!groups.some((g) => g.corrections.length > 0)) return null
	return typed.map((g) => groups.find((r) => r.text === g.text)?.corrections[0] ?? g.text).join(' ')
}
