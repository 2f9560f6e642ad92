import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'
import { plantXapiClient } from '../support/xapi-clients.ts'

// The ADL LRS conformance suite (vendored in ../shared/xapi-lrs-conformance) against a portal of
// its own on a throw-away PostgreSQL database (ADR 039). Every test of both versions must pass
// (issue 17), on the store as deployed, which speaks 2.0.0 and 1.0.3. The 1.0.3 suite runs as a
// client registered for 1.0.3: three of its checks send a request without a version header and
// expect a 1.0.3 answer, where 2.0 requires a 2.0.0 one; the client's version decides (ADR 039,
// "A client's version").

const candidates = [fileURLToPath(new URL('../../../shared/xapi-lrs-conformance/run', import.meta.url)), '/work/shared/xapi-lrs-conformance/run']
const runner = process.env.XAPI_CONFORMANCE_RUN ?? candidates.find((path) => existsSync(path))

type Summary = { total: number; passed: number; failed: number }

function runSuite(endpoint: string, user: string, password: string, version: string): Promise<Summary> {
	return new Promise((resolve, reject) => {
		// Exit status is the number of failures: not an error here; the summary line says it all.
		execFile(runner!, [endpoint, user, password, version], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
			const line = stdout
				.split('\n')
				.filter((candidate) => candidate.startsWith('{"total"'))
				.at(-1)
			if (!line) return reject(error ?? new Error(`the suite printed no summary:\n${stdout.slice(-2000)}`))
			resolve(JSON.parse(line) as Summary)
		})
	})
}

const suiteEnv = { RATE_LIMIT_XAPI_CLIENT: '100000/60' }

describe.skipIf(!runner)('the ADL xAPI LRS conformance suite, against the store as deployed (2.0.0 and 1.0.3)', () => {
	// Its own portal: the suite leaves what it stores, and sends some 3,000 requests with one client.
	const e2e = useE2E({ driver: 'postgres', owner: true, browser: false, env: suiteEnv })

	// One run takes 35–80 s on two shared cores (2026-12-05; the first also installs the suite).
	test('xAPI 2.0.0: every test passes', { timeout: 900_000 }, async () => {
		const client = await plantXapiClient(e2e.owner.db, { unit: 'rvo', name: 'Conformance 2.0.0' })
		const summary = await runSuite(`${e2e.portal.url}/xapi`, client.key, client.secret, '2.0.0')
		console.info(`xAPI 2.0.0 conformance: ${summary.passed} of ${summary.total} pass, ${summary.failed} fail`)
		expect(summary).toMatchObject({ failed: 0, passed: summary.total })
	})

	test('xAPI 1.0.3, as a client registered for 1.0.3: every test passes', { timeout: 900_000 }, async () => {
		const client = await plantXapiClient(e2e.owner.db, { unit: 'rvo', name: 'Conformance 1.0.3', xapiVersion: '1.0.3' })
		const summary = await runSuite(`${e2e.portal.url}/xapi`, client.key, client.secret, '1.0.3')
		console.info(`xAPI 1.0.3 conformance: ${summary.passed} of ${summary.total} pass, ${summary.failed} fail`)
		expect(summary).toMatchObject({ failed: 0, passed: summary.total })
	})
})
