#!/usr/bin/env node
// The two README commands (`npm start`, `npm test`) land here. A fresh clone has
// only Node.js and npm, so this script fetches the pinned pnpm, installs the
// workspace when needed, and then hands over to pnpm/turbo.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]
const toolsDir = join(root, '.tools')
const toolsBin = join(toolsDir, 'node_modules', '.bin')

function run(command, args, { env = {} } = {}) {
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH}`, TURBO_TELEMETRY_DISABLED: '1', ...env },
	})
	if (result.error) throw result.error
	return result.status ?? 1
}

function pnpmVersion() {
	const result = spawnSync('pnpm', ['--version'], {
		env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH}` },
		encoding: 'utf8',
	})
	return result.status === 0 ? result.stdout.trim() : null
}

// corepack is unreliable on some machines; a local npm install of pnpm is not.
function ensurePnpm() {
	if (pnpmVersion() === pinned) return
	console.log(`[leerplein] installing pnpm ${pinned} into .tools/`)
	const status = run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${pinned}`])
	if (status !== 0 || pnpmVersion() !== pinned) {
		console.error('[leerplein] could not install pnpm; check your npm registry access')
		process.exit(1)
	}
}

function ensureDependencies() {
	const marker = join(root, 'node_modules', '.modules.yaml')
	const lockfile = join(root, 'pnpm-lock.yaml')
	const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs
	if (fresh) return
	console.log('[leerplein] installing dependencies')
	const status = run('pnpm', ['install', '--frozen-lockfile'])
	if (status !== 0) process.exit(status)
}

// The browser tests use Debian's Chromium (never a downloaded build); as root we can install it.
function ensureChromium() {
	const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
	if (existsSync(path)) return
	const root = typeof process.getuid === 'function' && process.getuid() === 0
	if (!root || spawnSync('which', ['apt-get']).status !== 0) {
		console.warn(`[leerplein] no Chromium at ${path}: install Debian's chromium package or set CHROMIUM_PATH`)
		return
	}
	console.log("[leerplein] installing Debian's chromium for the browser tests")
	const env = { DEBIAN_FRONTEND: 'noninteractive' }
	if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) {
		console.warn('[leerplein] could not install chromium; the browser tests will say so')
	}
}

const commands = {
	start: () =>
		run('pnpm', ['turbo', 'run', 'build', '--filter=@leerplein/portal', '--output-logs=errors-only']) ||
		run('pnpm', ['--filter', '@leerplein/portal', 'start']),
	dev: () => run('pnpm', ['--filter', '@leerplein/portal', 'dev']),
	test: () => {
		ensureChromium()
		return run('pnpm', ['turbo', 'run', 'lint', 'typecheck', 'test', '--continue=dependencies-successful'])
	},
	bench: () =>
		run('pnpm', ['turbo', 'run', 'build', '--filter=@leerplein/portal', '--output-logs=errors-only']) ||
		run('pnpm', ['--filter', '@leerplein/tests', 'bench', ...process.argv.slice(3)]),
}

const command = commands[process.argv[2] ?? '']
if (!command) {
	console.error(`usage: node scripts/leerplein.mjs ${Object.keys(commands).join('|')}`)
	process.exit(2)
}
ensurePnpm()
ensureDependencies()
process.exit(command())
