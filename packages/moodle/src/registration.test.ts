import { describe, expect, test } from 'vitest'
import { registrationRequestSchema, registrationResponse, TOOL_CONFIGURATION } from './registration.ts'

// What Moodle 5.1's enrol/lti/register.php sends on a site without a logo (its default).
const moodleRequest = {
	application_type: 'web',
	response_types: ['id_token'],
	grant_types: ['implicit', 'client_credentials'],
	initiate_login_uri: 'https://moodle.test/enrol/lti/login.php?id=abc',
	redirect_uris: ['https://moodle.test/enrol/lti/launch.php', 'https://moodle.test/enrol/lti/launch_deeplink.php'],
	client_name: 'Moodle',
	jwks_uri: 'https://moodle.test/enrol/lti/jwks.php',
	logo_uri: '',
	token_endpoint_auth_method: 'private_key_jwt',
	scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
	[TOOL_CONFIGURATION]: { domain: 'moodle.test', target_link_uri: 'https://moodle.test/enrol/lti/launch.php' },
}

describe('a Dynamic Registration request', () => {
	test('an empty logo_uri, policy_uri or tos_uri counts as absent, and is not echoed', () => {
		const parsed = registrationRequestSchema.safeParse({ ...moodleRequest, policy_uri: '', tos_uri: '' })
		expect(parsed.success).toBe(true)
		const answer = registrationResponse(parsed.data!, { clientId: 'c', deploymentId: 'd', scopes: [] })
		expect(answer).not.toHaveProperty('logo_uri')
		expect(answer).not.toHaveProperty('policy_uri')
	})

	test('a given optional URL is still checked, and echoed', () => {
		expect(registrationRequestSchema.safeParse({ ...moodleRequest, logo_uri: 'not a url' }).success).toBe(false)
		const parsed = registrationRequestSchema.parse({ ...moodleRequest, logo_uri: 'https://moodle.test/logo.png' })
		expect(registrationResponse(parsed, { clientId: 'c', deploymentId: 'd', scopes: [] }).logo_uri).toBe('https://moodle.test/logo.png')
	})
})
