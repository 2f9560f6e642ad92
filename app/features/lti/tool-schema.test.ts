import { ALL_LTI_SCOPES, LTI_SCOPES } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { isErrorCode } from '../../core/error-codes.ts'
import { parseForm } from '../../core/form.server.ts'

const errorsOf = (submission: ReturnType<typeof parseForm>) => (submission.status === 'error' ? submission.error : null)
import { dynamicRegistrationSchema, toolSchema, webServicesSchema } from './tool-schema.ts'

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one)
	return data
}

const valid = {
	intent: 'register',
	name: 'Moodle',
	loginUrl: 'https://moodle.test/enrol/lti/login.php',
	targetLinkUri: 'https://moodle.test/enrol/lti/launch.php',
	redirectUris: 'https://moodle.test/enrol/lti/launch.php\r\nhttps://moodle.test/other.php',
	jwksUrl: 'https://moodle.test/enrol/lti/jwks.php',
	deploymentIds: '1, 2',
}

describe('the tool registration form', () => {
	test('given a complete form, when parsed, then it is the registration the services store', () => {
		const parsed = parseForm(form({ ...valid, custom: 'id=42\ncolour = blue', scopes: LTI_SCOPES.score, shareName: 'on' }), toolSchema)
		expect(parsed.status === 'success' && parsed.value).toEqual({
			name: 'Moodle',
			loginUrl: valid.loginUrl,
			targetLinkUri: valid.targetLinkUri,
			deepLinkingUrl: null,
			redirectUris: ['https://moodle.test/enrol/lti/launch.php', 'https://moodle.test/other.php'],
			jwksUrl: valid.jwksUrl,
			publicJwk: null,
			deploymentIds: ['1', '2'],
			custom: { id: '42', colour: 'blue' },
			scopes: [LTI_SCOPES.score],
			shareName: true,
			shareEmail: false,
		})
	})

	test('given every scope ticked, when parsed, then all are kept', () => {
		const parsed = parseForm(form({ ...valid, scopes: [...ALL_LTI_SCOPES] }), toolSchema)
		expect(parsed.status === 'success' && parsed.value.scopes).toEqual([...ALL_LTI_SCOPES])
	})

	test('given empty and wrong fields, when parsed, then each field gets its error code', () => {
		const parsed = parseForm(form({ name: '', loginUrl: 'niet een adres', targetLinkUri: 'ftp://moodle.test', redirectUris: '', deploymentIds: ' , ', custom: 'geen paar', publicJwk: '{"kty":"EC"}' }), toolSchema)
		expect(parsed.status === 'error' && parsed.error).toEqual({
			name: ['TOOL_NAME_REQUIRED'],
			loginUrl: ['TOOL_URL_INVALID'],
			targetLinkUri: ['TOOL_URL_INVALID'],
			redirectUris: ['TOOL_REDIRECT_URIS_INVALID'],
			deploymentIds: ['TOOL_DEPLOYMENT_REQUIRED'],
			custom: ['TOOL_CUSTOM_INVALID'],
			publicJwk: ['TOOL_PUBLIC_JWK_INVALID'],
		})
	})

	test('given neither a JWKS address nor a public key, when parsed, then the error stands beside the JWKS address', () => {
		const parsed = parseForm(form({ ...valid, jwksUrl: '' }), toolSchema)
		expect(parsed.status === 'error' && parsed.error).toEqual({ jwksUrl: ['TOOL_KEYS_REQUIRED'] })
	})

	test('given a name of more than 200 characters, when parsed, then it is refused', () => {
		const parsed = parseForm(form({ ...valid, name: 'x'.repeat(201) }), toolSchema)
		expect(parsed.status === 'error' && parsed.error).toEqual({ name: ['TOOL_NAME_REQUIRED'] })
	})
})

describe('the other forms of the tool pages', () => {
	test('Dynamic Registration needs a web address', () => {
		expect(errorsOf(parseForm(form({ toolRegistrationUrl: '' }), dynamicRegistrationSchema))).toEqual({ toolRegistrationUrl: ['TOOL_URL_INVALID'] })
		const parsed = parseForm(form({ toolRegistrationUrl: 'https://moodle.test/enrol/lti/register.php' }), dynamicRegistrationSchema)
		expect(parsed.status).toBe('success')
	})

	test('web services: an empty token keeps the stored one; a long one is refused', () => {
		const kept = parseForm(form({ wsBaseUrl: 'https://moodle.test' }), webServicesSchema)
		expect(kept.status === 'success' && kept.value).toEqual({ wsBaseUrl: 'https://moodle.test', wsToken: '' })
		expect(errorsOf(parseForm(form({ wsBaseUrl: 'moodle', wsToken: 'x'.repeat(201) }), webServicesSchema))).toEqual({ wsBaseUrl: ['TOOL_URL_INVALID'], wsToken: ['WEB_SERVICES_TOKEN_TOO_LONG'] })
	})

	test('every message of these forms is an error code the catalogues translate', () => {
		const refused = [
			errorsOf(parseForm(form({ name: '', loginUrl: 'x', targetLinkUri: 'x', redirectUris: '', deploymentIds: '', custom: '?', publicJwk: 'x' }), toolSchema)),
			errorsOf(parseForm(form({ ...valid, jwksUrl: '' }), toolSchema)),
			errorsOf(parseForm(form({ wsBaseUrl: '', wsToken: 'x'.repeat(300) }), webServicesSchema)),
		]
		const codes = refused.flatMap((errors) => Object.values(errors ?? {}).flat())
		expect(codes.length).toBeGreaterThan(0)
		expect(codes.filter((code) => !isErrorCode(code))).toEqual([])
	})
})
