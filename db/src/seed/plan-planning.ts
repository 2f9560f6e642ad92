import type { CourseForm } from '@leerplein/domain'
import { amsterdamDay, amsterdamTime, isWeekend, DAY_MS } from './calendar.ts'
import type { CoursePlan } from './plan-courses.ts'
import type { Organisation } from './plan-organisation.ts'
import type { PlannedSession } from './plan-sessions.ts'
import { Random } from './prng.ts'
import type { SeedScale } from './scales.ts'

/**
 * Rooms, trainers and the meetings of every planned session (issue 14, ADR 027): a few rooms per
 * location and a handful of trainers per unit; a one-day class is one meeting, a multi-day class
 * one per day, a blended course its first and last classroom day, a webinar one online meeting,
 * an e-learning its access window (online, no trainer). Rooms and trainers are handed out so no
 * two planned meetings overlap, as the database's exclusion constraints demand.
 */

export type PlannedRoom = {
	id: string
	tenantIndex: number
	locationIndex: number
	name: string
	capacity: number
	wheelchairAccessible: boolean
	hearingLoop: boolean
	accessibilityNote: string | null
}

export type PlannedTrainer = {
	id: string
	tenantIndex: number
	kind: 'internal' | 'external'
	userIndex: number | null
	name: string
	organisation: string | null
	email: string
}

export type PlannedMeeting = {
	id: string
	sessionIndex: number
	startsAtMs: number
	endsAtMs: number
	roomIndex: number | null
	online: boolean
	cancelled: boolean
	trainerIndexes: number[]
}

export type PlanningPlan = { rooms: PlannedRoom[]; trainers: PlannedTrainer[]; meetings: PlannedMeeting[] }

const ROOM_NAMES = ['Zaal 1.01', 'Zaal 1.02', 'Vergaderruimte 2.14', 'Trainingsruimte 3.05']
const ROOM_CAPACITIES = [12, 16, 20, 30]
const INTERNAL_TRAINERS = 5
/** The persona who is one of the unit's internal trainers: Mark Jansen, RVO's team lead. */
export const TRAINER_PERSONAS: Record<string, string> = { rvo: 'rvo-manager' }
const PERSONA_SESSIONS_PER_MONTH = 4
const EXTERNAL_TRAINERS = 3
const TRAINING_FIRMS = ['Bureau Leerkracht', 'De Trainingsfabriek', 'Academie voor Overheid', 'Koers Opleidingen', 'Het Leerhuis']
const EXTERNAL_NAMES = ['Sanne de Graaf', 'Youssef Amrani', 'Marieke Post', 'Pieter van Dam', 'Esther Koning', 'Ruben Schouten', 'Linda Verbeek', 'Daan Hoekstra', 'Fatima El Idrissi']

export function planPlanning(
	scale: SeedScale,
	{ sessions, catalogue, organisation }: { sessions: PlannedSession[]; catalogue: CoursePlan; organisation: Organisation },
): PlanningPlan {
	const random = Random.stream('planning', scale)
	const rooms: PlannedRoom[] = []
	const roomsByLocation: number[][] = organisation.locations.map(() => [])
	for (const [locationIndex, location] of organisation.locations.entries()) {
		const count = 2 + (locationIndex % 3)
		for (let k = 0; k < count; k++) {
			roomsByLocation[locationIndex]!.push(rooms.length)
			const wheelchairAccessible = random.chance(0.8)
			rooms.push({
				id: random.uuid(location.ageMs),
				tenantIndex: location.tenantIndex,
				locationIndex,
				name: ROOM_NAMES[k]!,
				capacity: ROOM_CAPACITIES[k]!,
				wheelchairAccessible,
				hearingLoop: random.chance(0.4),
				accessibilityNote: wheelchairAccessible ? 'Lift naast de hoofdingang.' : 'Alleen via de trap bereikbaar.',
			})
		}
	}

	const trainers: PlannedTrainer[] = []
	const trainersByTenant: number[][] = organisation.tenants.map(() => [])
	for (const [tenantIndex, tenant] of organisation.tenants.entries()) {
		const employees = random.shuffle(organisation.activeUsersByTenant[tenantIndex]!).slice(0, INTERNAL_TRAINERS)
		// A demo persona teaches too, so signing in as them shows "my sessions" (after the draw, which stays as it was).
		const persona = organisation.personaUsers.get(TRAINER_PERSONAS[tenant.slug] ?? '')
		if (persona !== undefined && !employees.includes(persona)) employees[employees.length - 1] = persona
		for (const userIndex of employees) {
			const user = organisation.users[userIndex]!
			trainersByTenant[tenantIndex]!.push(trainers.length)
			trainers.push({ id: random.uuid(user.ageMs), tenantIndex, kind: 'internal', userIndex, name: user.name, organisation: null, email: user.email })
		}
		for (let k = 0; k < EXTERNAL_TRAINERS; k++) {
			const name = EXTERNAL_NAMES[(tenantIndex + k * 4) % EXTERNAL_NAMES.length]!
			const organisationName = random.pick(TRAINING_FIRMS)
			trainersByTenant[tenantIndex]!.push(trainers.length)
			trainers.push({
				id: random.uuid(400 * DAY_MS),
				tenantIndex,
				kind: 'external',
				userIndex: null,
				name,
				organisation: organisationName,
				email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${tenant.slug}@trainers.example`,
			})
		}
	}

	// The persona trainers come first where they are free, up to a few sessions a month, so the demo shows them teaching.
	const personaTrainers = new Set(trainers.flatMap((trainer, index) => (trainer.userIndex !== null && Object.values(TRAINER_PERSONAS).some((key) => organisation.personaUsers.get(key) === trainer.userIndex) ? [index] : [])))
	const personaLoad = new Map<string, number>()
	const roomBookings = new Bookings()
	const trainerBookings = new Bookings()
	const meetings: PlannedMeeting[] = []
	for (const [sessionIndex, session] of sessions.entries()) {
		const form = catalogue.courses[session.courseIndex]!.form
		const cancelled = session.status === 'cancelled'
		const times = meetingTimes(form, session)
		const inRoom = form === 'classroom' || form === 'blended'
		// One room and one trainer for the whole session where they are free for every meeting.
		const roomIndex =
			inRoom && session.locationIndex !== null ? (roomsByLocation[session.locationIndex]!.find((room) => cancelled || roomBookings.freeFor(room, times)) ?? null) : null
		const month = Math.floor(amsterdamDay(new Date(session.startsAtMs)) / 30)
		const preferred = (trainer: number) => personaTrainers.has(trainer) && !cancelled && (personaLoad.get(`${trainer}:${month}`) ?? 0) < PERSONA_SESSIONS_PER_MONTH
		const candidates = form === 'elearning' ? [] : random.shuffle(trainersByTenant[session.tenantIndex]!)
		const trainerIndex = [...candidates.filter(preferred), ...candidates.filter((trainer) => !preferred(trainer))].find((trainer) => cancelled || trainerBookings.freeFor(trainer, times)) ?? null
		if (trainerIndex !== null && personaTrainers.has(trainerIndex) && !cancelled) personaLoad.set(`${trainerIndex}:${month}`, (personaLoad.get(`${trainerIndex}:${month}`) ?? 0) + 1)
		if (!cancelled) {
			if (roomIndex !== null) roomBookings.book(roomIndex, times)
			if (trainerIndex !== null) trainerBookings.book(trainerIndex, times)
		}
		for (const [startsAtMs, endsAtMs] of times) {
			meetings.push({
				id: random.uuid(Math.max(0, session.createdAtMs)),
				sessionIndex,
				startsAtMs,
				endsAtMs,
				roomIndex,
				online: !inRoom,
				cancelled,
				trainerIndexes: trainerIndex === null ? [] : [trainerIndex],
			})
		}
	}
	return { rooms, trainers, meetings }
}

/** The meetings of a session, as [start, end) instants within its span. */
function meetingTimes(form: CourseForm, session: PlannedSession): [number, number][] {
	const { startsAtMs, endsAtMs } = session
	const firstDay = amsterdamDay(new Date(startsAtMs))
	const lastDay = amsterdamDay(new Date(endsAtMs - 1))
	if (form === 'webinar' || form === 'elearning' || firstDay === lastDay) return [[startsAtMs, endsAtMs]]
	if (form === 'blended') {
		// The first and the last classroom day; the online work happens in between.
		return [
			[startsAtMs, amsterdamTime(firstDay, 16, 30).getTime()],
			[amsterdamTime(lastDay, 9).getTime(), endsAtMs],
		]
	}
	// A multi-day class: every working day from the first to the last.
	const days: [number, number][] = [[startsAtMs, amsterdamTime(firstDay, 17).getTime()]]
	for (let day = firstDay + 1; day < lastDay; day++) {
		if (!isWeekend(day)) days.push([amsterdamTime(day, 9).getTime(), amsterdamTime(day, 17).getTime()])
	}
	days.push([amsterdamTime(lastDay, 9).getTime(), endsAtMs])
	return days
}

/** Who is booked when, by Amsterdam day: an overlap check looks only at the meetings of that day. */
class Bookings {
	private readonly byResource = new Map<number, Map<number, [number, number][]>>()

	freeFor(resource: number, times: [number, number][]): boolean {
		const days = this.byResource.get(resource)
		if (!days) return true
		return times.every(([start, end]) => {
			for (const day of daysOf(start, end)) {
				if ((days.get(day) ?? []).some(([s, e]) => s < end && start < e)) return false
			}
			return true
		})
	}

	book(resource: number, times: [number, number][]): void {
		let days = this.byResource.get(resource)
		if (!days) this.byResource.set(resource, (days = new Map()))
		for (const [start, end] of times) {
			for (const day of daysOf(start, end)) {
				const list = days.get(day)
				if (list) list.push([start, end])
				else days.set(day, [[start, end]])
			}
		}
	}
}

function daysOf(start: number, end: number): number[] {
	const first = amsterdamDay(new Date(start))
	const last = amsterdamDay(new Date(end - 1))
	return Array.from({ length: last - first + 1 }, (_, k) => first + k)
}
