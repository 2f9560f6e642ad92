import { describe, expect, test } from 'vitest'
import { cleanSvg } from './clean-svg.server.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const clean = (text: string) => {
	const result = cleanSvg(bytes(text))
	if (!result.ok) throw new Error(`refused: ${text}`)
	return result.svg
}
const SVG = 'xmlns="http://www.w3.org/2000/svg"'

describe('cleaning an uploaded SVG logo', () => {
	test('keeps a plain logo as it was: shapes, text, a gradient referred to by its id, the viewBox', () => {
		const logo = `<svg ${SVG} viewBox="0 0 120 40"><defs><linearGradient id="g"><stop offset="0" stop-color="#42145f"/></linearGradient></defs><rect width="10" height="40" fill="url(#g)"/><text x="16" y="28" font-family="Arial" font-weight="700">RVO &amp; co</text></svg>`
		expect(clean(logo)).toBe(logo)
	})

	test('removes a script element and every event handler', () => {
		const cleaned = clean(`<?xml version="1.0"?><svg ${SVG} onload="alert(1)"><script>alert(2)</script><circle r="4" onclick="alert(3)" onmouseover="alert(4)"/></svg>`)
		expect(cleaned).toBe(`<svg ${SVG}><circle r="4"/></svg>`)
		expect(cleaned).not.toMatch(/script|alert|on\w+=/i)
	})

	test('removes a javascript: link and links out altogether', () => {
		const cleaned = clean(`<svg ${SVG} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>klik</text></a><a href="https://evil.example/"><rect width="1" height="1"/></a></svg>`)
		expect(cleaned).not.toMatch(/javascript|evil|<a[\s>]|href/i)
		expect(cleaned).toContain('<text>klik</text>')
	})

	test('removes references to other origins: <use>, <image>, <feImage> and url(…) in an attribute, keeping a reference inside the logo', () => {
		const cleaned = clean(
			`<svg ${SVG}><use href="https://evil.example/sprite.svg#logo"/><image href="https://evil.example/pixel.png"/><filter id="f"><feImage href="http://evil.example/x.png"/></filter><rect width="2" height="2" fill="url(https://evil.example/paint.svg#p)" stroke="url(#local)"/></svg>`,
		)
		expect(cleaned).not.toMatch(/evil|<use|<image|href/i)
		expect(cleaned).toContain('stroke="url(#local)"')
		expect(cleaned).not.toContain('fill=')
	})

	test('removes foreignObject with the HTML inside it, and style sheets, which can fetch', () => {
		const cleaned = clean(
			`<svg ${SVG}><foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/><iframe src="https://evil.example/"></iframe></body></foreignObject><style>@import url(https://evil.example/a.css);</style><rect width="1" height="1" style="fill:url(https://evil.example/x)"/></svg>`,
		)
		expect(cleaned).toBe(`<svg ${SVG}><rect width="1" height="1"/></svg>`)
	})

	test('removes animation that could turn a harmless attribute into a link', () => {
		const cleaned = clean(`<svg ${SVG}><rect width="1" height="1"><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="fill" to="red"/></rect></svg>`)
		expect(cleaned).toBe(`<svg ${SVG}><rect width="1" height="1"/></svg>`)
	})

	test('refuses a file that is not UTF-8, not an SVG, or an SVG with nothing left to draw', () => {
		for (const refused of [new Uint8Array([0x3c, 0x73, 0x76, 0x67, 0xff, 0xfe]), bytes('hallo'), bytes('<html><body><p>hi</p></body></html>'), bytes(`<svg ${SVG}><rect`), bytes(`<svg ${SVG}><script>alert(1)</script></svg>`)]) {
			expect(cleanSvg(refused)).toEqual({ ok: false, code: 'LOGO_SVG_INVALID' })
		}
	})
})
