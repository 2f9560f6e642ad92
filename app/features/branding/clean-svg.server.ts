import createDOMPurify, { type Config } from 'dompurify'
import { JSDOM } from 'jsdom'

// An uploaded SVG is shown to a whole unit, so it is cleaned before it is stored (ADR 052): by
// DOMPurify, the sanitiser browsers' own projects rely on, on a server DOM (jsdom) as its authors
// advise, with its SVG profile. Served as an image behind `default-src 'none'` it could run nothing
// anyway; cleaning it means a copy opened on its own, saved, or shown some other way is harmless too.


const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
	// Parsed as browsers parse an SVG in a page (foreign content: names keep their case, a slip is
	// forgiven) and written out again as XML below. The profile allows SVG's shapes, text,
	// gradients and filters, and no HTML.
	USE_PROFILES: { svg: true, svgFilters: true },
	// Another document inside the logo, links out, animation that could change a reference, and CSS, which can fetch.
	FORBID_TAGS: ['foreignObject', 'a', 'image', 'script', 'style', 'animate', 'animateMotion', 'animateTransform', 'set', 'iframe', 'embed', 'object'],
	FORBID_ATTR: ['style', 'xml:base', 'xlink:actuate', 'xlink:show'],
	// No data-* attributes, no unknown protocols: a logo needs neither.
	ALLOW_DATA_ATTR: false,
	ALLOW_UNKNOWN_PROTOCOLS: false,
	RETURN_DOM_FRAGMENT: true,
}

// A reference may point inside the logo (`#gradient`), never outside it: `href`, `xlink:href` and
// `url(…)` in any attribute (fill, filter, mask, clip-path…) keep only fragment references.
const EXTERNAL_URL = /url\s*\(\s*(?!['"]?\s*#)/i

let cleaner: { purify: ReturnType<typeof createDOMPurify>; serializer: XMLSerializer } | null = null

/** The DOM and the sanitiser, made at the first upload rather than at every start of the portal. */
function svgCleaner() {
	if (cleaner) return cleaner
	const window = new JSDOM('').window
	const purify = createDOMPurify(window)
	purify.addHook('uponSanitizeAttribute', (_node, data) => {
		const name = data.attrName.toLowerCase()
		const value = data.attrValue.trim()
		if ((name === 'href' || name === 'xlink:href') && !value.startsWith('#')) data.keepAttr = false
		else if (EXTERNAL_URL.test(value)) data.keepAttr = false
	})
	cleaner = { purify, serializer: new window.XMLSerializer() }
	return cleaner
}

export type CleanedSvg = { ok: true; svg: string } | { ok: false; code: 'LOGO_SVG_INVALID' }

/**
 * The SVG as it may be stored and served, as well-formed XML: scripts, event handlers, links out,
 * external references, embedded documents and styles removed. Not UTF-8, or no `<svg>` with
 * something in it left after cleaning: refused.
 */
export function cleanSvg(bytes: Uint8Array): CleanedSvg {
	let text: string
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
	} catch {
		return { ok: false, code: 'LOGO_SVG_INVALID' }
	}
	const { purify, serializer } = svgCleaner()
	const fragment = purify.sanitize(text.replace(/^\uFEFF/, ''), CONFIG)
	// One <svg> element and nothing else around it (a comment or whitespace aside), with something left to draw.
	const elements = [...fragment.children]
	const svg = elements[0]
	if (elements.length !== 1 || !svg || svg.namespaceURI !== 'http://www.w3.org/2000/svg' || svg.localName !== 'svg' || svg.children.length === 0) {
		return { ok: false, code: 'LOGO_SVG_INVALID' }
	}
	return { ok: true, svg: serializer.serializeToString(svg) }
}
