import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { withDatabase, TEST_POSTGRES_URL } from '@leerplein/db/testing'
import { freePortOn, startTlsProxy, type TestCertificates, type TlsProxy } from './https-sites.ts'

// A real Moodle 5.1.3 as the LTI 1.3 tool, from the scripts in ../shared/moodle beside the
// repository (see its README): installed once per test file on a database of its own, served by
// `php -S` on 127.0.0.1:<port> behind a TLS proxy on <address>:<port> (https://<hostName>:<port>),
// and removed afterwards. Proxy and server share the port number because Moodle redirects every
// request whose server port differs from its wwwroot's (lib/setuplib.php, initialise_fullme),
// and `php -S` reports its own port; so the proxy listens on another loopback address.

const run = promisify(execFile)
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Where the Moodle scripts and tarball are: `../shared/moodle` beside the repository. */
export const MOODLE_SCRIPTS = process.env.MOODLE_SCRIPTS ?? resolve(repoRoot, '../shared/moodle')

export function realMoodleAvailable(): boolean {
	return existsSync(join(MOODLE_SCRIPTS, 'setup'))
}

export const MOODLE_ADMIN = { username: 'admin', password: 'Admin-test-1' }

export type PublishedCourse = {
	courseId: number
	assignmentCmid: number
	pageCmid: number | null
	dynamicRegistrationUrl: string
	/** The tool uuids of the published assignment, course and page (Leerplein sends them as custom id). */
	uuids: { assignment: string; course: string; page: string | null }
}

export type RealMoodle = {
	/** https://<hostName>:<port>, what Moodle calls its wwwroot. */
	readonly url: string
	readonly dir: string
	/** Moodle's own database, as postgres (table prefix mdl_). */
	readonly db: postgres.Sql
	/** The seconds each stage of the start took. */
	readonly timings: Record<string, number>
	publishCourse: (options?: { withPage?: boolean }) => Promise<PublishedCourse>
	/** Enables the REST web services for Leerplein; the token. */
	webServices: () => Promise<string>
	/** Adds quiz "Toets integriteit" (one true/false question, grade 10, pass 5) to the published course, published too (moodle-quiz.php). */
	addQuiz: () => Promise<{ cmid: number; uuid: string }>
	/** Grades a user on "Opdracht integriteit" (submitting for them first); the script's output. */
	grade: (username: string, grade: number, options?: { cmid?: number }) => Promise<string>
	/** Runs Moodle's LTI sync_grades and sync_members tasks now, then the ad-hoc tasks they queue. */
	sync: () => Promise<string>
	/** Runs a PHP CLI script with MOODLE_DIR set, as Moodle's own CLI scripts run. */
	php: (script: string, args?: string[]) => Promise<string>
	/** What Moodle's web server logged besides its access lines (PHP errors, Moodle's error_log, e.g. "Invalid Login Token"). */
	serverErrors: () => string[]
	stop: () => Promise<void>
}

export type RealMoodleOptions = {
	hostName: string
	/** The loopback address (not 127.0.0.1, where `php -S` listens) the host name resolves to. */
	address: string
	certificates: TestCertificates
	/** The command prefix every Moodle process runs under (its own /etc/hosts, https-sites.ts). */
	commandPrefix: string[]
	/** Where the test's own files go (the PHP ini file). */
	workDir: string
}

/**
 * Installs Moodle with Moodle's defaults (no compact logo), moves its wwwroot to
 * https://<hostName>:<port> behind a TLS proxy (`sslproxy`), and serves it. PHP trusts the
 * test CA through an ini file of its own (PHP_INI_SCAN_DIR).
 */
export async function startRealMoodle({ hostName, address, certificates, commandPrefix, workDir }: RealMoodleOptions): Promise<RealMoodle> {
	const timings: Record<string, number> = {}
	const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
		const start = performance.now()
		try {
			return await work()
		} finally {
			timings[stage] = Math.round(performance.now() - start) / 1000
		}
	}
	// Moodle's code stays for the next run (`setup` then skips unpacking 318 MB); `setup` resets its
	// config.php and moodledata each time. In the ignored .cache/ of this clone: one run at a time.
	const dir = join(repoRoot, '.cache/real-moodle/moodle-5.1.3')
	mkdirSync(dir, { recursive: true })
	const iniDir = join(workDir, 'php-ini')
	mkdirSync(iniDir, { recursive: true })
	writeFileSync(join(iniDir, 'zz-leerplein-test-ca.ini'), `curl.cainfo=${certificates.caFile}\nopenssl.cafile=${certificates.caFile}\n`)
	// The leading colon keeps PHP's own scan directory (Moodle's settings from `setup`) and adds ours.
	const env = { ...process.env, PHP_INI_SCAN_DIR: `:${iniDir}` }
	const runPrefixed = async (program: string, args: string[], runEnv: NodeJS.ProcessEnv) => {
		const [command, ...prefix] = commandPrefix
		try {
			const { stdout } = await run(command!, [...prefix, program, ...args], { env: runEnv, maxBuffer: 16 * 1024 * 1024 })
			return stdout
		} catch (error) {
			const failed = error as { stdout?: string; stderr?: string; message: string }
			throw new Error(`${program} ${args.join(' ')} failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`)
		}
	}
	const script = (name: string, args: string[], scriptEnv: NodeJS.ProcessEnv = env) => runPrefixed(join(MOODLE_SCRIPTS, name), args, scriptEnv)
	const php = (scriptFile: string, args: string[] = []) => runPrefixed('php', [scriptFile, ...args], { ...env, MOODLE_DIR: dir })
	const dbName = `moodle_test_${randomBytes(6).toString('hex')}`
	const port = await freePortOn(['127.0.0.1', address])
	const url = `https://${hostName}:${port}`
	let serverPid: number | null = null
	let proxy: TlsProxy | null = null
	const db = postgres(withDatabase(TEST_POSTGRES_URL, dbName), { max: 2, onnotice: () => {} })

	const stop = async () => {
		await db.end()
		await proxy?.stop()
		if (serverPid) {
			try {
				process.kill(serverPid, 'SIGTERM')
			} catch {
				// already gone
			}
		}
		const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} })
		try {
			await admin.unsafe(`drop database if exists ${dbName} with (force)`)
		} finally {
			await admin.end()
		}
		rmSync(join(dir, 'moodledata'), { recursive: true, force: true })
	}

	try {
		// Without our scan directory: setup writes Moodle's PHP settings into PHP's own one.
		await timed('setup', () => script('setup', [dir, String(port), dbName, '--no-logo'], process.env))
		await timed('wwwroot over https', async () => {
			const configFile = join(dir, 'config.php')
			const config = readFileSync(configFile, 'utf8').replace(/\$CFG->wwwroot\s*=\s*'[^']*';/, `$CFG->wwwroot   = '${url}';\n$CFG->sslproxy  = true;`)
			writeFileSync(configFile, config)
			await run('php', [join(dir, 'admin/cli/purge_caches.php')], { env })
		})
		// The install leaves ad-hoc tasks queued (building every theme's CSS takes the longest). They
		// run now, before anyone uses the site, rather than inside the first `sync`. Run beside the first
		// browser requests, the administrator's sign-in failed in two of three runs (user_login_failed, reason 3).
		await timed('install tasks', () => php(join(dir, 'admin/cli/adhoc_task.php'), ['--execute']))
		await timed('serve', async () => {
			const output = await script('serve', [dir, String(port)])
			serverPid = Number(output.trim().split('\n').at(-1))
			proxy = await startTlsProxy({ address, port, upstreamPort: port, certificates })
		})
	} catch (error) {
		await stop()
		throw error
	}

	return {
		url,
		dir,
		db,
		timings,
		async publishCourse({ withPage = false } = {}) {
			const output = await script('publish-course', [dir, ...(withPage ? ['--with-page'] : [])])
			const find = (pattern: RegExp) => {
				const match = pattern.exec(output)
				if (!match) throw new Error(`publish-course printed no ${pattern}:\n${output}`)
				return match[1]!
			}
			const page = /page: .*uuid (\S+), cmid (\d+)/.exec(output)
			return {
				courseId: Number(find(/^course: +id (\d+)/m)),
				assignmentCmid: Number(find(/^assignment: +cmid (\d+)/m)),
				pageCmid: page ? Number(page[2]) : null,
				dynamicRegistrationUrl: find(/dynamic registration URL: (\S+)/),
				uuids: { assignment: find(/assignment: .*uuid (\S+)/), course: find(/course: .*uuid (\S+)/), page: page ? page[1]! : null },
			}
		},
		async webServices() {
			const output = await script('web-services', [dir])
			const token = /^TOKEN (\S+)/m.exec(output)
			if (!token) throw new Error(`web-services printed no token:\n${output}`)
			return token[1]!
		},
		async addQuiz() {
			const output = await php(fileURLToPath(new URL('./moodle-quiz.php', import.meta.url)))
			const quiz = /^quiz: cmid (\d+),.* uuid (\S+)/m.exec(output)
			if (!quiz) throw new Error(`moodle-quiz.php printed no quiz:\n${output}`)
			return { cmid: Number(quiz[1]), uuid: quiz[2]! }
		},
		grade: (username, grade, { cmid } = {}) => script('grade', [dir, username, String(grade), ...(cmid ? [`--cmid=${cmid}`] : [])]),
		sync: () => script('sync', [dir]),
		php,
		serverErrors() {
			const log = join(dir, `serve-${port}.log`)
			if (!existsSync(log)) return []
			// php -S logs each request as accepted, answered ([status]: METHOD path) and closed.
			return readFileSync(log, 'utf8')
				.split('\n')
				.filter((line) => line.trim() && !/ (Accepted|Closing)$| \[\d{3}\]: [A-Z]+ | Development Server \(/.test(line))
		},
		stop,
	}
}
