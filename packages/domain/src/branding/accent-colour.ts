/**
 * A unit's accent colour (issue 19, item 2; ADR 052). The portal puts white text on it (the
 * navigation bar, the footer, buttons) and uses it as the colour of links and headings on the white
 * page, so both pairs must reach WCAG 2.2's 4.5:1 for normal text (1.4.3). Contrast is symmetric,
 * so the two pairs have one ratio; both are named so the rule says what it protects.
 */

/** The concern's own look: the Rijkshuisstijl's lintblauw, which every unit without its own accent shows. */
export const CONCERN_ACCENT_COLOUR = '#154273'

/** WCAG 2.2, success criterion 1.4.3 (contrast, minimum), for text of normal size. */
export const MIN_TEXT_CONTRAST = 4.5

/** The text the accent sits under or with: white on the accent, and the accent on the white page. */
export const ACCENT_TEXT_PAIRS = [
	{ text: '#ffffff', background: 'accent' },
	{ text: 'accent', background: '#ffffff' },
] as const

const HEX_COLOUR = /^#[0-9a-f]{6}$/

export type AccentColourCheck =
	| { ok: true; value: { colour: string; ratio: number } }
	| { ok: false; code: 'ACCENT_COLOUR_INVALID' }
	/** `ratio` is the lowest of the pairs, for the message beside the field. */
	| { ok: false; code: 'ACCENT_CONTRAST_TOO_LOW'; ratio: number }

/** Reads `#rrggbb` (any case, spaces around) as lower case; anything else is not a colour. */
export function parseHexColour(input: string): string | null {
	const colour = input.trim().toLowerCase()
	return HEX_COLOUR.test(colour) ? colour : null
}

/** The relative luminance of an sRGB colour `#rrggbb` (WCAG 2.2's definition). */
export function relativeLuminance(colour: string): number {
	const [r, g, b] = [1, 3, 5].map((at) => {
		const channel = Number.parseInt(colour.slice(at, at + 2), 16) / 255
		return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
	}) as [number, number, number]
	return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The contrast ratio of two colours, from 1 (the same) to 21 (black on white); the order does not matter. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number]
	return (light + 0.05) / (dark + 0.05)
}

/**
 * A colour as a unit's accent: a `#rrggbb` colour whose every pair with its text reaches 4.5:1.
 * Compared unrounded, so 4.497 is refused even though it would print as 4.50.
 */
export function checkAccentColour(input: string): AccentColourCheck {
	const colour = parseHexColour(input)
	if (!colour) return { ok: false, code: 'ACCENT_COLOUR_INVALID' }
	const ratio = Math.min(
		...ACCENT_TEXT_PAIRS.map(({ text, background }) => contrastRatio(text === 'accent' ? colour : text, background === 'accent' ? colour : background)),
	)
	return ratio >= MIN_TEXT_CONTRAST ? { ok: true, value: { colour, ratio } } : { ok: false, code: 'ACCENT_CONTRAST_TOO_LOW', ratio }
}

/** A ratio as people read it: rounded down to two decimals, so a refused 4.497 never shows as 4.50. */
export function displayRatio(ratio: number): number {
	return Math.floor(ratio * 100) / 100
}

/**
 * The accent darkened towards black by `share` (0–1): the hover and "current page" background under
 * white text, and the accent as text on the light grey panels. Darker never lowers white's contrast.
 */
export function darkerShade(colour: string, share = 0.3): string {
	return `#${[1, 3, 5]
		.map((at) => Math.round(Number.parseInt(colour.slice(at, at + 2), 16) * (1 - share)))
		.map((channel) => channel.toString(16).padStart(2, '0'))
		.join('')}`
}
