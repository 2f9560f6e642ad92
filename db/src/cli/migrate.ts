import { createDatabase, databaseConfigFromEnv } from '../client.ts'
import { migrateDatabase } from '../migrate.ts'

// `pnpm --filter @leerplein/db db:migrate`: the same migrations the portal applies at start-up.
const client = await createDatabase(databaseConfigFromEnv(), { role: 'migrator' })
try {
	await migrateDatabase(client)
	console.log(`[migrate] ${client.config.driver} database is up to date`)
} finally {
	await client.close()
}
