import { systemClock, type Clock } from '../core/clock.ts'

/** What the test harness sends the process over its IPC channel: how far the clock stands ahead of the system's. */
export type SetClockMessage = { type: 'leerplein:set-clock'; offsetMs: number }
/** The process's answer once every later `now()` reads the new time. */
export type ClockSetMessage = { type: 'leerplein:clock-set'; offsetMs: number }

/** The end of a Node IPC channel: the child's `process` when its parent forked it with 'ipc' in stdio. */
export type IpcChannel = {
	send?: (message: ClockSetMessage) => unknown
	on: (event: 'message', listener: (message: unknown) => void) => unknown
}

export const TEST_CLOCK_ENV = 'LEERPLEIN_TEST_CLOCK'

/**
 * The clock of a portal or worker process. Normally the system clock. Started by the test
 * harness with `LEERPLEIN_TEST_CLOCK=ipc`, the process takes its time from a clock the harness
 * moves over the Node IPC channel it opened (tests/support/portal.ts), so a test sets the time
 * instead of waiting for it. There is no network way in: only the parent process that holds the
 * channel can move the clock. And it is refused outright in production unless demo mode is on
 * (the test harness runs the built portal in production mode with demo personas).
 */
export function processClock(env: Record<string, string | undefined>, { demoMode, channel }: { demoMode: boolean; channel: IpcChannel }): Clock {
	const mode = env[TEST_CLOCK_ENV]?.trim()
	if (!mode) return systemClock
	if (mode !== 'ipc') throw new Error(`${TEST_CLOCK_ENV} can only be "ipc", not "${mode}"`)
	if (env.NODE_ENV === 'production' && !demoMode) throw new Error(`${TEST_CLOCK_ENV} is for the test harness: refused in production without demo mode`)
	const send = channel.send?.bind(channel)
	if (!send) throw new Error(`${TEST_CLOCK_ENV}=ipc needs an IPC channel to the test harness, and this process has none`)
	let offsetMs = 0
	channel.on('message', (message) => {
		if (!isSetClock(message)) return
		offsetMs = message.offsetMs
		send({ type: 'leerplein:clock-set', offsetMs })
	})
	return { now: () => new Date(Date.now() + offsetMs) }
}

function isSetClock(message: unknown): message is SetClockMessage {
	return (
		typeof message === 'object' &&
		message !== null &&
		(message as SetClockMessage).type === 'leerplein:set-clock' &&
		Number.isSafeInteger((message as SetClockMessage).offsetMs)
	)
}
