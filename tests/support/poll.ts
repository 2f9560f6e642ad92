import { setTimeout as delay } from 'node:timers/promises'

/**
 * The one way a test waits for something another process does (a server becoming healthy, a
 * mail arriving, a job finishing): ask `check` until it answers with something other than
 * false, null or undefined, and return that; fail after `timeoutMs` with `message`. Never wait a
 * fixed time instead: a fixed wait is either too long or, on a busy machine, too short, and
 * "nothing happened after two seconds" proves nothing (wait for the event that shows it was done).
 */
export async function pollUntil<T>(
	check: () => T | Promise<T>,
	{ timeoutMs = 30_000, intervalMs = 100, message }: { timeoutMs?: number; intervalMs?: number; message: string | (() => string) },
): Promise<Exclude<T, false | null | undefined>> {
	const deadline = Date.now() + timeoutMs
	for (;;) {
		const answer = await check()
		if (answer !== false && answer !== null && answer !== undefined) return answer as Exclude<T, false | null | undefined>
		if (Date.now() >= deadline) throw new Error(`${typeof message === 'function' ? message() : message} (waited ${timeoutMs} ms)`)
		await delay(intervalMs)
	}
}
