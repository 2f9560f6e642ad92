// Any console.error during a test fails that test (STYLE.md, as in the Epic Stack): an error the
// code logs is a bug, or a failure the test provokes, and then the test says so with
// expectConsoleError. Every vitest project of the repository installs this from its
// vitest.setup.ts, passing its own vitest's hooks (the packages do not share one vitest instance).
//
// No imports on purpose: the domain package's setup imports this too.

type Hook = (run: () => void) => void

/** console.error calls nobody expected, not yet reported. */
const unexpected: string[] = []
/** While expectConsoleError runs: what was logged meanwhile. */
let expecting: string[] | null = null

/** Installs the guard: every console.error is recorded, and fails the test (or, outside a test, the file) in the hooks. */
export function failOnConsoleError({ afterEach, afterAll }: { afterEach: Hook; afterAll: Hook }): void {
	const original = console.error.bind(console)
	console.error = (...args: unknown[]) => {
		if (expecting) {
			expecting.push(format(args))
			return
		}
		unexpected.push(format(args))
		original(...args)
	}
	afterEach(() => throwIfConsoleErrors('during this test'))
	afterAll(() => throwIfConsoleErrors('outside any test (in a hook, or while the file loaded)'))
}

/** Fails (and forgets them) when console.error was called unexpectedly since the last check. */
export function throwIfConsoleErrors(when: string): void {
	if (unexpected.length === 0) return
	const errors = unexpected.splice(0)
	throw new Error(
		`console.error was called ${when}; fix the cause, or wrap what provokes it in expectConsoleError():\n${errors.map((error) => `  - ${error}`).join('\n')}`,
	)
}

/**
 * Runs `provoke` and asserts it made the code log an error matching `match`; such errors do not
 * fail the test. Anything else logged meanwhile still does.
 */
export async function expectConsoleError<T>(match: RegExp, provoke: () => T | Promise<T>): Promise<T> {
	if (expecting) throw new Error('expectConsoleError() does not nest')
	const logged: string[] = []
	expecting = logged
	let result: T
	try {
		result = await provoke()
	} finally {
		expecting = null
	}
	const others = logged.filter((error) => !match.test(error))
	unexpected.push(...others)
	if (others.length === logged.length) throw new Error(`expected a console.error matching ${match}, but ${logged.length === 0 ? 'none came' : `only got:\n${logged.join('\n')}`}`)
	return result
}

/** As console.error prints its arguments: %s/%d/%i/%o/%O/%j substitutions, then the rest, errors with their stack. */
function format(args: unknown[]): string {
	const show = (value: unknown): string => {
		if (typeof value === 'string') return value
		if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`
		try {
			return JSON.stringify(value) ?? String(value)
		} catch {
			return String(value)
		}
	}
	const [first, ...rest] = args
	if (typeof first !== 'string') return args.map(show).join(' ')
	const text = first.replace(/%[sdifoOjc%]/g, (token) => (token === '%%' ? '%' : rest.length > 0 ? (token === '%c' ? (rest.shift(), '') : show(rest.shift())) : token))
	return [text, ...rest.map(show)].join(' ')
}
