import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { expectConsoleError, throwIfConsoleErrors } from './console-guard.ts'

describe('the console.error guard', () => {
	test('a test that logs an error fails with that error; one that expects it passes, unless it never came', () => {
		// A vitest run of its own on a file with such tests, with the same setup as every project.
		const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))), NODE_ENV: 'test' as const }
		const config = fileURLToPath(new URL('./console-guard-fixture/vitest.config.ts', import.meta.url))
		const run = spawnSync('npx', ['vitest', 'run', '--config', config, '--reporter=json'], { env, encoding: 'utf8' })
		expect(run.status).toBe(1)
		const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
			testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[]
		}
		const results = Object.fromEntries(report.testResults[0]!.assertionResults.map((result) => [result.title, result]))
		expect(results['logs an error']).toMatchObject({ status: 'failed', failureMessages: [expect.stringContaining('console.error was called during this test')] })
		expect(results['logs an error']!.failureMessages[0]).toContain('de database is weg: ECONNREFUSED')
		expect(results['provokes an error it expects']).toMatchObject({ status: 'passed' })
		expect(results['expects an error that never comes']).toMatchObject({ status: 'failed', failureMessages: [expect.stringContaining('expected a console.error matching /verwacht/, but none came')] })
		expect(results['logs nothing']).toMatchObject({ status: 'passed' })
	}, 60_000)

	test('an unexpected error logged while one is expected still counts', async () => {
		await expectConsoleError(/verwacht/, () => {
			console.error('verwacht')
			console.error('iets anders')
		})
		// Taken here, so this test's own guard finds nothing left.
		expect(() => throwIfConsoleErrors('during this test')).toThrow(/iets anders/)
	})
})
