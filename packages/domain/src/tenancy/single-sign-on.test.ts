import { describe, expect, test } from 'vitest'
import { checkProviderMetadata, checkSignInAssurance, employeeNumberFrom, issuerTransportAllowed, mfaSatisfied, requiresMfa, SSO_SECRET_ENV_PATTERN, ssoConfigSchema } from './single-sign-on.ts'

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

describe('checkProviderMetadata', () => {
	const issuer = 'https://login.rvo.example'
	const metadata = { issuer, response_types_supported: ['code', 'id_token'], grant_types_supported: ['authorization_code', 'refresh_token'], code_challenge_methods_supported: ['S256'] }

	test('Given a provider with the code flow and PKCE S256 under the issuer typed, when checked, then it can serve the sign-in', () => {
		expect(checkProviderMetadata(issuer, metadata)).toEqual({ ok: true, value: undefined })
		const { grant_types_supported: _default, ...withoutGrantTypes } = metadata
		expect(checkProviderMetadata(issuer, withoutGrantTypes).ok).toBe(true)
	})

	test('Given a provider that calls itself otherwise, even by a trailing slash, when checked, then the issuer is refused', () => {
		expect(checkProviderMetadata(`${issuer}/`, metadata)).toEqual({ ok: false, code: 'SSO_ISSUER_MISMATCH' })
		expect(checkProviderMetadata(issuer, { ...metadata, issuer: 'https://login.other.example' })).toEqual({ ok: false, code: 'SSO_ISSUER_MISMATCH' })
		expect(checkProviderMetadata(issuer, { ...metadata, issuer: undefined })).toEqual({ ok: false, code: 'SSO_ISSUER_MISMATCH' })
	})

	test('Given a provider without the code flow, when checked, then it is refused for that', () => {
		expect(checkProviderMetadata(issuer, { ...metadata, response_types_supported: ['id_token'] })).toEqual({ ok: false, code: 'SSO_NO_CODE_FLOW' })
		expect(checkProviderMetadata(issuer, { ...metadata, grant_types_supported: ['implicit'] })).toEqual({ ok: false, code: 'SSO_NO_CODE_FLOW' })
		expect(checkProviderMetadata(issuer, { ...metadata, response_types_supported: undefined })).toEqual({ ok: false, code: 'SSO_NO_CODE_FLOW' })
	})

	test('Given a provider without PKCE S256 (only plain, or not listed), when checked, then it is refused for that', () => {
		expect(checkProviderMetadata(issuer, { ...metadata, code_challenge_methods_supported: ['plain'] })).toEqual({ ok: false, code: 'SSO_NO_PKCE_S256' })
		expect(checkProviderMetadata(issuer, { ...metadata, code_challenge_methods_supported: undefined })).toEqual({ ok: false, code: 'SSO_NO_PKCE_S256' })
	})
})

describe('SSO_SECRET_ENV_PATTERN', () => {
	test('accepts an SSO_ variable and refuses any other of the portal’s variables', () => {
		expect(SSO_SECRET_ENV_PATTERN.test('SSO_RVO_CLIENT_SECRET')).toBe(true)
		for (const name of ['DATABASE_URL', 'SECRETS_KEY', 'SSO_', 'sso_rvo', 'SSO_RVO-SECRET', 'SSO_RVO SECRET']) expect(SSO_SECRET_ENV_PATTERN.test(name), name).toBe(false)
	})
})
