import { EventEmitter } from 'node:events'
import { describe, expect, test } from 'vitest'
import { systemClock } from '../core/clock.ts'
import { processClock, type ClockSetMessage } from './test-clock.ts'

/** The child's end of an IPC channel, as `process` is when the parent forked it with 'ipc'. */
function channel() {
	const emitter = new EventEmitter()
	const sent: ClockSetMessage[] = []
	return Object.assign(emitter, { sent, send: (message: ClockSetMessage) => sent.push(message) })
}

describe('the process clock', () => {
	test('is the system clock unless the test harness asks for its own', () => {
		expect(processClock({ NODE_ENV: 'production' }, { demoMode: false, channel: channel() })).toBe(systemClock)
	})

	test('moves when the harness sends an offset over the IPC channel, and says so', () => {
		const ipc = channel()
		const clock = processClock({ NODE_ENV: 'production', LEERPLEIN_TEST_CLOCK: 'ipc' }, { demoMode: true, channel: ipc })
		const before = Date.now()
		ipc.emit('message', { type: 'leerplein:set-clock', offsetMs: 31 * 60_000 })
		const read = clock.now().getTime()
		expect(read).toBeGreaterThanOrEqual(before + 31 * 60_000)
		expect(read).toBeLessThan(Date.now() + 32 * 60_000)
		expect(ipc.sent).toEqual([{ type: 'leerplein:clock-set', offsetMs: 31 * 60_000 }])
		// Anything else on the channel is not for the clock.
		ipc.emit('message', { type: 'leerplein:set-clock', offsetMs: 'morgen' })
		ipc.emit('message', 'hello')
		expect(ipc.sent).toHaveLength(1)
	})

	test('is refused in production without demo mode, without an IPC channel, and for any other mode', () => {
		expect(() => processClock({ NODE_ENV: 'production', LEERPLEIN_TEST_CLOCK: 'ipc' }, { demoMode: false, channel: channel() })).toThrow(
			'refused in production without demo mode',
		)
		expect(() => processClock({ LEERPLEIN_TEST_CLOCK: 'ipc' }, { demoMode: false, channel: new EventEmitter() })).toThrow('needs an IPC channel')
		expect(() => processClock({ LEERPLEIN_TEST_CLOCK: 'http' }, { demoMode: true, channel: channel() })).toThrow('can only be "ipc"')
	})
})
