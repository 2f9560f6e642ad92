import { describe, expect, test } from 'vitest'
import { checkLogoFile, MAX_LOGO_BYTES } from './logo-file.ts'

/** UTF-8 bytes of a text (the domain has no TextEncoder; these tests need only ASCII and the byte-order mark). */
const text = (value: string) => Uint8Array.from(unescape(encodeURIComponent(value)), (char) => char.charCodeAt(0))

/** The first 33 bytes of a PNG: signature, then the IHDR chunk with width and height. */
function pngHead(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33)
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
	const view = new DataView(bytes.buffer)
	view.setUint32(16, width)
	view.setUint32(20, height)
	return bytes
}

describe('checkLogoFile', () => {
	test('given a PNG, when checked, then it is a PNG of its size in pixels', () => {
		expect(checkLogoFile(pngHead(240, 80))).toEqual({ ok: true, value: { type: 'image/png', width: 240, height: 80 } })
	})

	test('given a PNG of no pixels or of more than 2000 on a side, when checked, then it is refused', () => {
		expect(checkLogoFile(pngHead(0, 80))).toEqual({ ok: false, code: 'LOGO_PNG_DIMENSIONS' })
		expect(checkLogoFile(pngHead(2001, 80))).toEqual({ ok: false, code: 'LOGO_PNG_DIMENSIONS' })
	})

	test('given the PNG signature without its header chunk, when checked, then it is not a valid PNG', () => {
		expect(checkLogoFile(pngHead(10, 10).subarray(0, 20))).toEqual({ ok: false, code: 'LOGO_PNG_INVALID' })
		const broken = pngHead(10, 10)
		broken[12] = 0x78
		expect(checkLogoFile(broken)).toEqual({ ok: false, code: 'LOGO_PNG_INVALID' })
	})

	test('given an SVG, with or without a declaration, byte-order mark or comment, when checked, then it is an SVG', () => {
		for (const svg of ['<svg xmlns="http://www.w3.org/2000/svg"/>', '\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg viewBox="0 0 1 1"></svg>']) {
			expect(checkLogoFile(text(svg)), svg).toEqual({ ok: true, value: { type: 'image/svg+xml' } })
		}
	})

	test('given a file named .png or .svg that is neither by its bytes, when checked, then its type is unknown', () => {
		for (const other of ['%PDF-1.7', '<html><svg></svg></html>', 'GIF89a', '<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', '<svgx/>']) {
			expect(checkLogoFile(text(other)), other).toEqual({ ok: false, code: 'LOGO_TYPE_UNKNOWN' })
		}
		expect(checkLogoFile(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: false, code: 'LOGO_TYPE_UNKNOWN' })
	})

	test('given an empty file or one over 200 KB, when checked, then it is refused before its type is read', () => {
		expect(checkLogoFile(new Uint8Array())).toEqual({ ok: false, code: 'LOGO_EMPTY' })
		const large = new Uint8Array(MAX_LOGO_BYTES + 1)
		large.set(pngHead(10, 10))
		expect(checkLogoFile(large)).toEqual({ ok: false, code: 'LOGO_TOO_LARGE' })
		expect(checkLogoFile(large.subarray(0, MAX_LOGO_BYTES)).ok).toBe(true)
	})
})
