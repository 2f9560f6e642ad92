import { readFileSync } from 'node:fs'
import postcss from 'postcss'
import { describe, expect, test } from 'vitest'

// The stylesheet is one hand-kept file: a missing brace would silently swallow every later rule
// (it happened, twice: once in issue 19's first pass, once in a merge). Parsed strictly here, so
// such a slip fails the tests before it reaches a page.
describe('the stylesheet', () => {
	const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8')

	test('parses: every block is closed, every declaration whole', () => {
		expect(() => postcss.parse(css, { from: 'app/styles/app.css' })).not.toThrow()
	})

	test('has no rule nested in a rule by accident (only @media and @supports hold rules)', () => {
		const nested: string[] = []
		postcss.parse(css).walkRules((rule) => {
			if (rule.parent?.type === 'rule') nested.push(`${(rule.parent as postcss.Rule).selector} > ${rule.selector} (line ${rule.source?.start?.line})`)
		})
		expect(nested).toEqual([])
	})
})
