import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './http.server.ts'

describe('safeRedirectPath', () => {
	test('keeps a local path with its query and fragment', () => {
		expect(safeRedirectPath('/catalogus?pagina=3')).toBe('/catalogus?pagina=3')
		expect(safeRedirectPath('/catalogus/abc?resultaat=ok#inschrijven')).toBe('/catalogus/abc?resultaat=ok#inschrijven')
	})

	test('returns the path as the URL parser normalises it', () => {
		expect(safeRedirectPath('/catalogus/../mijn-leren')).toBe('/mijn-leren')
		expect(safeRedirectPath('/catalogus?q=een zoekterm')).toBe('/catalogus?q=een%20zoekterm')
	})

	test.each([
		'https://evil.example',
		'http://evil.example/catalogus',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'/.//evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r/evil.example',
		'/\r\nSet-Cookie: x=1',
		'/\u0000/evil.example',
		'/\u007f/evil.example',
		'/\u0085/evil.example',
		'\t//evil.example',
		' //evil.example',
		'/%09/evil.example',
		'/%0A/evil.example',
		'/%0d%0aSet-Cookie:%20x=1',
		'/%5Cevil.example',
		'javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'catalogus',
		'',
	])('replaces %j by the fallback', (target) => {
		expect(safeRedirectPath(target, '/catalogus')).toBe('/catalogus')
	})

	test('whatever it returns is a path that stays on the site it is resolved against', () => {
		for (const target of ['/a', '/a/../../b', '/./x', '/%2F%2Fevil.example', '/@evil.example', '/:evil.example']) {
			const path = safeRedirectPath(target, '/catalogus')
			expect(path.startsWith('/') && !path.startsWith('//')).toBe(true)
			expect(new URL(path, 'https://leerplein.example.nl').origin).toBe('https://leerplein.example.nl')
		}
	})

	test('replaces a missing target by the fallback', () => {
		expect(safeRedirectPath(null)).toBe('/')
	})
})
