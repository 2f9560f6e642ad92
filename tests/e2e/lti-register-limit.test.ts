import { testDrivers } from '@leerplein/db/testing'
import { describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'

// Issue 12, item 6: Dynamic Registration is rate-limited per address like the token endpoint, before
// the registration token is even looked up, so guessing tokens is limited too. A portal of its own,
// with a limit of three a minute, so the count starts at zero.

const drivers = await testDrivers()
const LIMIT = 3

describe.skipIf(!drivers.includes('postgres'))('the rate limit of Dynamic Registration', () => {
	const { portal } = useE2E({ driver: 'postgres', env: { RATE_LIMIT_LTI_ADDRESS: `${LIMIT}/60` }, browser: false })

	const register = () =>
		fetch(`${portal.url}/lti/register`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: 'Bearer a-guessed-token' },
			body: JSON.stringify({ client_name: 'Raadpoging' }),
		})

	test(`after ${LIMIT} registrations a minute from one address, the next is answered 429 in OAuth JSON with Retry-After`, async () => {
		for (let i = 0; i < LIMIT; i++) expect((await register()).status).not.toBe(429)
		const limited = await register()
		expect(limited.status).toBe(429)
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
		expect(await limited.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/^too many requests; try again in \d+ seconds$/) })
	})
})
