import { describe, expect, test } from 'vitest'
import { checkSignInAssurance, employeeNumberFrom, issuerTransportAllowed, mfaSatisfied, requiresMfa, ssoConfigSchema } from './single-sign-on.ts'

const employee = [{ role: 'employee', tenantId: 'rvo' }] as const
const coordinator = [...employee, { role: 'coordinator', tenantId: 'rvo' }] as const
const admin = [{ role: 'employee', tenantId: 'kd' }, { role: 'concern_admin', tenantId: null }] as const
const manager = [...employee, { role: 'manager', tenantId: 'rvo' }] as const
const none = { mfaAcrValues: [] }

describe('requiresMfa', () => {
	test('coordinators and concern administrators need a second factor; employees and managers do not', () => {
		expect(requiresMfa(employee)).toBe(false)
		expect(requiresMfa(manager)).toBe(false)
		expect(requiresMfa(coordinator)).toBe(true)
		expect(requiresMfa(admin)).toBe(true)
	})
})

describe('mfaSatisfied', () => {
	test('amr with mfa, or factors of two kinds', () => {
		expect(mfaSatisfied({ amr: ['mfa'] }, none)).toBe(true)
		expect(mfaSatisfied({ amr: ['pwd', 'otp'] }, none)).toBe(true)
		expect(mfaSatisfied({ amr: ['hwk', 'fpt'] }, none)).toBe(true)
	})

	test('one factor, two of one kind, unknown methods or no amr at all are not enough', () => {
		expect(mfaSatisfied({ amr: ['pwd'] }, none)).toBe(false)
		expect(mfaSatisfied({ amr: ['pwd', 'pin'] }, none)).toBe(false)
		expect(mfaSatisfied({ amr: ['pwd', 'mca'] }, none)).toBe(false)
		expect(mfaSatisfied({}, none)).toBe(false)
	})

	test('a malformed amr counts as none', () => {
		expect(mfaSatisfied({ amr: 'mfa' }, none)).toBe(false)
		expect(mfaSatisfied({ amr: [{ mfa: true }, 7] }, none)).toBe(false)
	})

	test("acr counts only when it is one of the unit's configured MFA values", () => {
		const config = { mfaAcrValues: ['urn:example:loa:substantial'] }
		expect(mfaSatisfied({ acr: 'urn:example:loa:substantial' }, config)).toBe(true)
		expect(mfaSatisfied({ acr: 'urn:example:loa:low' }, config)).toBe(false)
		expect(mfaSatisfied({ acr: 'urn:example:loa:substantial' }, none)).toBe(false)
	})
})

describe('checkSignInAssurance', () => {
	test('refuses a coordinator without MFA, lets an employee through', () => {
		expect(checkSignInAssurance(coordinator, { amr: ['pwd'] }, none)).toEqual({ ok: false, code: 'SSO_MFA_REQUIRED' })
		expect(checkSignInAssurance(admin, {}, none)).toEqual({ ok: false, code: 'SSO_MFA_REQUIRED' })
		expect(checkSignInAssurance(coordinator, { amr: ['mfa', 'pwd'] }, none).ok).toBe(true)
		expect(checkSignInAssurance(employee, { amr: ['pwd'] }, none).ok).toBe(true)
	})
})

describe('employeeNumberFrom', () => {
	test('reads the configured claim, as text', () => {
		expect(employeeNumberFrom({ personeelsnummer: ' 0123456 ' }, 'personeelsnummer')).toEqual({ ok: true, value: '0123456' })
		expect(employeeNumberFrom({ employee_id: 42 }, 'employee_id')).toEqual({ ok: true, value: '42' })
	})

	test('refuses a missing, empty or odd claim', () => {
		for (const claims of [{}, { nr: '' }, { nr: '  ' }, { nr: ['1'] }, { nr: 1.5 }, { nr: null }]) {
			expect(employeeNumberFrom(claims, 'nr')).toEqual({ ok: false, code: 'SSO_NO_EMPLOYEE_NUMBER' })
		}
	})
})

describe('ssoConfigSchema', () => {
	const valid = { issuer: 'https://login.rvo.example', clientId: 'leerplein', clientSecretEnv: 'SSO_RVO_CLIENT_SECRET', employeeNumberClaim: 'employee_number' }

	test('accepts a https issuer and fills the defaults', () => {
		expect(ssoConfigSchema.parse(valid)).toEqual({ ...valid, extraScopes: [], mfaAcrValues: [] })
	})

	test('refuses plain http except on the loopback interface', () => {
		expect(ssoConfigSchema.safeParse({ ...valid, issuer: 'http://login.rvo.example' }).success).toBe(false)
		expect(ssoConfigSchema.safeParse({ ...valid, issuer: 'http://127.0.0.1:4000' }).success).toBe(true)
		expect(issuerTransportAllowed('http://localhost:4000')).toBe(true)
		expect(issuerTransportAllowed('http://127.0.0.1.example.com')).toBe(false)
		expect(issuerTransportAllowed('http://[::1]:4000/')).toBe(true)
		expect(issuerTransportAllowed('ftp://127.0.0.1')).toBe(false)
	})

	test('names the secret, never holds it', () => {
		expect(ssoConfigSchema.safeParse({ ...valid, clientSecretEnv: 'geheim-123' }).success).toBe(false)
	})
})
