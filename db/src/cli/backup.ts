import { resolve } from 'node:path'
import { backupPglite, backupPostgres, BackupError, databaseFingerprint, restorePglite, restorePostgres } from '../backup.ts'
import { createDatabase, databaseConfigFromEnv } from '../client.ts'

// `pnpm --filter @leerplein/db db:backup -- --to PATH` and `db:restore -- --from PATH` (docs/operations.md, "Backups").
// PostgreSQL (DATABASE_URL; the owner's MIGRATION_DATABASE_URL when set): PATH is a pg_dump file,
// restored into an empty database. The embedded database (PGLITE_DIR): PATH is a copy of its
// folder, made and put back while the portal is stopped.

function flag(name: string): string {
	const args = process.argv.slice(3)
	const inline = args.find((arg) => arg.startsWith(`--${name}=`))
	const value = inline ? inline.slice(name.length + 3) : args[args.indexOf(`--${name}`) + 1]
	if (!value || (!inline && !args.includes(`--${name}`))) {
		console.error(`[backup] say where: --${name} PATH`)
		process.exit(2)
	}
	// pnpm runs this in db/; a relative path means where the command was typed.
	return resolve(process.env.INIT_CWD ?? process.cwd(), value)
}

const command = process.argv[2]
const config = databaseConfigFromEnv()
let exitCode = 0
try {
	if (command === 'backup') {
		const to = flag('to')
		if (config.driver === 'postgres') await backupPostgres({ url: config.migrationUrl, file: to })
		else await backupPglite({ dataDir: config.dataDir!, to })
		console.log(`[backup] ${config.driver} database backed up to ${to}`)
	} else if (command === 'restore') {
		const from = flag('from')
		if (config.driver === 'postgres') {
			const owner = await createDatabase(config, { role: 'migrator' })
			try {
				await restorePostgres({ url: config.migrationUrl, file: from, db: owner.db })
			} finally {
				await owner.close()
			}
		} else await restorePglite({ from, dataDir: config.dataDir! })
		// What came back, to compare with the source (docs/operations.md says how).
		const restored = await createDatabase(config, { role: 'migrator' })
		try {
			const tables = Object.entries(await databaseFingerprint(restored.db))
			console.log(`[restore] ${config.driver} database restored from ${from}: ${tables.length} tables, ${tables.reduce((sum, [, table]) => sum + table.rows, 0)} rows`)
		} finally {
			await restored.close()
		}
	} else {
		console.error('[backup] usage: backup --to PATH | restore --from PATH')
		exitCode = 2
	}
} catch (error) {
	console.error(`[${command}] failed: ${error instanceof BackupError ? error.message : String(error)}`)
	exitCode = 1
}
process.exit(exitCode)
