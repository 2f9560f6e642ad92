import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database, DatabaseClient } from '../client.ts'
import * as schema from '../schema/index.ts'
import { withTenantContext } from '../tenancy.ts'
import { failure, insertTwoUnitsAndAProvider } from '../tenancy-fixtures.ts'
import { createTestDatabase, testDrivers, type TestDatabase } from '../testing.ts'
import { bookingConflictOf, findBooking, insertMeeting, insertSession, listSessionMeetings } from './planning.ts'

// No double booking (ADR 027): the exclusion constraints of migration 0032 on both drivers.

const at = (iso: string) => new Date(iso)

describe.each(await testDrivers())('booking rooms and trainers on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let ids: Awaited<ReturnType<typeof insertTwoUnitsAndAProvider>>
	let room: string
	let acmRoom: string
	let trainer: string
	let acmTrainer: string

	const asNvwa = <T>(work: (tx: Database) => Promise<T>) => withTenantContext(app.db, { tenantId: ids.nvwa, userId: null }, work)

	async function plan(tx: Database, meeting: { startsAt: Date; endsAt: Date; roomId?: string | null; trainerIds?: string[] }) {
		const sessionId = await insertSession(tx, {
			tenantId: ids.nvwa,
			courseId: ids.courses.open,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			locationId: null,
			capacity: 10,
			enrolmentDeadline: null,
			minimumParticipants: null,
			participantNote: null,
		})
		await insertMeeting(tx, {
			tenantId: ids.nvwa,
			sessionId,
			meeting: { startsAt: meeting.startsAt, endsAt: meeting.endsAt, roomId: meeting.roomId ?? null, online: false, trainerIds: meeting.trainerIds ?? [] },
			onlineLink: null,
		})
		return sessionId
	}

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		ids = await insertTwoUnitsAndAProvider(database.db)
		const db = database.db
		const [utrecht, acmBuilding] = await db
			.insert(schema.locations)
			.values([
				{ tenantId: ids.nvwa, name: 'NVWA Utrecht', address: 'Catharijnesingel 59', city: 'Utrecht' },
				{ tenantId: ids.acm, name: 'ACM Den Haag', address: 'Muzenstraat 41', city: 'Den Haag' },
			])
			.returning({ id: schema.locations.id })
		;[room, acmRoom] = (
			await db
				.insert(schema.rooms)
				.values([
					{ tenantId: ids.nvwa, locationId: utrecht!.id, name: 'Zaal 3.12', capacity: 16 },
					{ tenantId: ids.acm, locationId: acmBuilding!.id, name: 'Zaal Muzen', capacity: 12 },
				])
				.returning({ id: schema.rooms.id })
		).map((row) => row.id) as [string, string]
		;[trainer, acmTrainer] = (
			await db
				.insert(schema.trainers)
				.values([
					{ tenantId: ids.nvwa, kind: 'external', name: 'Petra de Trainer', organisation: 'Bureau Leer', email: 'petra@leer.test' },
					{ tenantId: ids.acm, kind: 'external', name: 'Arie van ACM', organisation: 'Bureau ACM', email: 'arie@acm.test' },
				])
				.returning({ id: schema.trainers.id })
		).map((row) => row.id) as [string, string]
		app = await database.connectAsApp({ maxConnections: 2 })
	})
	afterAll(() => database?.close())

	test('a room cannot be booked for overlapping meetings, and the refusal says it was the room', async () => {
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-03-09T08:00Z'), endsAt: at('2027-03-09T11:00Z'), roomId: room }))
		let error: unknown = null
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-03-09T10:00Z'), endsAt: at('2027-03-09T12:00Z'), roomId: room })).catch((caught: unknown) => (error = caught))
		expect(bookingConflictOf(error)).toBe('room')
		const holder = await asNvwa((tx) => findBooking(tx, { tenantId: ids.nvwa, resource: 'room', id: room, startsAt: at('2027-03-09T10:00Z'), endsAt: at('2027-03-09T12:00Z') }))
		expect(holder).toMatchObject({ courseTitle: 'Open voor iedereen', startsAt: at('2027-03-09T08:00Z') })
	})

	test('back-to-back meetings in one room are no overlap', async () => {
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-03-09T11:00Z'), endsAt: at('2027-03-09T12:00Z'), roomId: room }))
	})

	test('a trainer cannot teach two meetings at once; rescheduling a meeting moves the trainer booking with it', async () => {
		const first = await asNvwa((tx) => plan(tx, { startsAt: at('2027-04-01T08:00Z'), endsAt: at('2027-04-01T11:00Z'), trainerIds: [trainer] }))
		let error: unknown = null
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-04-01T10:30Z'), endsAt: at('2027-04-01T12:00Z'), trainerIds: [trainer] })).catch((caught: unknown) => (error = caught))
		expect(bookingConflictOf(error)).toBe('trainer')
		// Moved an hour earlier, the first meeting frees 10:30–11:00: now the second fits.
		await asNvwa((tx) => tx.update(schema.sessionMeetings).set({ startsAt: at('2027-04-01T07:00Z'), endsAt: at('2027-04-01T10:00Z') }).where(eq(schema.sessionMeetings.sessionId, first)))
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-04-01T10:30Z'), endsAt: at('2027-04-01T12:00Z'), trainerIds: [trainer] }))
		const [meeting] = await asNvwa((tx) => listSessionMeetings(tx, { sessionId: first }))
		expect(meeting).toMatchObject({ startsAt: at('2027-04-01T07:00Z'), trainers: [{ id: trainer, name: 'Petra de Trainer' }] })
	})

	test('a cancelled session frees its room and its trainers', async () => {
		const cancelled = await asNvwa((tx) => plan(tx, { startsAt: at('2027-05-01T08:00Z'), endsAt: at('2027-05-01T11:00Z'), roomId: room, trainerIds: [trainer] }))
		await asNvwa((tx) => tx.update(schema.sessions).set({ status: 'cancelled' }).where(eq(schema.sessions.id, cancelled)))
		await asNvwa((tx) => plan(tx, { startsAt: at('2027-05-01T08:00Z'), endsAt: at('2027-05-01T11:00Z'), roomId: room, trainerIds: [trainer] }))
	})

	test("another unit's room or trainer is refused by the database itself", async () => {
		expect(await failure(asNvwa((tx) => plan(tx, { startsAt: at('2027-06-01T08:00Z'), endsAt: at('2027-06-01T09:00Z'), roomId: acmRoom })))).toMatch(/session_meetings_room_same_unit/)
		expect(await failure(asNvwa((tx) => plan(tx, { startsAt: at('2027-06-01T08:00Z'), endsAt: at('2027-06-01T09:00Z'), trainerIds: [acmTrainer] })))).toMatch(/meeting_trainers_trainer_same_unit/)
	})

	test("rooms and trainers are the unit's own: another unit reads none of them", async () => {
		const seen = await withTenantContext(app.db, { tenantId: ids.rvo, userId: null }, async (tx) => ({
			rooms: await tx.select().from(schema.rooms),
			trainers: await tx.select().from(schema.trainers),
			bookings: await tx.select().from(schema.meetingTrainers),
		}))
		expect(seen).toEqual({ rooms: [], trainers: [], bookings: [] })
	})
})
