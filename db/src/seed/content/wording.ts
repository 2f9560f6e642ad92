import type { Random } from '../prng.ts'

/**
 * Verbs that appear inverted before "u" in our templates ("kunt u", "Bent u"), with their
 * "je" form. Only these are converted as inverted verbs: elsewhere "u" is an object
 * ("bereidt u voor") and simply becomes "je".
 */
const INVERTED_VERBS: Record<string, string> = {
	bent: 'ben',
	bespreekt: 'bespreek',
	communiceert: 'communiceer',
	doorloopt: 'doorloop',
	gaat: 'ga',
	geeft: 'geef',
	heeft: 'heb',
	krijgt: 'krijg',
	kunt: 'kun',
	leert: 'leer',
	neemt: 'neem',
	oefent: 'oefen',
	ontvangt: 'ontvang',
	ontwikkelt: 'ontwikkel',
	past: 'pas',
	schrijft: 'schrijf',
	volgt: 'volg',
	weegt: 'weeg',
	weet: 'weet',
	werkt: 'werk',
	wordt: 'word',
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Rewrites text that addresses the reader with "u" into the informal "je" some units use. */
export function toInformal(text: string): string {
	let result = text
	for (const [verb, stem] of Object.entries(INVERTED_VERBS)) {
		result = result
			.replace(new RegExp(`\\b${verb} u\\b`, 'g'), `${stem} je`)
			.replace(new RegExp(`\\b${capitalise(verb)} u\\b`, 'g'), `${capitalise(stem)} je`)
	}
	return result
		.replace(/\bu heeft\b/g, 'je hebt')
		.replace(/\bU heeft\b/g, 'Je hebt')
		.replace(/\buzelf\b/g, 'jezelf')
		.replace(/\buw\b/g, 'je')
		.replace(/\bUw\b/g, 'Je')
		.replace(/\bu\b/g, 'je')
		.replace(/\bU\b/g, 'Je')
		.replace(/\bje zich\b/g, 'je je')
}

/** Interchangeable words and phrases: a near-duplicate course says the same thing a little differently. */
const SYNONYMS: [RegExp, string][] = [
	[/\btraining\b/g, 'cursus'],
	[/\bdeelnemers\b/g, 'cursisten'],
	[/\bNa afloop\b/g, 'Na de cursus'],
	[/\bonder meer\b/g, 'onder andere'],
	[/\bpraktijkgerichte\b/g, 'praktische'],
	[/\bbelangrijkste\b/g, 'voornaamste'],
	[/\baan de slag\b/g, 'aan het werk'],
	[/\boefeningen\b/g, 'opdrachten'],
	[/\bvoorbeelden\b/g, 'praktijkvoorbeelden'],
	[/\bbijeenkomsten\b/g, 'sessies'],
]

/** Swaps some synonyms at random, so two units' versions of one course are not word-for-word equal. */
export function reword(text: string, random: Random): string {
	let result = text
	for (const [pattern, replacement] of SYNONYMS) {
		if (random.chance(0.5)) result = result.replace(pattern, replacement)
	}
	return result
}
