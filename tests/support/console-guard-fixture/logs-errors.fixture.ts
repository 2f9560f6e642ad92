import { expect, test } from 'vitest'
import { expectConsoleError } from '../console-guard.ts'

// Run by console-guard.test.ts, never by the suite itself: the first test is meant to fail.

test('logs an error', () => {
	console.error('de database is weg: %s', 'ECONNREFUSED')
	expect(1 + 1).toBe(2)
})

test('provokes an error it expects', async () => {
	await expectConsoleError(/verwacht/, () => console.error('een verwachte fout'))
})

test('expects an error that never comes', async () => {
	await expectConsoleError(/verwacht/, () => undefined)
})

test('logs nothing', () => {
	expect(true).toBe(true)
})
