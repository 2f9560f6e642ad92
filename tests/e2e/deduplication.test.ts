import { testDrivers } from '@leerplein/db/testing'
import { seededDuplicateClusters } from '@leerplein/db/seed'
import type { Page, Route } from 'playwright-core'
import { beforeEach, describe, expect, test } from 'vitest'
import { accessibilityViolations, ELS, FATIMA, PETER, signInAs, useE2E } from '../support/e2e.ts'
import { pollUntil } from '../support/poll.ts'

const RVO = 'Rijksdienst voor Ondernemend Nederland'
const NVWA = 'Nederlandse Voedsel- en Warenautoriteit'
/** What the report says when a scan result is there. */
const SCANNED = /gepubliceerde cursussen doorzocht/
/** How long a scan of the whole catalogue may take: about 20 s on a quiet machine, over 30 s while CI runs other e2e files beside it. */
const SCAN_MS = 90_000

describe.each(await testDrivers())('deduplication of the shared catalogue on %s', (driver) => {
	// The scan is a background job: the worker runs in the portal on either database here. It
	// looks for jobs every 5 seconds, so the report's "in line" state is there to be seen.
	const e2e = useE2E({ driver, env: { JOBS_IN_PROCESS: 'true', JOB_POLL_SECONDS: '5' } })
	const { portal } = e2e
	let page: Page
	const clusters = seededDuplicateClusters('small')

	beforeEach(async () => {
		page = await e2e.newPage()
	})

	/** A course as its page shows it. */
	async function readCourse(id: string) {
		await page.goto(`/catalogus/${id}`)
		return {
			id,
			title: (await page.getByRole('heading', { level: 1 }).textContent())!,
			summary: (await page.locator('.lead').first().textContent())!,
			description: (await page.locator('.course__about > p:not(.keywords)').allTextContents()).join('\n\n'),
			provider: (await page.locator('.course__facts dd').first().textContent())!,
		}
	}

	test('a coordinator writing a course that already exists sees it suggested, with why, and joins it instead', async () => {
		await signInAs(page, FATIMA)
		// A seeded near-duplicate provided by another unit than RVO.
		let existing: Awaited<ReturnType<typeof readCourse>> | null = null
		for (const id of clusters.flat()) {
			const course = await readCourse(id)
			if (course.provider !== RVO) {
				existing = course
				break
			}
		}
		expect(existing).not.toBeNull()

		await page.goto('/beheer/cursussen/nieuw')
		// Bad input first: errors in Dutch next to their fields, nothing typed is lost.
		await page.getByLabel('Titel').fill('Ab')
		await page.getByLabel('Duur in minuten').fill('twee uur')
		await page.getByRole('button', { name: 'Opslaan' }).click()
		await expect(page.locator('#course-title-error').textContent()).resolves.toBe('Geef een titel van minstens 3 tekens.')
		await expect(page.locator('#course-durationMinutes-error').textContent()).resolves.toBe('Vul de duur in als getal, in minuten, bijvoorbeeld 240.')
		expect(await page.getByLabel('Duur in minuten').inputValue()).toBe('twee uur')
		expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true')
		expect(await accessibilityViolations(page)).toEqual([])

		await page.getByLabel('Titel').fill(`${existing!.title} (basis)`)
		await page.getByLabel('Korte samenvatting').fill(existing!.summary)
		await page.getByLabel('Beschrijving').fill(existing!.description)
		await page.getByLabel('Thema').selectOption({ index: 1 })
		await page.getByLabel('Duur in minuten').fill('240')
		await page.getByRole('button', { name: 'Opslaan' }).click()

		await page.getByRole('heading', { name: 'Deze cursus bestaat misschien al' }).waitFor()
		const card = page.locator('.duplicate-card', { hasText: existing!.title })
		await expect(card.textContent()).resolves.toContain(`Aangeboden door ${existing!.provider}`)
		await expect(card.locator('.reasons').textContent()).resolves.toMatch(/beschrijving/)
		expect(await page.getByRole('button', { name: 'Toch opslaan als nieuwe cursus' }).count()).toBe(1)
		expect(await accessibilityViolations(page)).toEqual([])

		await card.getByRole('button', { name: 'Aansluiten bij deze cursus' }).click()
		await page.waitForURL(`**/catalogus/${existing!.id}?aangesloten=1`)
		await expect(page.locator('.offered-by').textContent()).resolves.toContain(RVO)
	})

	/** Waits, without reloading, until the page shows a current scan result: the page follows the scan by itself. */
	async function waitForCurrentResult(on: Page) {
		await on.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
		await on.getByText(SCANNED).waitFor({ timeout: SCAN_MS })
		await on.getByText('Dit overzicht is verouderd').waitFor({ state: 'detached', timeout: SCAN_MS })
		expect(await on.getByRole('progressbar').count()).toBe(0)
		expect(await on.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
	}

	test('the concern administrator starts the scan, follows it without JavaScript, compares a cluster, merges it (old URL 301), undoes it after confirming, and records "not a duplicate"', async () => {
		page.setDefaultTimeout(20_000)
		await signInAs(page, ELS)
		await page.goto('/beheer/dubbelingen')
		await page.getByText('Er is nog geen scan gedaan.').waitFor()
		expect(await page.locator('ol.duplicate-list').count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])

		// Without JavaScript: the button posts, the progress is a page of its own, and "Vernieuwen" follows it.
		const noScript = await e2e.newContext({ javaScriptEnabled: false })
		noScript.setDefaultTimeout(20_000)
		try {
			const plain = await noScript.newPage()
			await signInAs(plain, ELS)
			await plain.goto('/beheer/dubbelingen')
			await plain.getByRole('button', { name: 'Nu scannen' }).click()
			await plain.waitForURL('**/beheer/dubbelingen?scan=gestart')
			const progress = plain.getByRole('progressbar', { name: /^Scan (in de wachtrij…|bezig: [\d.]+ van [\d.]+ cursussen)$/ })
			expect(await progress.count()).toBe(1)
			await expect(plain.locator('.notice').first().textContent()).resolves.toBe('De scan is gestart. Het overzicht wordt bijgewerkt zodra hij klaar is.')
			expect(await plain.getByRole('button', { name: 'Nu scannen' }).count()).toBe(0)
			// A second request meanwhile starts no second scan: refused as busy, or, when the first has
			// already finished on a quick machine, as current (nothing changed since). Never started.
			const again = await plain.request.post('/beheer/dubbelingen', { headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' }, data: 'intent=scan', maxRedirects: 0 })
			expect(again.status()).toBe(303)
			expect(['/beheer/dubbelingen?scan=bezig', '/beheer/dubbelingen?scan=actueel']).toContain(again.headers().location)
			await pollUntil(
				async () => {
					if ((await plain.getByRole('progressbar').count()) === 0) return true
					await plain.getByRole('link', { name: 'Vernieuwen' }).click()
					return false
				},
				{ timeoutMs: SCAN_MS, intervalMs: 500, message: 'the scan did not finish' },
			)
			await plain.getByText(SCANNED).waitFor()
			expect(await plain.locator('ol.duplicate-list > li').count()).toBeGreaterThan(0)
		} finally {
			await noScript.close()
		}

		const [first, second] = clusters[1]! as [string, string]
		const firstCourse = await readCourse(first)
		const secondCourse = await readCourse(second)

		await page.goto('/beheer/dubbelingen')
		await page.getByText(SCANNED).waitFor()
		expect(await page.getByRole('button', { name: 'Nu scannen' }).count()).toBe(0)
		expect(await accessibilityViolations(page)).toEqual([])
		const group = page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title })
		expect(await group.count()).toBe(1)
		// Keyboard only: to the compare link, and Enter.
		await group.getByRole('link', { name: /^Vergelijken/ }).focus()
		await page.keyboard.press('Enter')
		await page.getByRole('heading', { level: 1, name: 'Cursussen vergelijken' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])

		// Merging needs a choice, then a confirmation.
		await page.getByRole('button', { name: 'Samenvoegen…' }).click()
		await expect(page.locator('#compare-canonicalId-error').textContent()).resolves.toBe('Kies welke cursus blijft.')
		await page.locator(`#keep-${first}`).focus()
		await page.keyboard.press('Space')
		await page.getByRole('button', { name: 'Samenvoegen…' }).click()
		await page.getByRole('heading', { name: 'Samenvoegen bevestigen' }).waitFor()
		expect(await accessibilityViolations(page)).toEqual([])
		await page.getByRole('button', { name: 'Ja, samenvoegen' }).click()
		await page.waitForURL('**/beheer/dubbelingen?samengevoegd=1')

		// The merge queued a new scan itself; meanwhile the old result shows, marked outdated, without the merged group.
		// Under load the new scan can be done before the page first renders (on PGlite it shares the one
		// connection with the page's loader, which then waits for it): then the result is current at once.
		const outdated = page.getByText('Dit overzicht is verouderd')
		const done = page.getByRole('status').getByText('De scan is klaar.')
		await outdated.or(done).first().waitFor({ state: 'attached', timeout: SCAN_MS })
		expect(await page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title }).count()).toBe(0)
		expect(await page.getByRole('button', { name: 'Nu scannen' }).count()).toBe(0)
		if ((await outdated.count()) > 0) {
			expect(await page.getByRole('progressbar', { name: /^Scan (in de wachtrij…|bezig: [\d.]+ van [\d.]+ cursussen)$/ }).count()).toBe(1)
			// The page asks for news every few seconds; held for a moment, the state stands still for the accessibility scan.
			const held: Route[] = []
			const hold = (route: Route) => void held.push(route)
			const dataRequests = (url: URL) => url.searchParams.has('_data')
			await page.route(dataRequests, hold)
			expect(await accessibilityViolations(page)).toEqual([])
			await page.unroute(dataRequests, hold)
			await Promise.all(held.map((route) => route.continue()))
			await waitForCurrentResult(page)
		}

		// The merged course's old URL redirects permanently to the canonical course, for anyone.
		const moved = await fetch(`${portal.url}/catalogus/${second}`, { redirect: 'manual' })
		expect(moved.status).toBe(301)
		expect(moved.headers.get('location')).toBe(`/catalogus/${first}`)
		await page.goto(`/catalogus/${second}`)
		expect(new URL(page.url()).pathname).toBe(`/catalogus/${first}`)
		await expect(page.locator('.offered-by').textContent()).resolves.toContain(secondCourse.provider)

		// Undo asks first; cancelling changes nothing.
		await page.goto('/beheer/dubbelingen')
		const history = page.locator('section[aria-labelledby="samengevoegd"]')
		const merged = history.locator('.duplicate-card', { hasText: `${secondCourse.title} (` })
		await merged.getByRole('link', { name: /^Ongedaan maken…/ }).click()
		await page.getByRole('heading', { name: 'Samenvoeging ongedaan maken?' }).waitFor()
		await expect(page.locator('.confirm p').textContent()).resolves.toContain(`“${secondCourse.title}”`)
		expect(await accessibilityViolations(page)).toEqual([])
		await page.locator('.confirm').getByRole('link', { name: 'Annuleren' }).click()
		await page.getByRole('heading', { name: 'Samenvoeging ongedaan maken?' }).waitFor({ state: 'detached' })
		expect((await fetch(`${portal.url}/catalogus/${second}`, { redirect: 'manual' })).status).toBe(301)
		await merged.getByRole('link', { name: /^Ongedaan maken…/ }).click()
		await page.getByRole('button', { name: 'Ja, ongedaan maken' }).click()
		await page.waitForURL('**/beheer/dubbelingen?ongedaan=1')
		expect((await fetch(`${portal.url}/catalogus/${second}`, { redirect: 'manual' })).status).toBe(200)
		expect((await fetch(`${portal.url}/catalogus/${first}`, { redirect: 'manual' })).status).toBe(200)
		await expect(merged.textContent()).resolves.toContain('Ongedaan gemaakt')
		// The next scan finds the pair again.
		await waitForCurrentResult(page)
		const again = page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title })
		expect(await again.count()).toBe(1)

		// "Not a duplicate" is remembered: the group is not suggested again, not even before the next scan is done.
		await again.getByRole('link', { name: /^Vergelijken/ }).click()
		await page.getByRole('button', { name: 'Geen dubbeling' }).click()
		await page.waitForURL('**/beheer/dubbelingen?geen-dubbeling=1')
		expect(await page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title }).count()).toBe(0)
		await waitForCurrentResult(page)
		expect(await page.locator('ol.duplicate-list > li', { hasText: firstCourse.title }).filter({ hasText: secondCourse.title }).count()).toBe(0)
	}, 180_000)

	test('the report pages through its groups 25 at a time and filters them by providing unit, with a clear page past the end', async () => {
		// 27 doubles: an RVO course and the same course written up by NVWA, each on its own subject.
		const subjects = Array.from({ length: 27 }, (_, index) => `Pagineerproef${String.fromCharCode(97 + Math.floor(index / 26))}${String.fromCharCode(97 + (index % 26))}`)
		for (const [person, suffix] of [[FATIMA, ''], [PETER, ' (basis)']] as const) {
			const writer = await e2e.newContext()
			try {
				const writing = await writer.newPage()
				await signInAs(writing, person)
				await writing.goto('/beheer/cursussen/nieuw')
				const themeId = await writing.getByLabel('Thema').locator('option').nth(1).getAttribute('value')
				for (const subject of subjects) {
					const saved = await writing.request.post('/beheer/cursussen/nieuw', {
						headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
						data: new URLSearchParams({
							intent: 'save-anyway',
							title: `${subject} in de praktijk${suffix}`,
							summary: `Alles over ${subject.toLowerCase()} voor de dienst.`,
							description: `In deze cursus over ${subject.toLowerCase()} oefent u met ${subject.toLowerCase()} in het eigen werk. Na afloop kent u de regels rond ${subject.toLowerCase()} en past u die zelf toe.`,
							themeId: themeId!,
							form: 'classroom',
							language: 'nl',
							durationMinutes: '240',
							priceEuros: '0',
							visibility: 'concern',
							learningGoals: `U past de regels rond ${subject.toLowerCase()} toe.`,
							targetAudience: 'Medewerkers van de dienst.',
							contactName: 'Team Opleidingen',
							contactEmail: 'opleidingen@example.nl',
						}).toString(),
						maxRedirects: 0,
					})
					expect(saved.status()).toBe(302)
					// A new course is a draft: the scan compares published courses, so publish it (its page asks for confirmation; the post is that step).
					const coursePage = new URL(saved.headers().location!, portal.url).pathname
					const published = await writing.request.post(coursePage, {
						headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
						data: 'intent=publish',
						maxRedirects: 0,
					})
					expect(published.status()).toBe(302)
				}
			} finally {
				await writer.close()
			}
		}

		await signInAs(page, ELS)
		await page.goto('/beheer/dubbelingen')
		// New courses: the result is outdated, and a scan is offered.
		await page.getByText('Dit overzicht is verouderd').waitFor()
		await page.getByRole('button', { name: 'Nu scannen' }).click()
		await page.waitForURL('**/beheer/dubbelingen?scan=gestart')
		await waitForCurrentResult(page)
		// The notice that the scan started is gone once it is done.
		expect(await page.getByText('De scan is gestart').count()).toBe(0)

		const heading = (await page.getByRole('heading', { level: 2, name: /groepen mogelijke dubbelingen$/ }).textContent())!
		const total = Number(/^(\d+) groepen/.exec(heading)![1])
		expect(total).toBeGreaterThanOrEqual(27)
		expect(total).toBeLessThanOrEqual(50)
		expect(await page.locator('ol.duplicate-list > li').count()).toBe(25)
		const pages = page.getByRole('navigation', { name: 'Paginering van de groepen' })
		await expect(pages.locator('.pagination__status').textContent()).resolves.toBe('Pagina 1 van 2')
		await pages.getByRole('link', { name: 'Volgende' }).click()
		await page.waitForURL((url) => url.searchParams.get('pagina') === '2')
		await page.locator('ol.duplicate-list > li h3', { hasText: /^Groep 26 · / }).waitFor()
		expect(await page.locator('ol.duplicate-list > li').count()).toBe(total - 25)
		await expect(page.locator('ol.duplicate-list > li h3').first().textContent()).resolves.toMatch(/^Groep 26 · /)
		expect(await accessibilityViolations(page)).toEqual([])

		// Past the last page: an empty page that says so, and the way back.
		const past = await page.goto('/beheer/dubbelingen?pagina=9')
		expect(past!.status()).toBe(200)
		await page.getByText('Deze pagina bestaat niet: er zijn 2 pagina’s met groepen.').waitFor()
		await page.getByRole('link', { name: 'Naar de eerste pagina' }).click()
		await page.waitForURL((url) => !url.searchParams.has('pagina'))
		await page.locator('ol.duplicate-list > li h3', { hasText: /^Groep 1 · / }).waitFor()
		expect(await page.locator('ol.duplicate-list > li').count()).toBe(25)
		expect((await page.goto('/beheer/dubbelingen?pagina=twee'))!.status()).toBe(400)
		await page.getByText('Het paginanummer moet een heel getal zijn').waitFor()
		expect((await page.goto('/beheer/dubbelingen?historie=99'))!.status()).toBe(200)
		await page.getByText('Deze pagina van de geschiedenis bestaat niet').waitFor()

		// The filter is a plain GET form: the groups with a course of NVWA.
		await page.goto('/beheer/dubbelingen?pagina=2')
		await page.getByLabel('Aanbieder').selectOption({ label: NVWA })
		await page.getByRole('button', { name: 'Filteren' }).click()
		await page.waitForURL((url) => url.searchParams.get('aanbieder') === 'nvwa' && !url.searchParams.has('pagina'))
		await page.getByRole('heading', { level: 2, name: new RegExp(`met een cursus van ${NVWA}$`) }).waitFor()
		const nvwaGroups = page.locator('ol.duplicate-list > li')
		expect(await nvwaGroups.count()).toBeGreaterThanOrEqual(25)
		for (const text of await nvwaGroups.allTextContents()) expect(text).toContain('(NVWA)')
		expect(await accessibilityViolations(page)).toEqual([])
		expect((await page.goto('/beheer/dubbelingen?aanbieder=bestaat-niet'))!.status()).toBe(400)
	}, 180_000)

	// (After the test above: RVO now has more than 25 courses of its own.)
	test('a coordinator’s course list sorts and pages in the database, with its state in the URL', async () => {
		await signInAs(page, FATIMA)
		await page.goto('/beheer/cursussen')
		const table = page.getByRole('table', { name: 'Cursussen van uw organisatieonderdeel' })
		const total = Number(/^(\d+) cursussen$/.exec((await page.locator('.result-count').textContent())!)![1])
		expect(total).toBeGreaterThan(25)
		expect(await table.locator('tbody tr').count()).toBe(25)
		// Newest change first, as before.
		expect(await table.getByRole('columnheader', { name: /^Gewijzigd/ }).getAttribute('aria-sort')).toBe('descending')
		await table.getByRole('button', { name: /^Titel/ }).click()
		await page.waitForURL((url) => url.searchParams.get('sorteer') === 'title')
		await table.locator('th[aria-sort="ascending"]', { hasText: 'Titel' }).waitFor()
		const titles = await table.locator('tbody tr td:first-child').allTextContents()
		expect(titles).toHaveLength(25)
		await table.getByRole('button', { name: /^Titel/ }).click()
		await page.waitForURL((url) => url.searchParams.get('sorteer') === '-title')
		await table.locator('th[aria-sort="descending"]', { hasText: 'Titel' }).waitFor()
		expect(await table.locator('tbody tr td:first-child').first().textContent()).not.toBe(titles[0])
		// The form column and the edit links cannot be sorted.
		expect(await table.getByRole('columnheader', { name: 'Vorm' }).getByRole('button').count()).toBe(0)
		await page.getByRole('navigation', { name: 'Paginering: Cursussen van uw organisatieonderdeel' }).getByRole('link', { name: 'Volgende' }).click()
		await page.waitForURL((url) => url.searchParams.get('pagina') === '2' && url.searchParams.get('sorteer') === '-title')
		await page.getByText(`Pagina 2 van ${Math.ceil(total / 25)}`).waitFor()
		expect(await table.locator('tbody tr').count()).toBe(Math.min(25, total - 25))
		expect(await accessibilityViolations(page)).toEqual([])
		// Past the end: an empty page that says so; an unknown sort: 400.
		expect((await page.goto('/beheer/cursussen?pagina=40'))!.status()).toBe(200)
		await page.getByText('Deze pagina is leeg: de lijst heeft minder pagina’s.').waitFor()
		expect((await page.goto('/beheer/cursussen?sorteer=prijs'))!.status()).toBe(400)
	})

	test('a coordinator cannot merge, and cannot edit another unit’s course, whatever they post', async () => {
		await signInAs(page, PETER)
		const [a, b] = clusters[2]! as [string, string]
		const merge = await page.request.post('/beheer/dubbelingen/vergelijken', {
			headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: `cursus=${a}&cursus=${b}&canonicalId=${a}&intent=merge`,
			maxRedirects: 0,
		})
		expect(merge.status()).toBe(403)
		// Nor open the report or start a scan.
		expect((await page.request.get('/beheer/dubbelingen', { maxRedirects: 0 })).status()).toBe(403)
		const scan = await page.request.post('/beheer/dubbelingen', {
			headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: 'intent=scan',
			maxRedirects: 0,
		})
		expect(scan.status()).toBe(403)
		// An RVO course, edited by NVWA's coordinator: not found, and unchanged.
		const rvoCourse = (await readCourseOf(RVO))!
		const edit = await page.request.post(`/beheer/cursussen/${rvoCourse}`, {
			headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams({ intent: 'save-anyway', title: 'Overgenomen door NVWA', summary: 'Dit mag niet lukken.', description: 'Een coördinator van een ander onderdeel mag dit niet wijzigen.', themeId: '00000000-0000-7000-8000-000000000000', form: 'classroom', language: 'nl', durationMinutes: '60', priceEuros: '0', visibility: 'concern' }).toString(),
			maxRedirects: 0,
		})
		expect([400, 404]).toContain(edit.status())
		await page.goto(`/catalogus/${rvoCourse}`)
		expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Overgenomen door NVWA')
	})

	/** The id of some published course of a unit, from the catalogue. */
	async function readCourseOf(unit: string): Promise<string | null> {
		await page.goto('/catalogus')
		const cards = page.locator('.course-list > li')
		for (let i = 0; i < (await cards.count()); i++) {
			if ((await cards.nth(i).textContent())?.includes(unit)) {
				const href = await cards.nth(i).locator('h3 a').getAttribute('href')
				return href!.split('/').pop()!
			}
		}
		return null
	}
})
