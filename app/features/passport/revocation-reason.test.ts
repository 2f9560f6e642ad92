import { describe, expect, test } from 'vitest'
import { systemRevocationKey } from './revocation-reason.ts'

describe('the reason Leerplein gave for revoking evidence, in words', () => {
	test('each code the trigger and the xAPI store write has its words', () => {
		expect(systemRevocationKey('xapi_statement_voided', { byPerson: false })).toBe('passportPerson.revokedVoided')
		expect(systemRevocationKey('enrolment_no_show', { byPerson: false })).toBe('passportPerson.revokedNoShow')
		expect(systemRevocationKey('enrolment_cancelled', { byPerson: false })).toBe('passportPerson.revokedCancelled')
		expect(systemRevocationKey('enrolment_enrolled', { byPerson: false })).toBe('passportPerson.revokedUndone')
	})

	test('a person’s own words are shown as written, even when they look like a code', () => {
		expect(systemRevocationKey('enrolment_cancelled', { byPerson: true })).toBeNull()
		expect(systemRevocationKey('Verkeerde persoon geïmporteerd', { byPerson: false })).toBeNull()
		expect(systemRevocationKey(null, { byPerson: false })).toBeNull()
	})
})
