import { fail, ok, type Result } from '../result.ts'

/** A logo is a small file in the header: 200 KB holds any sensible PNG or SVG of one. */
export const MAX_LOGO_BYTES = 200 * 1024

/** A PNG logo's largest side, in pixels: the header shows it at most 3.5 rem high. */
export const MAX_LOGO_PIXELS = 2000

export type LogoType = 'image/png' | 'image/svg+xml'
export type LogoFileCode = 'LOGO_EMPTY' | 'LOGO_TOO_LARGE' | 'LOGO_TYPE_UNKNOWN' | 'LOGO_PNG_INVALID' | 'LOGO_PNG_DIMENSIONS'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
// The first chunk of every PNG: length 13, then "IHDR".
const IHDR = [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]

/**
 * What a logo file is, by its bytes and never by its name or the browser's claim: a PNG by its
 * signature and header chunk (with its size in pixels), or an SVG when its text, after an optional
 * byte-order mark, XML declaration and comments, opens with an `<svg` element. The SVG's content
 * is cleaned by the portal afterwards (a DOM is I/O-free but not ours to carry in the domain).
 */
export function checkLogoFile(bytes: Uint8Array): Result<{ type: 'image/png'; width: number; height: number } | { type: 'image/svg+xml' }, LogoFileCode> {
	if (bytes.byteLength === 0) return fail('LOGO_EMPTY')
	if (bytes.byteLength > MAX_LOGO_BYTES) return fail('LOGO_TOO_LARGE')
	if (startsWith(bytes, PNG_SIGNATURE)) {
		if (bytes.byteLength < 33 || !startsWith(bytes.subarray(8), IHDR)) return fail('LOGO_PNG_INVALID')
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		const width = view.getUint32(16)
		const height = view.getUint32(20)
		if (width === 0 || height === 0 || width > MAX_LOGO_PIXELS || height > MAX_LOGO_PIXELS) return fail('LOGO_PNG_DIMENSIONS')
		return ok({ type: 'image/png', width, height })
	}
	return looksLikeSvg(bytes) ? ok({ type: 'image/svg+xml' }) : fail('LOGO_TYPE_UNKNOWN')
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((byte, at) => bytes[at] === byte)
}

function looksLikeSvg(bytes: Uint8Array): boolean {
	// The opening is ASCII in any UTF-8 SVG; the portal decodes the whole text strictly when it cleans it.
	const opening = Array.from(bytes.subarray(0, 4096), (byte) => String.fromCharCode(byte))
		.join('')
		.replace(/^\xEF\xBB\xBF/, '')
		.replace(/^\s*<\?xml[^>]*\?>/, '')
		.replace(/^(\s*<!--[\s\S]*?-->)*/, '')
		.trimStart()
	return /^<svg[\s>/]/.test(opening)
}
