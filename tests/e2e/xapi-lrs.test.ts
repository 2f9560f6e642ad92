import { createHash, randomUUID, sign, X509Certificate } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { useE2E } from '../support/e2e.ts'
import { plantXapiClient, type PlantedXapiClient } from '../support/xapi-clients.ts'
import { TEST_SIGNER } from '../support/xapi-signer.ts'

// The learning record store keeps each unit's statements and documents to itself (ADR 039): a
// client of one unit never reads or writes another unit's, whatever ids or filters it sends.

const activity = `http://example.nl/xapi-test/${randomUUID()}`
const agent = { mbox: `mailto:${randomUUID()}@example.nl` }
const statementOf = (id: string) => ({ id, actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: activity } })

describe('xAPI isolation between units', () => {
	const e2e = useE2E({ driver: 'postgres', owner: true, browser: false })

	const call = (client: PlantedXapiClient | null, path: string, init: RequestInit = {}) =>
		fetch(`${e2e.portal.url}/xapi${path}`, {
			...init,
			headers: { 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json', ...(client ? { Authorization: client.authorization } : {}), ...init.headers },
		})

	test("another unit's client cannot read, filter, void or overwrite a unit's statements and documents", async () => {
		const nvwa = await plantXapiClient(e2e.owner.db, { unit: 'nvwa' })
		const rvo = await plantXapiClient(e2e.owner.db, { unit: 'rvo' })
		const id = randomUUID()
		const stored = await call(nvwa, `/statements?statementId=${id}`, { method: 'PUT', body: JSON.stringify(statementOf(id)) })
		expect(stored.status).toBe(204)
		// Control: NVWA reads its own statement.
		expect((await call(nvwa, `/statements?statementId=${id}`)).status).toBe(200)

		expect((await call(rvo, `/statements?statementId=${id}`)).status).toBe(404)
		const filtered = (await (await call(rvo, `/statements?agent=${encodeURIComponent(JSON.stringify(agent))}&activity=${encodeURIComponent(activity)}`)).json()) as { statements: unknown[] }
		expect(filtered.statements).toEqual([])
		// A voiding statement in RVO's store voids nothing of NVWA's.
		const voiding = { actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } }
		expect((await call(rvo, '/statements', { method: 'POST', body: JSON.stringify(voiding) })).status).toBe(200)
		expect((await call(nvwa, `/statements?statementId=${id}`)).status).toBe(200)
		// The same id in RVO's store is RVO's own statement, not a conflict with (or a view of) NVWA's.
		const other = { ...statementOf(id), verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }
		expect((await call(rvo, `/statements?statementId=${id}`, { method: 'PUT', body: JSON.stringify(other) })).status).toBe(204)
		const nvwaCopy = (await (await call(nvwa, `/statements?statementId=${id}`)).json()) as { verb: { id: string } }
		expect(nvwaCopy.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed')

		const state = `/activities/state?activityId=${encodeURIComponent(activity)}&agent=${encodeURIComponent(JSON.stringify(agent))}&stateId=voortgang`
		expect((await call(nvwa, state, { method: 'PUT', body: JSON.stringify({ stap: 3 }) })).status).toBe(204)
		expect((await call(nvwa, state)).status).toBe(200)
		expect((await call(rvo, state)).status).toBe(404)
	})

	test('a client that may read only its own statements sees none of its colleagues’; bad credentials get 401', async () => {
		const writer = await plantXapiClient(e2e.owner.db, { unit: 'rvo' })
		const reader = await plantXapiClient(e2e.owner.db, { unit: 'rvo', scopes: ['statements/write', 'statements/read/mine'] })
		const id = randomUUID()
		expect((await call(writer, '/statements', { method: 'POST', body: JSON.stringify(statementOf(id)) })).status).toBe(200)
		expect((await call(reader, `/statements?statementId=${id}`)).status).toBe(404)
		expect((await call(writer, `/statements?statementId=${id}`)).status).toBe(200)
		expect((await call({ ...writer, authorization: `Basic ${Buffer.from(`${writer.key}:wrong`).toString('base64')}` }, '/statements')).status).toBe(401)
		expect((await call(null, '/statements')).status).toBe(401)
		expect((await call(writer, '/statements', { headers: { 'X-Experience-API-Version': '0.9' } })).status).toBe(400)
	})

	test("a client registered for one version is answered in it: without a version header, and when it asks for the other", async () => {
		const old = await plantXapiClient(e2e.owner.db, { unit: 'rvo', xapiVersion: '1.0.3' })
		const both = await plantXapiClient(e2e.owner.db, { unit: 'rvo' })
		const unversioned = (client: PlantedXapiClient) => fetch(`${e2e.portal.url}/xapi/statements`, { headers: { Authorization: client.authorization } })
		const withoutHeader = await unversioned(old)
		expect([withoutHeader.status, withoutHeader.headers.get('x-experience-api-version')]).toEqual([400, '1.0.3'])
		const fromBoth = await unversioned(both)
		expect([fromBoth.status, fromBoth.headers.get('x-experience-api-version')]).toEqual([400, '2.0.0'])
		const otherVersion = await call(old, '/statements')
		expect([otherVersion.status, otherVersion.headers.get('x-experience-api-version')]).toEqual([400, '1.0.3'])
		const id = randomUUID()
		expect((await call(old, '/statements', { method: 'POST', body: JSON.stringify(statementOf(id)), headers: { 'X-Experience-API-Version': '1.0.3' } })).status).toBe(200)
		const read = await call(old, `/statements?statementId=${id}`, { headers: { 'X-Experience-API-Version': '1.0.3' } })
		expect([read.status, read.headers.get('x-experience-api-version')]).toEqual([200, '1.0.3'])
	})

	test('a signed statement whose signature verifies against its x5c certificate is stored; a forged one is refused', async () => {
		const client = await plantXapiClient(e2e.owner.db, { unit: 'rvo' })
		const x5c = [new X509Certificate(TEST_SIGNER.certificate).raw.toString('base64')]
		const signed = (statement: object, key: string) => {
			const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
			const input = `${part({ alg: 'RS256', x5c })}.${part(statement)}`
			const jws = Buffer.from(`${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`)
			const sha2 = createHash('sha256').update(jws).digest('hex')
			const declared = { ...statement, attachments: [{ usageType: 'http://adlnet.gov/expapi/attachments/signature', display: { 'nl-NL': 'handtekening' }, contentType: 'application/octet-stream', length: jws.length, sha2 }] }
			const boundary = `grens-${randomUUID()}`
			const body = Buffer.concat([
				Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(declared)}\r\n`),
				Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
				jws,
				Buffer.from(`\r\n--${boundary}--`),
			])
			return call(client, '/statements', { method: 'POST', body, headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` } })
		}
		const genuine = statementOf(randomUUID())
		expect((await signed(genuine, TEST_SIGNER.key)).status).toBe(200)
		const forged = statementOf(randomUUID())
		const refused = await signed(forged, TEST_SIGNER.otherKey)
		expect(refused.status).toBe(400)
		expect(((await refused.json()) as { message: string }).message).toMatch(/does not verify/)
		expect((await call(client, `/statements?statementId=${forged.id}`)).status).toBe(404)
	})
})
