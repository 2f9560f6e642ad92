import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { stopSharedPortals } from './portal.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** Where the run's shared portals register themselves (support/portal.ts). */
		e2eRunDir: string
	}
}

const appDir = fileURLToPath(new URL('../../app', import.meta.url))

/**
 * Once per `vitest run` of this package: builds the portal when its build is older than its
 * sources (turbo has built it already in `npm test`; this is for running one file by hand), and
 * gives the run a directory for its shared portals, which are stopped when the run ends.
 */
export default function setup(project: TestProject) {
	buildPortalIfStale()
	const runDir = mkdtempSync(join(tmpdir(), 'leerplein-run-'))
	project.provide('e2eRunDir', runDir)
	return async () => {
		await stopSharedPortals(runDir)
		rmSync(runDir, { recursive: true, force: true })
	}
}

function buildPortalIfStale() {
	const built = join(appDir, 'build/server/index.js')
	if (existsSync(built) && statSync(built).mtimeMs >= newestSource(appDir)) return
	// Not as a test: vite.config.ts leaves the Remix plugin out under Vitest.
	const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))), NODE_ENV: 'production' as const }
	const result = spawnSync('npx', ['remix', 'vite:build'], { cwd: appDir, env, stdio: ['ignore', 'ignore', 'inherit'] })
	if (result.status !== 0) throw new Error('building the portal for the end-to-end tests failed')
}

/** The newest modification time of the portal's sources (tests, their setup, generated files and turbo's task logs excluded: a log written after the build made it look stale in CI). */
function newestSource(dir: string): number {
	let newest = 0
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (['node_modules', 'build', '.data', '.cache', '.turbo'].includes(entry.name)) continue
		const path = join(dir, entry.name)
		if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
		else if (!/(\.test\.tsx?|^vitest\.setup\.ts)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
	}
	return newest
}
