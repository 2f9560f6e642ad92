import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { ownEventStatement, ownEventStatementId, uuidV5, type OwnEvent } from './own-events.ts'
import { checkStatement, completeStatement, indexStatement } from './statements.ts'

const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash('sha1').update(bytes).digest())
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
})
