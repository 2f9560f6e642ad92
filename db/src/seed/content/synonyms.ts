/**
 * Abbreviations and synonyms common in central government, for catalogue search (ADR 010).
 * The concern administrator edits the list at /beheer/zoeksynoniemen; this is the start.
 * A search for the term also finds each expansion, and each expansion finds the term.
 */
export const SEARCH_SYNONYMS: { term: string; expansions: string[] }[] = [
	{ term: 'AVG', expansions: ['Algemene verordening gegevensbescherming', 'GDPR', 'privacywet'] },
	{ term: 'BIO', expansions: ['Baseline Informatiebeveiliging Overheid'] },
	{ term: 'Woo', expansions: ['Wet open overheid', 'Wob', 'openbaarheid van bestuur'] },
	{ term: 'P&O', expansions: ['HR', 'personeel en organisatie', 'personeelszaken'] },
	{ term: 'Awb', expansions: ['Algemene wet bestuursrecht'] },
	{ term: 'BHV', expansions: ['bedrijfshulpverlening'] },
	{ term: 'AED', expansions: ['reanimatie'] },
	{ term: 'VCA', expansions: ['Veiligheid, Gezondheid en Milieu Checklist Aannemers'] },
	{ term: 'RI&E', expansions: ['risico-inventarisatie en -evaluatie'] },
	{ term: 'AI', expansions: ['kunstmatige intelligentie', 'artificial intelligence'] },
	{ term: 'ICT', expansions: ['informatietechnologie', 'IT'] },
	{ term: 'EU', expansions: ['Europese Unie'] },
	{ term: 'OKR', expansions: ["objectives and key results"] },
	{ term: 'KPI', expansions: ['prestatie-indicator', 'prestatie-indicatoren'] },
	{ term: 'Btw', expansions: ['omzetbelasting'] },
	{ term: 'CIPP', expansions: ['Certified Information Privacy Professional'] },
	{ term: 'PSM', expansions: ['Professional Scrum Master', 'Scrum Master'] },
	{ term: 'MT', expansions: ['managementteam'] },
	{ term: 'leidinggeven', expansions: ['leiderschap', 'management'] },
	{ term: 'thuiswerken', expansions: ['hybride werken', 'werken op afstand'] },
	{ term: 'cursus', expansions: ['training', 'opleiding'] },
]
