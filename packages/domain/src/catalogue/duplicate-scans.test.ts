import { describe, expect, test } from 'vitest'
import {
	decideDuplicateScanRequest,
	describeDuplicateReport,
	DUPLICATE_SCAN_STALLED_AFTER_MS,
	isDuplicateScanStalled,
	type DuplicateScanOverview,
	type DuplicateScanSummary,
} from './duplicate-scans.ts'

const NOW = new Date('2026-11-24T10:00:00Z')
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)

function scan(overrides: Partial<DuplicateScanSummary> & Pick<DuplicateScanSummary, 'id' | 'status'>): DuplicateScanSummary {
	return { version: 'v1', requestedAt: minutesAgo(10), updatedAt: minutesAgo(9), error: null, ...overrides }
}
const none: DuplicateScanOverview = { newestDone: null, active: null, newestFailed: null }

describe('describeDuplicateReport', () => {
	test('given no scan ever, there is no result and the administrator is offered a scan', () => {
		expect(describeDuplicateReport(none, { version: 'v1', now: NOW })).toEqual({ result: null, activity: { kind: 'idle' }, canScan: true })
	})

	test('given a finished scan of the current catalogue, its result is current and no scan is offered', () => {
		const done = scan({ id: 'done', status: 'done' })
		expect(describeDuplicateReport({ ...none, newestDone: done }, { version: 'v1', now: NOW })).toEqual({
			result: { scan: done, outdated: false },
			activity: { kind: 'idle' },
			canScan: false,
		})
	})

	test('when the catalogue changed since the finished scan, the result is shown as outdated and a new scan is offered', () => {
		const done = scan({ id: 'done', status: 'done' })
		const state = describeDuplicateReport({ ...none, newestDone: done }, { version: 'v2', now: NOW })
		expect(state.result).toEqual({ scan: done, outdated: true })
		expect(state.canScan).toBe(true)
	})

	test('while a scan runs, the outdated result stays visible beside the progress, and no second scan is offered', () => {
		const done = scan({ id: 'done', status: 'done' })
		const running = scan({ id: 'running', status: 'running', version: 'v2', requestedAt: minutesAgo(1), updatedAt: minutesAgo(0) })
		const state = describeDuplicateReport({ ...none, newestDone: done, active: running }, { version: 'v2', now: NOW })
		expect(state).toEqual({ result: { scan: done, outdated: true }, activity: { kind: 'scanning', scan: running }, canScan: false })
	})

	test('a failed scan newer than the result is shown with its error and may be retried', () => {
		const done = scan({ id: 'done', status: 'done', requestedAt: minutesAgo(30) })
		const failed = scan({ id: 'failed', status: 'failed', version: 'v2', requestedAt: minutesAgo(5), error: 'SCAN_FAILED' })
		const state = describeDuplicateReport({ newestDone: done, active: null, newestFailed: failed }, { version: 'v2', now: NOW })
		expect(state.activity).toEqual({ kind: 'failed', scan: failed, error: 'SCAN_FAILED' })
		expect(state.canScan).toBe(true)
	})

	test('a failure older than the newest result is history', () => {
		const failed = scan({ id: 'failed', status: 'failed', requestedAt: minutesAgo(60), error: 'SCAN_FAILED' })
		const done = scan({ id: 'done', status: 'done', requestedAt: minutesAgo(30) })
		expect(describeDuplicateReport({ newestDone: done, active: null, newestFailed: failed }, { version: 'v1', now: NOW })).toMatchObject({ activity: { kind: 'idle' }, canScan: false })
	})

	test('a scan without a sign of life for longer than the limit counts as stalled, and may be retried', () => {
		const stuck = scan({ id: 'stuck', status: 'running', updatedAt: new Date(NOW.getTime() - DUPLICATE_SCAN_STALLED_AFTER_MS - 1) })
		const state = describeDuplicateReport({ ...none, active: stuck }, { version: 'v1', now: NOW })
		expect(state).toEqual({ result: null, activity: { kind: 'failed', scan: stuck, error: 'SCAN_STALLED' }, canScan: true })
	})
})

describe('isDuplicateScanStalled', () => {
	test('only a queued or running scan can stall, and only after the limit', () => {
		const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
		expect(isDuplicateScanStalled(scan({ id: 'q', status: 'queued', updatedAt: at(1) }), { now: NOW })).toBe(false)
		expect(isDuplicateScanStalled(scan({ id: 'q', status: 'queued', updatedAt: at(3) }), { now: NOW })).toBe(true)
		expect(isDuplicateScanStalled(scan({ id: 'r', status: 'running', updatedAt: at(3) }), { now: NOW })).toBe(true)
		expect(isDuplicateScanStalled(scan({ id: 'd', status: 'done', updatedAt: at(300) }), { now: NOW })).toBe(false)
	})
})

describe('decideDuplicateScanRequest', () => {
	const decide = (overview: DuplicateScanOverview, version: string) => decideDuplicateScanRequest(describeDuplicateReport(overview, { version, now: NOW }), { version })

	test('given no result, a scan is queued', () => {
		expect(decide(none, 'v1')).toEqual({ ok: true, value: { kind: 'queue', giveUpScanId: null } })
	})

	test('given a current result, a request is refused: nothing changed', () => {
		expect(decide({ ...none, newestDone: scan({ id: 'done', status: 'done' }) }, 'v1')).toEqual({ ok: false, code: 'SCAN_CURRENT' })
	})

	test('given an outdated result, a scan is queued', () => {
		expect(decide({ ...none, newestDone: scan({ id: 'done', status: 'done' }) }, 'v2')).toEqual({ ok: true, value: { kind: 'queue', giveUpScanId: null } })
	})

	test('never two at once: while a scan is queued, a request is refused', () => {
		const queued = scan({ id: 'queued', status: 'queued', version: 'v1', updatedAt: minutesAgo(0) })
		expect(decide({ ...none, active: queued }, 'v2')).toEqual({ ok: false, code: 'SCAN_ALREADY_RUNNING' })
	})

	test('a change while a scan runs on the catalogue before it asks for one more scan when it finishes', () => {
		const running = scan({ id: 'running', status: 'running', version: 'v1', updatedAt: minutesAgo(0) })
		expect(decide({ ...none, active: running }, 'v2')).toEqual({ ok: true, value: { kind: 'rerun_after', scanId: 'running' } })
		expect(decide({ ...none, active: running }, 'v1')).toEqual({ ok: false, code: 'SCAN_ALREADY_RUNNING' })
	})

	test('a stalled scan is given up for a new one; a failed one needs nothing given up', () => {
		const stuck = scan({ id: 'stuck', status: 'running', updatedAt: minutesAgo(5) })
		expect(decide({ ...none, active: stuck }, 'v1')).toEqual({ ok: true, value: { kind: 'queue', giveUpScanId: 'stuck' } })
		const failed = scan({ id: 'failed', status: 'failed', error: 'SCAN_FAILED' })
		expect(decide({ ...none, newestFailed: failed }, 'v1')).toEqual({ ok: true, value: { kind: 'queue', giveUpScanId: null } })
	})
})
