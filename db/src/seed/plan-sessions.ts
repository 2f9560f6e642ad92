import type { CourseForm } from '@leerplein/domain'
import {
	addWorkingDays,
	amsterdamDay,
	amsterdamTime,
	DAY_MS,
	dayOfMonth,
	HOUR_MS,
	isWeekend,
	MINUTE_MS,
	monthOf,
	nextWorkingDay,
} from './calendar.ts'
import { UNITS } from './content/units.ts'
import type { CoursePlan, PlannedCourse } from './plan-courses.ts'
import type { Organisation } from './plan-organisation.ts'
import { Random } from './prng.ts'
import { SCALE_SIZES, type SeedScale } from './scales.ts'

/**
 * Sessions: a year of history and a year ahead, on working days at 09:00, 09:30 or 13:00
 * Amsterdam time. Each session also gets the number of enrolments it will hold, chosen so
 * the whole plan lands near the scale's target without ever exceeding a session's seats
 * (only upcoming, full sessions get a waitlist on top).
 */

export type SessionPhase = 'past' | 'running' | 'upcoming'

export type PlannedSession = {
	index: number
	id: string
	courseIndex: number
	tenantIndex: number
	/** Index into the organisation's locations; null for online sessions. */
	locationIndex: number | null
	startsAtMs: number
	endsAtMs: number
	createdAtMs: number
	capacity: number
	status: 'planned' | 'cancelled'
	phase: SessionPhase
	/** How many enrolment rows this session gets (all statuses together). */
	enrolmentCount: number
	/** Below this many participants at the deadline the session may not go ahead; null: no minimum. */
	minimumParticipants: number | null
	/** After this moment nobody can enrol; null: until the session starts. */
	enrolmentDeadlineMs: number | null
}

const WAITLIST_ROOM = 8

export function planSessions(
	scale: SeedScale,
	{ now, catalogue, organisation }: { now: Date; catalogue: CoursePlan; organisation: Organisation },
): PlannedSession[] {
	const random = Random.stream('sessions', scale)
	const sizes = SCALE_SIZES[scale]
	const nowMs = now.getTime()
	const today = amsterdamDay(now)
	const courses = catalogue.courses

	// Courses oldest first, so "courses that existed at time T" is a prefix of the list.
	const byAge = [...courses].sort((a, b) => b.ageMs - a.ageMs)
	const upcomingPicker = weightedPicker(byAge, (course) => (course.status === 'published' ? demand(course) : 0))
	const pastPicker = weightedPicker(byAge, (course) => (course.status === 'draft' ? 0 : demand(course)))
	const courseCreatedAtMs = byAge.map((course) => nowMs - course.ageMs)

	const locationsByTenant = UNITS.map((_, tenantIndex) =>
		organisation.locations.flatMap((location, index) => (location.tenantIndex === tenantIndex ? [index] : [])),
	)

	const sessions: PlannedSession[] = []
	const demands: Demand[] = []
	const total = sizes.pastSessions + sizes.upcomingSessions
	for (let n = 0; n < total; n++) {
		const upcoming = n < sizes.upcomingSessions
		const day = upcoming ? pickDay(random, today + 1, today + 365) : pickDay(random, today - 365, today - 1)
		const startHour = random.weighted({ '9:00': 50, '9:30': 25, '13:00': 25 })
		// A course must exist a few weeks before its session was held.
		const latestCreation = amsterdamTime(day, 9).getTime() - 21 * DAY_MS
		const course = upcoming ? upcomingPicker.pick(random, byAge.length) : pastPicker.pick(random, prefixLength(courseCreatedAtMs, latestCreation))
		const { startsAtMs, endsAtMs } = schedule(course, day, startHour)
		const capacity = drawCapacity(random, course.form)
		const status = random.chance(upcoming ? 0.03 : 0.05) ? 'cancelled' : 'planned'
		const courseCreatedMs = nowMs - course.ageMs
		const createdAtMs = Math.min(
			nowMs - HOUR_MS,
			Math.max(courseCreatedMs + HOUR_MS, startsAtMs - random.int(21, 150) * DAY_MS + random.int(0, 480) * MINUTE_MS),
		)
		const phase: SessionPhase = endsAtMs <= nowMs ? 'past' : startsAtMs <= nowMs ? 'running' : 'upcoming'
		const locationIndex =
			course.form === 'classroom' || course.form === 'blended' ? pickLocation(random, locationsByTenant[course.providerIndex]!) : null
		sessions.push({
			index: n,
			id: random.uuid(nowMs - createdAtMs),
			courseIndex: course.index,
			tenantIndex: course.providerIndex,
			locationIndex,
			startsAtMs,
			endsAtMs,
			createdAtMs,
			capacity,
			status,
			phase,
			enrolmentCount: 0,
			minimumParticipants: null,
			enrolmentDeadlineMs: null,
		})
		demands.push(demandFor(random, status, phase, capacity, (startsAtMs - nowMs) / DAY_MS))
	}

	assignEnrolmentCounts(sessions, demands, sizes.enrolments, (session) => eligiblePoolSize(courses[session.courseIndex]!, organisation))
	setMinimums(scale, sessions, courses, nowMs)
	return sessions
}

/** A minimum and a deadline only where the decision is at least this far ahead: no session gets a minimum-participants notice right after seeding. */
const MINIMUM_LEAD_DAYS = 7
/** Sessions further ahead have just opened for enrolment; their unit sets a minimum later. */
const MINIMUM_HORIZON_DAYS = 120

/**
 * About two in five classroom and blended sessions of the coming four months have a minimum number
 * of participants and an enrolment deadline a few days before the start, as a unit sets them when
 * a trainer or a room costs money: most reach their minimum, about two in five are still short of
 * it (a minimum above the people the session gets), so a coordinator sees the warning. A stream of
 * its own, drawn after everything else, so the sessions, their enrolments and the rest of the plan
 * stay as they were.
 */
function setMinimums(scale: SeedScale, sessions: PlannedSession[], courses: PlannedCourse[], nowMs: number) {
	const random = Random.stream('session-minimums', scale)
	const deadlineFor = (session: PlannedSession, daysBefore: number) => amsterdamTime(amsterdamDay(new Date(session.startsAtMs)) - daysBefore, 17).getTime()
	const eligible = sessions.filter((session) => {
		const form = courses[session.courseIndex]!.form
		return (
			session.phase === 'upcoming' &&
			session.status === 'planned' &&
			(form === 'classroom' || form === 'blended') &&
			session.startsAtMs <= nowMs + MINIMUM_HORIZON_DAYS * DAY_MS &&
			// Not yet decided: the deadline of the longest lead still a week or more ahead.
			deadlineFor(session, 14) >= nowMs + MINIMUM_LEAD_DAYS * DAY_MS
		)
	})
	for (const session of eligible) {
		if (!random.chance(0.4)) continue
		// Most units set a minimum their session reaches; some are still short of it.
		const reached = random.chance(0.6)
		const share = reached ? 0.5 + 0.3 * random.next() : 1.3 + 0.7 * random.next()
		session.minimumParticipants = Math.min(session.capacity, Math.max(2, Math.round(session.enrolmentCount * share)))
		session.enrolmentDeadlineMs = deadlineFor(session, random.pick([3, 5, 7, 10, 14]))
	}
	// Every unit's coordinator sees the warning somewhere, also at the small scale: a unit without a
	// session short of its minimum gets one, on its first session that is not full.
	const short = (session: PlannedSession) => session.minimumParticipants !== null && session.minimumParticipants > session.enrolmentCount
	for (const tenantIndex of new Set(eligible.map((session) => session.tenantIndex))) {
		const own = eligible.filter((session) => session.tenantIndex === tenantIndex)
		if (own.some(short)) continue
		const open = own.find((session) => session.minimumParticipants === null && session.enrolmentCount + 2 <= session.capacity)
		if (!open) continue
		open.minimumParticipants = open.enrolmentCount + 2
		open.enrolmentDeadlineMs = deadlineFor(open, 7)
	}
}

/** Classroom courses run more often than e-learnings, which mostly run as a few long access windows. */
const FORM_DEMAND: Record<CourseForm, number> = { classroom: 1.3, blended: 1, webinar: 0.9, elearning: 0.5 }

function demand(course: PlannedCourse): number {
	return course.popularity * FORM_DEMAND[course.form]
}

/** Weighted sampling over a prefix of a list, by binary search in cumulative weights. */
function weightedPicker(courses: PlannedCourse[], weight: (course: PlannedCourse) => number) {
	const cumulative: number[] = []
	let sum = 0
	for (const course of courses) cumulative.push((sum += weight(course)))
	return {
		pick(random: Random, prefix: number): PlannedCourse {
			const limit = Math.max(1, prefix)
			const roll = random.next() * cumulative[limit - 1]!
			let low = 0
			let high = limit - 1
			while (low < high) {
				const mid = (low + high) >> 1
				if (cumulative[mid]! > roll) high = mid
				else low = mid + 1
			}
			return courses[low]!
		},
	}
}

/** How many of the (ascending) creation times are at or before `limitMs`. */
function prefixLength(createdAtMs: number[], limitMs: number): number {
	let low = 0
	let high = createdAtMs.length
	while (low < high) {
		const mid = (low + high) >> 1
		if (createdAtMs[mid]! <= limitMs) low = mid + 1
		else high = mid
	}
	return low
}

/** A working day in the range; quieter in summer, nothing between Christmas and New Year. */
function pickDay(random: Random, first: number, last: number): number {
	for (;;) {
		const day = random.int(first, last)
		if (isWeekend(day)) continue
		const month = monthOf(day)
		const date = dayOfMonth(day)
		if ((month === 11 && date >= 23) || (month === 0 && date <= 1)) continue
		if ((month === 6 && date >= 15) || (month === 7 && date <= 20)) {
			if (!random.chance(0.3)) continue
		}
		return day
	}
}

function schedule(course: PlannedCourse, day: number, startHour: string): { startsAtMs: number; endsAtMs: number } {
	const minutes = course.durationMinutes
	// Full-day and multi-day classes start in the morning.
	const time = (course.form === 'classroom' || course.form === 'blended') && minutes > 240 && startHour === '13:00' ? '9:00' : startHour
	const [hour, minute] = time.split(':').map(Number) as [number, number]
	const starts = amsterdamTime(day, hour, minute).getTime()
	switch (course.form) {
		case 'webinar':
			return { startsAtMs: starts, endsAtMs: starts + minutes * MINUTE_MS }
		case 'classroom':
			if (minutes <= 480) return { startsAtMs: starts, endsAtMs: starts + (minutes + (minutes >= 360 ? 30 : 0)) * MINUTE_MS }
			return { startsAtMs: starts, endsAtMs: amsterdamTime(addWorkingDays(day, Math.ceil(minutes / 420) - 1), 17).getTime() }
		case 'blended':
			// Classroom days a week apart, with online work in between.
			return {
				startsAtMs: starts,
				endsAtMs: amsterdamTime(nextWorkingDay(day + 7 * Math.max(2, Math.ceil(minutes / 420))), 16, 30).getTime(),
			}
		case 'elearning':
			// An e-learning session is an access window of six weeks.
			return { startsAtMs: starts, endsAtMs: amsterdamTime(addWorkingDays(day, 30), 17).getTime() }
		default: {
			const unreachable: never = course.form
			return unreachable
		}
	}
}

const CAPACITIES: Record<CourseForm, number[]> = {
	classroom: [8, 10, 12, 12, 14, 15, 16, 16, 18, 20, 20, 24, 25, 30],
	blended: [8, 10, 12, 12, 14, 15, 16, 16, 18, 20, 20, 24, 25, 30],
	webinar: [30, 40, 50, 60, 75, 100],
	elearning: [20, 25, 30, 40, 50],
}

function drawCapacity(random: Random, form: CourseForm): number {
	return random.pick(CAPACITIES[form])
}

/** Most classes happen at the unit's main building; the others now and then. */
function pickLocation(random: Random, locations: number[]): number {
	const weights = Object.fromEntries(locations.map((location, k) => [String(location), k === 0 ? 4 : k === 1 ? 2 : 1]))
	return Number(random.weighted(weights))
}

/** A session's demand: a share of its seats (scaled to the target later), or an exact number for sold-out sessions. */
type Demand = { share: number } | { exact: number }

/**
 * How full a session gets: history is fairly full, the near future is filling up, the far
 * future has just opened. Some popular sessions sold out: in the coming weeks they have a
 * waitlist, so the demo shows one.
 */
function demandFor(random: Random, status: PlannedSession['status'], phase: SessionPhase, capacity: number, daysAhead: number): Demand {
	if (status === 'cancelled') return { share: 0.3 * random.next() }
	if (phase === 'past') return random.chance(0.1) ? { exact: capacity } : { share: 0.45 + 0.55 * random.next() }
	if (phase === 'running') return { share: 0.6 + 0.4 * random.next() }
	if (daysAhead <= 60 && random.chance(0.12)) return { exact: capacity + random.int(1, WAITLIST_ROOM) }
	const base = daysAhead <= 30 ? 0.8 : daysAhead <= 90 ? 0.5 : daysAhead <= 180 ? 0.2 : 0.08
	return { share: base * (0.5 + random.next()) }
}

/** Scales the shares so the counts add up to about `target`, never above a session's limit. */
function assignEnrolmentCounts(
	sessions: PlannedSession[],
	demands: Demand[],
	target: number,
	poolSize: (session: PlannedSession) => number,
) {
	const limits = sessions.map((session) => {
		const seats = session.phase === 'upcoming' && session.status === 'planned' ? session.capacity + WAITLIST_ROOM : session.capacity
		return Math.min(seats, poolSize(session))
	})
	const countsAt = (factor: number) =>
		sessions.map((session, i) => {
			const demand = demands[i]!
			const wanted = 'exact' in demand ? demand.exact : Math.round(session.capacity * demand.share * factor)
			return Math.min(limits[i]!, wanted)
		})
	let factor = 1
	for (let round = 0; round < 6; round++) {
		const sum = countsAt(factor).reduce((a, b) => a + b, 0)
		if (sum === 0) break
		factor *= target / sum
	}
	const counts = countsAt(factor)
	for (const [i, session] of sessions.entries()) session.enrolmentCount = counts[i]!
}

/** How many people may enrol in a course: visible to their unit and accepted by the provider. */
export function eligibleTenants(course: PlannedCourse, organisation: Organisation): number[] {
	const provider = course.providerIndex
	if (!organisation.tenants[provider]!.settings.acceptsOtherUnits) return [provider]
	if (course.visibility === 'selected') return [provider, ...course.audienceIndexes]
	return organisation.tenants.map((_, index) => index)
}

function eligiblePoolSize(course: PlannedCourse, organisation: Organisation): number {
	return eligibleTenants(course, organisation).reduce((sum, t) => sum + organisation.activeUsersByTenant[t]!.length, 0)
}
