import { expect, test } from 'vitest'
import { ERROR_CODES } from '../core/error-codes.ts'
import { en } from './en.ts'
import { nl } from './nl.ts'

function keys(value: object, prefix = ''): string[] {
	return Object.entries(value).flatMap(([key, child]) =>
		typeof child === 'string' ? [`${prefix}${key}`] : keys(child as object, `${prefix}${key}.`),
	)
}

test('the English catalogue has exactly the Dutch keys', () => {
	expect(keys(en).sort()).toEqual(keys(nl).sort())
})

test('no message is left empty', () => {
	for (const catalogue of [nl, en]) {
		const empty = keys(catalogue).filter((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) === '')
		expect(empty).toEqual([])
	}
})

test('every error code a service or rule can give has a Dutch and an English message', () => {
	const missing = ERROR_CODES.filter((code) => !(code in nl.errors) || !(code in en.errors))
	expect(missing).toEqual([])
})
