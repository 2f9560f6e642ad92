import postgres from 'postgres'
import { testDrivers } from '@leerplein/db/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BAD_INPUT_TARGETS, type BadInputFixtures, type BadInputTarget, type InvalidValue, type ProtocolAnswer } from '../isolation/bad-input.ts'
import { plantFixtures, signIn } from '../isolation/bad-input-fixtures.ts'
import type { Persona } from '../isolation/probes.ts'
import { startPortal, type RunningPortal } from '../support/portal.ts'

// Bad input over the whole route manifest (ADR 021): a post that is not a form is a 415, a NUL
// byte in a field or an unknown intent a 400, a NUL byte in the query string a 400 — never a 500,
// and nothing in the database changes. Each request comes from a persona the route admits, so the
// guard lets it through to the parsing; tools' routes answer as their protocol documents.

type RouteModule = { module: { loader?: unknown; action?: unknown } }
const manifest = (await import(new URL('../../app/build/server/index.js', import.meta.url).href)) as { routes: Record<string, RouteModule> }
// The root is the layout of every page, no URL of its own.
const routeIds = Object.keys(manifest.routes)
	.filter((id) => id !== 'root')
	.sort()

describe('every route says how it meets bad input', () => {
	test('each route of the portal has a target in tests/isolation/bad-input.ts, and nothing stale does', () => {
		expect(Object.keys(BAD_INPUT_TARGETS).sort()).toEqual(routeIds)
	})

	test('each route with an action has the form its page sends, and a field for the NUL byte', () => {
		const withAction = routeIds.filter((id) => manifest.routes[id]!.module.action)
		expect(withAction.filter((id) => !BAD_INPUT_TARGETS[id]?.form || !BAD_INPUT_TARGETS[id]?.nulField)).toEqual([])
		expect(routeIds.filter((id) => !manifest.routes[id]!.module.action && BAD_INPUT_TARGETS[id]?.form)).toEqual([])
	})
})

// The fingerprint reads every table as the owner, which the embedded database (held by the server) does not allow.
const drivers = (await testDrivers()).filter((driver) => driver === 'postgres')

type BadRequest = {
	behaviour: string
	body: (form: URLSearchParams) => { body: BodyInit; contentType: string | null }
	form: (target: BadInputTarget, fixtures: BadInputFixtures) => URLSearchParams
	/** What the form pipeline answers; a tool's protocol says for itself. */
	status: 400 | 415
	protocol: keyof NonNullable<BadInputTarget['protocol']>
}

const BAD_REQUESTS: BadRequest[] = [
	{
		behaviour: 'a POST with a JSON body',
		form: (target, f) => formOf(target, f),
		body: (form) => ({ body: JSON.stringify(Object.fromEntries(form)), contentType: 'application/json' }),
		status: 415,
		protocol: 'notAForm',
	},
	{
		behaviour: 'a POST without a content type',
		form: (target, f) => formOf(target, f),
		body: (form) => ({ body: new TextEncoder().encode(form.toString()), contentType: null }),
		status: 415,
		protocol: 'notAForm',
	},
	{
		behaviour: 'a form with a NUL byte in a field',
		form: (target, f) => {
			const form = formOf(target, f)
			const field = target.nulField!
			form.set(field, `${form.get(field) ?? ''}\u0000`)
			return form
		},
		body: urlencoded,
		status: 400,
		protocol: 'nul',
	},
	{
		behaviour: 'a form with an unknown intent',
		form: (target, f) => {
			const form = formOf(target, f)
			form.set('intent', 'onbekend')
			return form
		},
		body: urlencoded,
		status: 400,
		protocol: 'unknownIntent',
	},
]

describe.each(drivers)('bad input over the whole route manifest on %s', (driver) => {
	let portal: RunningPortal
	let fixtures: BadInputFixtures
	let owner: postgres.Sql
	const cookies = new Map<Persona, string>()

	beforeAll(async () => {
		portal = await startPortal(driver)
		fixtures = await plantFixtures(portal.databaseUrl!)
		owner = postgres(portal.databaseUrl!, { max: 1, onnotice: () => {} })
		const personas = new Set(Object.values(BAD_INPUT_TARGETS).flatMap((target) => (target.as ? [target.as] : [])))
		for (const persona of personas) cookies.set(persona, await signIn(portal, persona))
	})
	afterAll(async () => {
		await owner?.end({ timeout: 5 })
		await portal?.stop()
	})

	async function cookieFor(target: BadInputTarget): Promise<Record<string, string>> {
		if (!target.as) return {}
		return { Cookie: target.ownSession ? await signIn(portal, target.as) : cookies.get(target.as)! }
	}

	const posts = Object.entries(BAD_INPUT_TARGETS)
		.filter(([, target]) => target.form)
		// Each further form of a page is a target of its own, named by its intent.
		.flatMap(([routeId, target]): [string, BadInputTarget][] => [
			[routeId, target],
			...(target.also ?? []).map(({ name, form, nulField }): [string, BadInputTarget] => [`${routeId} (${name})`, { ...target, form, nulField }]),
		])
		.flatMap(([routeId, target]) =>
			BAD_REQUESTS.map((request) => {
				const answer = target.protocol ? 'is refused as its protocol documents' : `is refused with ${request.status}`
				return { name: `${routeId}: ${request.behaviour} ${answer} and changes nothing`, target, request }
			}),
		)

	for (const { name, target, request } of posts) {
		test(name, async () => {
			const headers = await cookieFor(target)
			const { body, contentType } = request.body(request.form(target, fixtures))
			const before = await fingerprint(owner)
			const response = await fetch(`${portal.url}${target.path(fixtures)}`, {
				method: target.method ?? 'POST',
				headers: { ...headers, Origin: portal.url, ...(contentType ? { 'Content-Type': contentType } : {}) },
				body,
				redirect: 'manual',
			})
			await response.arrayBuffer()
			const answer = { status: response.status, location: response.headers.get('location') }
			const said = answer.location ? `answered ${answer.status} to ${answer.location}` : `answered ${answer.status}`
			if (target.protocol) {
				const documented = target.protocol[request.protocol]
				expect.soft(documented.some((expected) => answers(answer, expected)), `${said}, not one of ${JSON.stringify(documented)}`).toBe(true)
			} else {
				expect.soft(answer.status, said).toBe(request.status)
			}
			const changed = changes(before, await fingerprint(owner))
			expect(changed.length, `the request changed the database: ${changed.join('; ')}`).toBe(0)
		})
	}

	// Values a person could send that the page refuses beside their field: 400, the message tied to the field, nothing changed.
	const invalids = Object.entries(BAD_INPUT_TARGETS).flatMap(([routeId, target]) => (target.invalid ?? []).map((invalid) => ({ routeId, target, invalid })))
	for (const { routeId, target, invalid } of invalids) {
		test(`${routeId}: ${invalid.name} is refused beside its field and changes nothing`, async () => {
			const before = await fingerprint(owner)
			const response = await fetch(`${portal.url}${(invalid.path ?? target.path)(fixtures)}`, {
				method: 'POST',
				headers: { ...(await cookieFor(target)), Origin: portal.url },
				body: bodyOf(invalid, fixtures),
				redirect: 'manual',
			})
			const html = await response.text()
			expect(response.status).toBe(400)
			const field = typeof invalid.field === 'string' ? invalid.field : invalid.field(fixtures)
			expect(errorsBeside(html, field)).toContain(invalid.message)
			const changed = changes(before, await fingerprint(owner))
			expect(changed.length, `the request changed the database: ${changed.join('; ')}`).toBe(0)
		})
	}

	const gets = Object.entries(BAD_INPUT_TARGETS).filter(([routeId]) => manifest.routes[routeId]?.module.loader)
	for (const [routeId, target] of gets) {
		test(`${routeId}: a GET with a NUL byte in the query string is refused with 400`, async () => {
			const path = target.path(fixtures)
			const response = await fetch(`${portal.url}${path}${path.includes('?') ? '&' : '?'}q=%00`, { headers: await cookieFor(target), redirect: 'manual' })
			await response.arrayBuffer()
			expect(response.status).toBe(400)
		})
	}
})

function formOf(target: BadInputTarget, fixtures: BadInputFixtures): URLSearchParams {
	const form = new URLSearchParams()
	for (const [name, value] of Object.entries(target.form!(fixtures))) {
		for (const one of Array.isArray(value) ? value : [value]) form.append(name, one)
	}
	return form
}

/** The invalid value's form, urlencoded as a page sends it, or multipart with its file. */
function bodyOf(invalid: InvalidValue, fixtures: BadInputFixtures): URLSearchParams | FormData {
	const values = Object.entries(invalid.form(fixtures)).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => [name, one] as const))
	if (!invalid.file) return new URLSearchParams(values.map(([name, value]) => [name, value]))
	const form = new FormData()
	for (const [name, value] of values) form.append(name, value)
	form.append(invalid.file.field, new Blob([invalid.file.content], { type: 'application/octet-stream' }), invalid.file.name)
	return form
}

/**
 * The error texts tied to the controls named `name` in the page: the elements their
 * aria-describedby names, when the control is aria-invalid (as components/field.tsx renders them)
 * or a button (a refusal without a field of its own stands at the button that sent it).
 */
function errorsBeside(html: string, name: string): string[] {
	const attributes = (tag: string) => new Map([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1]!, decode(match[2]!)]))
	const controls = [...html.matchAll(/<(input|select|textarea|button)\b[^>]*>/g)]
		.map((match) => ({ button: match[1] === 'button', attributes: attributes(match[0]) }))
		.filter((control) => control.attributes.get('name') === name && (control.button || control.attributes.get('aria-invalid') === 'true'))
		.map((control) => control.attributes)
	const ids = controls.flatMap((control) => (control.get('aria-describedby') ?? '').split(/\s+/).filter(Boolean))
	return ids.flatMap((id) => {
		const error = new RegExp(`<p[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([^<]*)</p>`).exec(html)
		return error ? [decode(error[1]!)] : []
	})
}

function decode(text: string): string {
	return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

function urlencoded(form: URLSearchParams) {
	return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' }
}

function answers(answer: { status: number; location: string | null }, expected: ProtocolAnswer): boolean {
	return answer.status === expected.status && (expected.location === undefined || (answer.location ?? '').startsWith(expected.location))
}

// ——— what "changes nothing" means ———

/**
 * A digest of every table's rows (the audit log among them) and of the job queue. Left out:
 * `rate_limits`, which counts every sign-in attempt, bad ones too, by design; the content of
 * `auth_sessions`, whose idle expiry slides with every request (its row count stays in); and the
 * audit log's `denied` rows, the trail every refused tool call must leave (issue 13), which
 * records the refusal and changes nothing else.
 */
type Fingerprint = Map<string, { rows: number; digest: string }>

let fingerprintQuery: string | null = null

async function fingerprint(sql: postgres.Sql): Promise<Fingerprint> {
	if (!fingerprintQuery) {
		const tables = await sql<{ name: string }[]>`
			select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			where table_type = 'BASE TABLE' and (table_schema = 'public' or (table_schema = 'pgboss' and table_name = 'job'))
			order by 1`
		fingerprintQuery = tables
			.filter(({ name }) => name !== 'public.rate_limits')
			.map(({ name }) => {
				// A sum of row hashes: the same rows in any order give the same digest, without sorting.
				const digest = name === 'public.auth_sessions' ? `''` : `coalesce(sum(hashtextextended(row::text, 0)::numeric), 0)::text`
				const kept = name === 'public.audit_log' ? ` where row.result <> 'denied'` : ''
				return `select '${name}' as name, count(*)::int as rows, ${digest} as digest from ${name} as row${kept}`
			})
			.join(' union all ')
	}
	const rows = await sql.unsafe<{ name: string; rows: number; digest: string }[]>(fingerprintQuery)
	return new Map(rows.map(({ name, rows: count, digest }) => [name, { rows: count, digest }]))
}

/** What changed between two fingerprints, table by table, in words. */
function changes(before: Fingerprint, after: Fingerprint): string[] {
	const changed: string[] = []
	for (const [name, was] of before) {
		const now = after.get(name)
		if (!now) changed.push(`${name} is gone`)
		else if (now.rows !== was.rows) changed.push(`${name}: ${was.rows} → ${now.rows} rows`)
		else if (now.digest !== was.digest) changed.push(`${name}: rows changed`)
	}
	return changed
}
