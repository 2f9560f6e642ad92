import type { Page, Response } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'

/** Issue 19's budget for a first visit to the catalogue, in compressed bytes as they cross the wire. */
const BUDGET = { script: 150 * 1024, total: 250 * 1024 }

type Transfer = { url: string; type: string; bytes: number; encoding: string | null }

/** Every response of a first visit (an empty cache) up to a hydrated page, with its body's size as sent. */
async function firstVisit(page: Page, path: string): Promise<Transfer[]> {
	const responses: Response[] = []
	const problems: string[] = []
	page.on('response', (response) => responses.push(response))
	// A hydration in another language than the server rendered would be reported here as a mismatch.
	page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()))
	page.on('pageerror', (error) => problems.push(error.message))
	await page.goto(path, { waitUntil: 'networkidle' })
	expect(problems).toEqual([])
	return Promise.all(
		responses.map(async (response) => ({
			url: new URL(response.url()).pathname,
			type: response.request().resourceType(),
			bytes: (await response.request().sizes()).responseBodySize,
			encoding: await response.headerValue('content-encoding'),
		})),
	)
}

const sum = (transfers: Transfer[]) => transfers.reduce((total, transfer) => total + transfer.bytes, 0)

describe('the first load', () => {
	const e2e = useE2E({ driver: 'pglite' })
	const { portal } = e2e

	test('a first visit to the catalogue stays within budget (≤ 150 KB script, ≤ 250 KB in all, compressed), every text sent compressed, and the page hydrates', async () => {
		const page = await e2e.newPage()
		const transfers = await firstVisit(page, '/catalogus')
		const scripts = transfers.filter((transfer) => transfer.type === 'script')
		console.info(`first load of /catalogus: ${scripts.length} scripts ${sum(scripts)} B, ${transfers.length} responses ${sum(transfers)} B in all`)
		expect(scripts.length).toBeGreaterThan(0)
		expect(sum(scripts)).toBeLessThanOrEqual(BUDGET.script)
		expect(sum(transfers)).toBeLessThanOrEqual(BUDGET.total)
		for (const transfer of transfers.filter((t) => ['document', 'script', 'stylesheet', 'fetch'].includes(t.type) && t.bytes > 1024)) {
			expect(transfer.encoding, transfer.url).toBe('br')
		}
		// Only this page's language crossed the wire, and the page runs: a client-side search keeps the document.
		expect(transfers.filter((transfer) => transfer.url.startsWith('/i18n/')).map((transfer) => transfer.url)).toEqual(['/i18n/nl.json'])
		await page.evaluate(() => Object.assign(window, { sameDocument: true }))
		await page.getByRole('link', { name: 'Inloggen' }).click()
		await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor()
		expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
	})

	test('in English the page loads the English catalogue alone and hydrates in English', async () => {
		const page = await e2e.newPage()
		const transfers = await firstVisit(page, '/catalogus?lng=en')
		expect(transfers.filter((transfer) => transfer.url.startsWith('/i18n/')).map((transfer) => transfer.url)).toEqual(['/i18n/en.json'])
		expect(await page.title()).toBe('Catalogue – Leerplein')
		await page.evaluate(() => Object.assign(window, { sameDocument: true }))
		await page.getByRole('link', { name: 'Sign in' }).click()
		await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
		expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
	})

	test.each(['br', 'gzip'])('pages, scripts and the catalogue go out as %s when the client takes it, and as they are when it does not', async (encoding) => {
		const html = await fetch(`${portal.url}/catalogus`)
		const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"|href="(\/assets\/entry\.client[^"]+\.js)"/.exec(await html.text())
		const catalogue = /href="(\/i18n\/nl\.json\?v=[^"]+)"/.exec(await (await fetch(`${portal.url}/catalogus`)).text())?.[1]
		const paths = ['/catalogus', script?.[1] ?? script?.[2], catalogue]
		for (const path of paths) {
			expect(path).toBeTruthy()
			const compressed = await fetch(`${portal.url}${path}`, { headers: { 'Accept-Encoding': encoding } })
			expect(compressed.headers.get('content-encoding'), path).toBe(encoding)
			expect(compressed.headers.get('vary') ?? '', path).toMatch(/accept-encoding/i)
			await compressed.arrayBuffer()
			const plain = await fetch(`${portal.url}${path}`, { headers: { 'Accept-Encoding': 'identity' } })
			expect(plain.headers.get('content-encoding'), path).toBeNull()
			await plain.arrayBuffer()
		}
	})

	test('fingerprinted scripts and a versioned catalogue are cached for a year; an unversioned catalogue is revalidated; an unknown language is 404', async () => {
		const html = await (await fetch(`${portal.url}/catalogus`)).text()
		const catalogue = /href="(\/i18n\/nl\.json\?v=[^"]+)"/.exec(html)![1]
		const script = /"(\/assets\/entry\.client-[^"]+\.js)"/.exec(html)![1]
		for (const path of [catalogue, script]) expect((await fetch(`${portal.url}${path}`)).headers.get('cache-control'), path).toContain('immutable')
		expect((await fetch(`${portal.url}/i18n/nl.json?v=old`)).headers.get('cache-control')).toBe('no-cache')
		expect((await fetch(`${portal.url}/i18n/xx.json`)).status).toBe(404)
	})
})
