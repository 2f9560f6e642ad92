// A unit's own look (ADR 052): the coordinator's page and the header's logo. app/i18n/nl.ts and
// en.ts spread these into the catalogues (`branding.…`, and the error codes into `errors.…`).

export const nl = {
	branding: {
		nav: 'Huisstijl van uw onderdeel',
		title: 'Huisstijl van {{unit}}',
		intro: 'Het logo en de accentkleur die de medewerkers van uw onderdeel in Leerplein zien. Zonder eigen huisstijl zien zij de huisstijl van het concern.',
		current: 'Huidige huisstijl',
		ownLook: 'Eigen huisstijl, gewijzigd op {{at}}.',
		concernLook: 'Uw onderdeel heeft de huisstijl van het concern.',
		preview: 'Voorbeeld',
		previewIntro: 'Zo zien de kopregel, een knop en een link eruit met deze kleur.',
		previewButton: 'Knop',
		previewLink: 'Een link in de tekst',
		previewRatio: 'Contrast met witte tekst en als tekst op wit: {{ratio, number(minimumFractionDigits: 2)}}:1',
		previewTooLow: 'te weinig, minstens 4,5:1 nodig',
		noLogo: 'Geen eigen logo: het logo van het concern.',
		edit: 'Huisstijl wijzigen',
		accentColour: 'Accentkleur',
		accentColourHint: 'Als # met zes tekens, bijvoorbeeld #42145f. Witte tekst op deze kleur en deze kleur als tekst op wit hebben minstens 4,5:1 contrast nodig. Leeg: de kleur van het concern.',
		logo: 'Nieuw logo (niet verplicht)',
		logoHint: 'Een SVG of PNG van hoogstens {{size}} KB. Leeg: het huidige logo blijft. Scripts, links en ingesloten inhoud worden uit een SVG verwijderd.',
		removeLogo: 'Eigen logo verwijderen (het logo van het concern gebruiken)',
		save: 'Huisstijl opslaan',
		saved: 'De huisstijl is opgeslagen.',
		reset: 'Terug naar de huisstijl van het concern',
		resetIntro: 'Verwijdert het logo en de accentkleur van uw onderdeel; daarna ziet iedereen van uw onderdeel de huisstijl van het concern.',
		resetDone: 'Uw onderdeel heeft weer de huisstijl van het concern.',
	},
}

export const nlErrors = {
	ACCENT_COLOUR_INVALID: 'Vul de kleur in als # met zes tekens 0–9 of a–f, bijvoorbeeld #42145f.',
	ACCENT_CONTRAST_TOO_LOW:
		'Deze kleur heeft te weinig contrast: {{ratio, number(minimumFractionDigits: 2)}}:1 met witte tekst, en als tekst op wit. Minstens 4,5:1 is nodig. Kies een donkerder kleur.',
	LOGO_EMPTY: 'Dit bestand is leeg. Kies een logo als SVG of PNG.',
	LOGO_TOO_LARGE: 'Dit bestand is te groot. Een logo is hoogstens 200 KB.',
	LOGO_TYPE_UNKNOWN: 'Dit bestand is geen SVG of PNG. Kies een logo als SVG of PNG.',
	LOGO_PNG_INVALID: 'Dit PNG-bestand is beschadigd. Kies een ander bestand.',
	LOGO_PNG_DIMENSIONS: 'Dit PNG-bestand is te groot: hoogstens 2000 beeldpunten breed en hoog.',
	LOGO_SVG_INVALID: 'Deze SVG is niet te lezen, of er blijft niets van over zonder scripts, links en ingesloten inhoud. Kies een ander bestand.',
	LOGO_NOT_FOUND: 'Uw onderdeel heeft geen eigen logo.',
}

export const en = {
	branding: {
		nav: "Your unit's branding",
		title: 'Branding of {{unit}}',
		intro: "The logo and accent colour your unit's employees see in Leerplein. Without its own branding, they see the concern's look.",
		current: 'Current branding',
		ownLook: 'Own branding, changed on {{at}}.',
		concernLook: "Your unit has the concern's look.",
		preview: 'Preview',
		previewIntro: 'How the header, a button and a link look in this colour.',
		previewButton: 'Button',
		previewLink: 'A link in the text',
		previewRatio: 'Contrast with white text and as text on white: {{ratio, number(minimumFractionDigits: 2)}}:1',
		previewTooLow: 'too low, at least 4.5:1 needed',
		noLogo: "No own logo: the concern's logo.",
		edit: 'Change the branding',
		accentColour: 'Accent colour',
		accentColourHint: "As # and six characters, e.g. #42145f. White text on this colour and this colour as text on white need a contrast of at least 4.5:1. Empty: the concern's colour.",
		logo: 'New logo (optional)',
		logoHint: 'An SVG or PNG of at most {{size}} KB. Empty: the current logo stays. Scripts, links and embedded content are removed from an SVG.',
		removeLogo: "Remove the own logo (use the concern's logo)",
		save: 'Save the branding',
		saved: 'The branding has been saved.',
		reset: "Back to the concern's look",
		resetIntro: "Removes your unit's logo and accent colour; everyone in your unit then sees the concern's look.",
		resetDone: "Your unit has the concern's look again.",
	},
}

export const enErrors = {
	ACCENT_COLOUR_INVALID: 'Enter the colour as # and six characters 0–9 or a–f, e.g. #42145f.',
	ACCENT_CONTRAST_TOO_LOW:
		'This colour has too little contrast: {{ratio, number(minimumFractionDigits: 2)}}:1 with white text, and as text on white. At least 4.5:1 is needed. Choose a darker colour.',
	LOGO_EMPTY: 'This file is empty. Choose a logo as SVG or PNG.',
	LOGO_TOO_LARGE: 'This file is too large. A logo is at most 200 KB.',
	LOGO_TYPE_UNKNOWN: 'This file is not an SVG or PNG. Choose a logo as SVG or PNG.',
	LOGO_PNG_INVALID: 'This PNG file is damaged. Choose another file.',
	LOGO_PNG_DIMENSIONS: 'This PNG file is too large: at most 2000 pixels wide and high.',
	LOGO_SVG_INVALID: 'This SVG cannot be read, or nothing of it is left without scripts, links and embedded content. Choose another file.',
	LOGO_NOT_FOUND: 'Your unit has no own logo.',
}
