import { describe, expect, test } from 'vitest'
import { parseForm } from '../../core/form.server.ts'
import { comparedSchema, compareFormSchema, MAX_COMPARED } from './compare-schema.ts'

const ids = ['0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3a', '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3b', '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3c', '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3d', '0190d6a8-3f1e-7c2b-9a4d-2b7e5c8f1a3e']

function form(entries: [string, string][]): FormData {
	const data = new FormData()
	for (const [name, value] of entries) data.append(name, value)
	return data
}
const courses = (count: number) => ids.slice(0, count).map((id): [string, string] => ['cursus', id])

describe('comparing courses', () => {
	test('compares two to four courses, each once', () => {
		expect(comparedSchema.safeParse({ cursus: [ids[0], ids[1], ids[0]] }).data).toEqual({ cursus: [ids[0], ids[1]] })
		expect(comparedSchema.safeParse({ cursus: ids.slice(0, MAX_COMPARED) }).success).toBe(true)
		expect(comparedSchema.safeParse({ cursus: [ids[0], ids[0]] }).success).toBe(false)
		expect(comparedSchema.safeParse({ cursus: ids.slice(0, MAX_COMPARED + 1) }).success).toBe(false)
		expect(comparedSchema.safeParse({ cursus: [ids[0], 'geen-id'] }).success).toBe(false)
	})

	test('merging needs one of the compared courses to stay, beside the choice', () => {
		const none = parseForm(form([...courses(2), ['intent', 'confirm']]), compareFormSchema('confirm'))
		expect(none.status === 'error' && none.error).toEqual({ canonicalId: ['MERGE_CANONICAL_REQUIRED'] })
		const other = parseForm(form([...courses(2), ['canonicalId', ids[2]!]]), compareFormSchema('merge'))
		expect(other.status === 'error' && other.error).toEqual({ canonicalId: ['MERGE_CANONICAL_REQUIRED'] })
		const chosen = parseForm(form([...courses(2), ['canonicalId', ids[1]!]]), compareFormSchema('merge'))
		expect(chosen.status === 'success' && chosen.value).toEqual({ cursus: ids.slice(0, 2), canonicalId: ids[1] })
	})

	test('"not a duplicate" needs no choice', () => {
		expect(parseForm(form(courses(3)), compareFormSchema('dismiss')).status).toBe('success')
	})
})
