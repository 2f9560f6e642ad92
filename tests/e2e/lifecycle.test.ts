import { testDrivers } from '@leerplein/db/testing'
import { describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'
import type { RunningPortal } from '../support/portal.ts'

async function catalogueCount(portal: RunningPortal): Promise<string> {
	const html = await (await fetch(`${portal.url}/catalogus`)).text()
	return /([\d.]+) opleidingen/.exec(html)?.[1] ?? 'none'
}

describe.each(await testDrivers())('the portal process on %s', (driver) => {
	// Its own portal on an empty database, as a new installation: the test restarts it, and counts the seeding in its log.
	const { portal } = useE2E({ driver, emptyDatabase: true, browser: false })

	test('seeds an empty database once, shuts down cleanly on SIGTERM, and keeps its data across a restart', async () => {
		const before = await catalogueCount(portal)
		expect(before).not.toBe('none')
		const seeded = () => portal.logs().filter((line) => line.msg === 'demo data seeded').length
		expect(seeded()).toBe(1)

		expect(await portal.restart()).toBe(0)
		expect(portal.logs().some((line) => line.msg === 'shutting down' && line.signal === 'SIGTERM')).toBe(true)

		expect(await catalogueCount(portal)).toBe(before)
		expect(seeded()).toBe(1)
	})

	test('serves as leerplein_app, the role that obeys row-level security, after migrating and seeding as the owner', () => {
		const roleLines = portal.logs().filter((line) => line.msg === 'serving as a role that obeys row-level security')
		expect(roleLines.length).toBeGreaterThan(0)
		expect(roleLines.every((line) => line.role === 'leerplein_app')).toBe(true)
		expect(portal.logs().filter((line) => line.level >= 40)).toEqual([])
	})
})
