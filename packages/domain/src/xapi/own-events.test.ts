import { describe, expect, test } from 'vitest'
import { ownEventStatement, ownEventStatementId, uuidV5, type OwnEvent } from './own-events.ts'
import { checkStatement, completeStatement, indexStatement } from './statements.ts'

// SHA-1 (FIPS 180-4) written out: the domain takes the hash from its caller, and its tests use no platform crypto.
function sha1(message: Uint8Array): Uint8Array {
	const length = message.length
	const padded = new Uint8Array((((length + 8) >> 6) + 1) * 64)
	padded.set(message)
	padded[length] = 0x80
	const view = new DataView(padded.buffer)
	view.setUint32(padded.length - 4, length * 8)
	const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
	const w = new Array<number>(80)
	const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n))
	for (let block = 0; block < padded.length; block += 64) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4)
		for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1)
		let [a, b, c, d, e] = h as [number, number, number, number, number]
		for (let t = 0; t < 80; t++) {
			const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d
			const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6
			const next = (rotl(a, 5) + f + e + k + w[t]!) | 0
			e = d
			d = c
			c = rotl(b, 30)
			b = a
			a = next
		}
		h[0] = (h[0]! + a) | 0
		h[1] = (h[1]! + b) | 0
		h[2] = (h[2]! + c) | 0
		h[3] = (h[3]! + d) | 0
		h[4] = (h[4]! + e) | 0
	}
	const out = new Uint8Array(20)
	h.forEach((word, i) => new DataView(out.buffer).setUint32(i * 4, word >>> 0))
	return out
}
const origin = 'https://leerplein.example.nl'
const event: OwnEvent = {
	kind: 'registered',
	enrolmentId: '0b5c1a52-8d5e-4a51-9c0c-7e1f2a3b4c5d',
	userId: '1f0e2d3c-4b5a-4968-8776-655443322110',
	tenantId: '2a3b4c5d-6e7f-4801-9213-243546576879',
	course: { id: '3c4d5e6f-7081-4923-a4b5-c6d7e8f90a1b', title: 'Analyse X' },
	session: { id: '4d5e6f70-8192-4a3b-8c4d-5e6f7a8b9c0d', startsAt: new Date('2027-02-01T09:00:00Z') },
	at: new Date('2027-01-10T12:00:00Z'),
}

describe("Leerplein's own events as statements", () => {
	test('UUID v5 gives the RFC 9562 example: www.example.com in the DNS namespace', () => {
		expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com', sha1)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
	})

	test('the same event gives the same id; another kind or enrolment another', () => {
		const id = ownEventStatementId(event, sha1)
		expect(ownEventStatementId({ ...event }, sha1)).toBe(id)
		expect(ownEventStatementId({ ...event, kind: 'completed' }, sha1)).not.toBe(id)
		expect(ownEventStatementId({ ...event, enrolmentId: '5e6f7081-92a3-4b4c-9d5e-6f7a8b9c0d1e' }, sha1)).not.toBe(id)
	})

	test.each(['registered', 'attended', 'completed'] as const)('a %s statement is valid in 1.0.3 and 2.0.0 once the store completes it', (kind) => {
		const statement = ownEventStatement({ ...event, kind }, { publicOrigin: origin, sha1 })
		expect(checkStatement(statement, '1.0.3')).toEqual({ ok: true })
		expect(checkStatement(statement, '2.0.0')).toEqual({ ok: true })
		const authority = { objectType: 'Agent', account: { homePage: `${origin}/xapi/clients`, name: 'leerplein' } }
		const stored = completeStatement(statement, { id: String(statement.id), stored: event.at, authority, version: '2.0.0' })
		expect(checkStatement(stored, '2.0.0')).toEqual({ ok: true })
	})

	test('registered and completed are about the course, grouped by the session; attended about the session, part of the course', () => {
		const registered = indexStatement(ownEventStatement(event, { publicOrigin: origin, sha1 }))
		expect(registered).toMatchObject({
			verbId: 'http://adlnet.gov/expapi/verbs/registered',
			actorKey: `account:${origin}|${event.userId}`,
			activityId: `${origin}/xapi/activities/course/${event.course.id}`,
			registration: event.enrolmentId,
		})
		expect(registered.activityIds).toContain(`${origin}/xapi/activities/session/${event.session.id}`)
		const attended = ownEventStatement({ ...event, kind: 'attended' }, { publicOrigin: origin, sha1 })
		expect(attended.object).toMatchObject({ id: `${origin}/xapi/activities/session/${event.session.id}`, definition: { type: 'http://adlnet.gov/expapi/activities/meeting' } })
		expect(attended).not.toHaveProperty('result')
	})

	test('completed carries its result: completion and success', () => {
		expect(ownEventStatement({ ...event, kind: 'completed' }, { publicOrigin: origin, sha1 }).result).toEqual({ completion: true, success: true })
	})

	const scored: OwnEvent = { ...event, kind: 'scored', at: new Date('2027-02-03T14:00:00.250Z'), scored: { partId: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c', label: 'Toets Analyse X', given: 8, maximum: 10, completed: true } }

	test('scored is about the online part, part of the course and grouped by the session, with the score as xAPI counts it; valid in 1.0.3 and 2.0.0', () => {
		const statement = ownEventStatement(scored, { publicOrigin: origin, sha1 })
		expect(checkStatement(statement, '1.0.3')).toEqual({ ok: true })
		expect(checkStatement(statement, '2.0.0')).toEqual({ ok: true })
		expect(statement).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/scored' },
			object: { id: `${origin}/xapi/activities/online-part/${scored.scored!.partId}`, definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'nl-NL': 'Toets Analyse X' } } },
			context: { registration: event.enrolmentId, contextActivities: { parent: [{ id: `${origin}/xapi/activities/course/${event.course.id}` }], grouping: [{ id: `${origin}/xapi/activities/session/${event.session.id}` }] } },
			result: { completion: true, score: { raw: 8, min: 0, max: 10, scaled: 0.8 } },
			timestamp: '2027-02-03T14:00:00.250Z',
		})
		// A score above the maximum is kept within it (xAPI requires min ≤ raw ≤ max); without a maximum only raw; without a score none.
		expect(ownEventStatement({ ...scored, scored: { ...scored.scored!, given: 12 } }, { publicOrigin: origin, sha1 }).result).toEqual({ completion: true, score: { raw: 10, min: 0, max: 10, scaled: 1 } })
		expect(ownEventStatement({ ...scored, scored: { ...scored.scored!, maximum: null } }, { publicOrigin: origin, sha1 }).result).toEqual({ completion: true, score: { raw: 8 } })
		expect(ownEventStatement({ ...scored, scored: { ...scored.scored!, given: null, completed: false } }, { publicOrigin: origin, sha1 }).result).toEqual({ completion: false })
	})

	test('a score resent unchanged gives the same id; a newer score, or another part, another', () => {
		const id = ownEventStatementId(scored, sha1)
		expect(ownEventStatementId({ ...scored }, sha1)).toBe(id)
		expect(ownEventStatementId({ ...scored, at: new Date('2027-02-04T09:00:00Z') }, sha1)).not.toBe(id)
		expect(ownEventStatementId({ ...scored, scored: { ...scored.scored!, partId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d' } }, sha1)).not.toBe(id)
		expect(id).not.toBe(ownEventStatementId({ ...event, kind: 'completed' }, sha1))
	})
})
