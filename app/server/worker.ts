import { createDatabase, databaseConfigFromEnv, migrateDatabase, switchToAppRole } from '@leerplein/db'
import { demoModeFromEnv } from './config.ts'
import { startJobWorker } from './jobs.ts'
import { logger } from './logger.ts'
import { processClock } from './test-clock.ts'

// The job worker as its own process (production): `pnpm --filter @leerplein/portal worker`.
// It migrates like the portal (a no-op when current), then works as leerplein_app.
const config = databaseConfigFromEnv()
if (config.driver === 'pglite') {
	logger.error('the embedded database belongs to the portal process, which runs the worker itself; set DATABASE_URL to run a separate worker')
	process.exit(2)
}
const migrator = await createDatabase(config, { role: 'migrator' })
await migrateDatabase(migrator)
const client = await switchToAppRole(migrator)
// The worker's clock, which the test harness may set like the portal's (server/test-clock.ts).
const clock = processClock(process.env, { demoMode: demoModeFromEnv(process.env, { embeddedDatabase: false }), channel: process })
const boss = await startJobWorker(client, { logger, clock })

let stopping = false
async function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	logger.info({ signal }, 'worker shutting down')
	await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false })
	await client.close()
	process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
