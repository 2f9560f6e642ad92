import { describe, expect, test } from 'vitest'
import { checkAccentColour, CONCERN_ACCENT_COLOUR, contrastRatio, darkerShade, displayRatio, parseHexColour } from './accent-colour.ts'

describe('contrastRatio', () => {
	test('given black and white, then the ratio is the maximum 21:1, either way round', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5)
	})

	test('given one colour twice, then the ratio is 1:1', () => {
		expect(contrastRatio('#42145f', '#42145f')).toBe(1)
	})

	test('given known pairs from WCAG tools, then the ratio matches to two decimals', () => {
		// #767676 is the lightest grey that passes on white, famously 4.54:1.
		expect(displayRatio(contrastRatio('#767676', '#ffffff'))).toBe(4.54)
		expect(displayRatio(contrastRatio('#777777', '#ffffff'))).toBe(4.47)
		// Pure red on white: 3.998, short of 4:1.
		expect(displayRatio(contrastRatio('#ff0000', '#ffffff'))).toBe(3.99)
	})
})

describe('checkAccentColour', () => {
	test('given the concern colour, when checked, then it is accepted with its ratio', () => {
		const checked = checkAccentColour(CONCERN_ACCENT_COLOUR)
		expect(checked).toEqual({ ok: true, value: { colour: '#154273', ratio: expect.closeTo(10.2, 1) } })
	})

	test('given a colour just dark enough (#767676), when checked, then white text on it and it as a link on white both pass', () => {
		expect(checkAccentColour('#767676')).toMatchObject({ ok: true, value: { colour: '#767676' } })
	})

	test('given a colour just too light (#777777), when checked, then it is refused with the ratio found', () => {
		const checked = checkAccentColour('#777777')
		expect(checked).toMatchObject({ ok: false, code: 'ACCENT_CONTRAST_TOO_LOW' })
		expect(checked.ok === false && checked.code === 'ACCENT_CONTRAST_TOO_LOW' && displayRatio(checked.ratio)).toBe(4.47)
	})

	test('given a light orange, when checked, then it is refused: white text on it would be unreadable', () => {
		expect(checkAccentColour('#FFB612')).toMatchObject({ ok: false, code: 'ACCENT_CONTRAST_TOO_LOW', ratio: expect.closeTo(1.73, 1) })
	})

	test('given upper case and spaces, when checked, then it is read as the lower-case colour', () => {
		expect(checkAccentColour('  #42145F ')).toMatchObject({ ok: true, value: { colour: '#42145f' } })
	})

	test('given something that is not #rrggbb, when checked, then it is not a colour', () => {
		for (const input of ['', '#fff', '42145f', '#42145g', 'red', '#42145f00', 'url(x)', '#42145f;}']) {
			expect(checkAccentColour(input), input).toEqual({ ok: false, code: 'ACCENT_COLOUR_INVALID' })
			expect(parseHexColour(input)).toBeNull()
		}
	})
})

describe('darkerShade', () => {
	test('given an accent, then its darker shade is darker still and keeps white text readable', () => {
		expect(darkerShade('#154273')).toBe('#0f2e51')
		expect(darkerShade('#ffffff', 0.5)).toBe('#808080')
		for (const colour of ['#767676', '#42145f', '#007a66']) expect(contrastRatio(darkerShade(colour), '#ffffff')).toBeGreaterThan(contrastRatio(colour, '#ffffff'))
	})

	test('given the darker shade as text on the light grey panels (#f3f3f3), then it reaches 4.5:1 for any accepted accent', () => {
		expect(contrastRatio(darkerShade('#767676'), '#f3f3f3')).toBeGreaterThan(4.5)
	})
})
