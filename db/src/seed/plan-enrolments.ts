import type { CourseForm, EnrolmentStatus, PoSettings } from '@leerplein/domain'
import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar.ts'
import type { PlannedCourse } from './plan-courses.ts'
import type { Organisation } from './plan-organisation.ts'
import { eligibleTenants, type PlannedSession } from './plan-sessions.ts'
import { Random } from './prng.ts'

/**
 * Enrolments, generated session by session so the large scale (a million rows) never sits
 * in memory at once. Per session, people are drawn without repetition (one active
 * enrolment per person) from the units that may enrol, and only seat-holding statuses
 * count against the capacity, so no session is ever overbooked.
 */

export type PlannedEnrolment = {
	id: string
	tenantId: string
	sessionId: string
	userId: string
	status: EnrolmentStatus
	requestedAt: Date
	updatedAt: Date
}

/** Half of a session's participants come from the providing unit itself, when it may enrol. */
const OWN_UNIT_SHARE = 0.5

export function* enrolmentBatches(
	{
		now,
		sessions,
		courses,
		organisation,
	}: { now: Date; sessions: PlannedSession[]; courses: PlannedCourse[]; organisation: Organisation },
	batchSize: number,
): Generator<PlannedEnrolment[]> {
	const pools = new Map<string, Pool>()
	let batch: PlannedEnrolment[] = []
	for (const session of sessions) {
		if (session.enrolmentCount === 0) continue
		const course = courses[session.courseIndex]!
		const tenants = eligibleTenants(course, organisation)
		const key = tenants.join(',')
		let pool = pools.get(key)
		if (!pool) pools.set(key, (pool = createPool(tenants, organisation)))
		for (const enrolment of enrolSession(session, course, pool, organisation, now.getTime())) {
			batch.push(enrolment)
			if (batch.length >= batchSize) {
				yield batch
				batch = []
			}
		}
	}
	if (batch.length > 0) yield batch
}

type Pool = { tenants: number[]; weights: Record<string, number> }

function createPool(tenants: number[], organisation: Organisation): Pool {
	const weights = Object.fromEntries(tenants.map((t) => [String(t), organisation.activeUsersByTenant[t]!.length]))
	return { tenants, weights }
}

function enrolSession(
	session: PlannedSession,
	course: PlannedCourse,
	pool: Pool,
	organisation: Organisation,
	nowMs: number,
): PlannedEnrolment[] {
	const random = Random.stream('enrolments', session.id)
	const chosen = new Set<number>()
	const sessionId = session.id
	let seats = 0
	const rows: PlannedEnrolment[] = []

	for (let k = 0; k < session.enrolmentCount; k++) {
		const userIndex = pickParticipant(random, pool, course.providerIndex, chosen, organisation)
		chosen.add(userIndex)
		const user = organisation.users[userIndex]!
		const settings = organisation.tenants[user.tenantIndex]!.settings
		const needsApproval = approvalRequired(settings, course.priceCents)
		const roll = random.next()

		let status: EnrolmentStatus
		if (session.status === 'cancelled') status = 'cancelled'
		else if (session.phase === 'upcoming') {
			if (needsApproval && roll < 0.22) status = 'awaiting_approval'
			else if (needsApproval && roll < 0.27) status = 'declined'
			else if (roll > 0.96) status = 'cancelled'
			else status = seats < session.capacity ? 'enrolled' : 'waitlisted'
		} else {
			if (needsApproval && roll < 0.03) status = 'declined'
			else if (roll > 0.93) status = 'cancelled'
			// A past or running session that was full had no room: those people cancelled in the end.
			else if (seats >= session.capacity) status = 'cancelled'
			else status = session.phase === 'running' ? 'enrolled' : outcome(random, course.form)
		}
		if (status === 'enrolled' || status === 'attended' || status === 'completed' || status === 'no_show') seats++

		const { requestedAt, updatedAt } = timestamps(random, session, status, needsApproval, nowMs)
		rows.push({
			id: random.uuid(nowMs - requestedAt),
			tenantId: organisation.tenants[user.tenantIndex]!.id,
			sessionId,
			userId: user.id,
			status,
			requestedAt: new Date(requestedAt),
			updatedAt: new Date(updatedAt),
		})
	}
	return rows
}

function approvalRequired(settings: PoSettings, priceCents: number): boolean {
	switch (settings.approval.mode) {
		case 'never':
			return false
		case 'always':
			return true
		case 'above_price':
			return priceCents > settings.approval.thresholdCents
		default: {
			const unreachable: never = settings.approval
			return unreachable
		}
	}
}

/** How a held seat ended: most people finish, some only attend part, a few do not show up. */
const OUTCOMES: Record<CourseForm, Record<'completed' | 'attended' | 'no_show', number>> = {
	classroom: { completed: 78, attended: 12, no_show: 10 },
	blended: { completed: 70, attended: 20, no_show: 10 },
	elearning: { completed: 82, attended: 8, no_show: 10 },
	webinar: { completed: 15, attended: 70, no_show: 15 },
}

function outcome(random: Random, form: CourseForm): EnrolmentStatus {
	return random.weighted(OUTCOMES[form])
}

function pickParticipant(random: Random, pool: Pool, ownUnit: number, chosen: Set<number>, organisation: Organisation): number {
	const byTenant = organisation.activeUsersByTenant
	for (let attempt = 0; attempt < 20; attempt++) {
		const tenant = pool.tenants.includes(ownUnit) && random.chance(OWN_UNIT_SHARE) ? ownUnit : Number(random.weighted(pool.weights))
		const users = byTenant[tenant]!
		if (users.length === 0) continue
		const userIndex = users[random.int(0, users.length - 1)]!
		if (!chosen.has(userIndex)) return userIndex
	}
	// Nearly everyone in the pool is already in: take the first one who is not (the plan never asks for more than the pool holds).
	for (const tenant of pool.tenants) {
		for (const userIndex of byTenant[tenant]!) if (!chosen.has(userIndex)) return userIndex
	}
	throw new Error('enrolment plan asks for more participants than the units may send')
}

function timestamps(
	random: Random,
	session: PlannedSession,
	status: EnrolmentStatus,
	needsApproval: boolean,
	nowMs: number,
): { requestedAt: number; updatedAt: number } {
	const between = (from: number, to: number) => (to <= from ? from : from + random.next() * (to - from))
	const seconds = (ms: number) => Math.floor(ms / 1000) * 1000
	const latestRequest = Math.min(session.startsAtMs - DAY_MS, nowMs - 10 * MINUTE_MS)
	const requestedAt = seconds(
		status === 'awaiting_approval'
			? between(Math.max(session.createdAtMs, nowMs - 21 * DAY_MS), nowMs - 10 * MINUTE_MS)
			: between(session.createdAtMs, latestRequest),
	)
	const clamp = (ms: number) => seconds(Math.max(requestedAt, Math.min(nowMs - MINUTE_MS, ms)))
	switch (status) {
		case 'completed':
		case 'attended':
		case 'no_show':
			return { requestedAt, updatedAt: clamp(session.endsAtMs + random.int(1, 72) * HOUR_MS) }
		case 'cancelled':
			return { requestedAt, updatedAt: clamp(between(requestedAt, Math.min(session.startsAtMs, nowMs))) }
		case 'declined':
			return { requestedAt, updatedAt: clamp(requestedAt + random.int(4, 120) * HOUR_MS) }
		case 'enrolled':
			// With approval, the seat was confirmed when the manager said yes.
			return { requestedAt, updatedAt: needsApproval ? clamp(requestedAt + random.int(2, 72) * HOUR_MS) : requestedAt }
		default:
			return { requestedAt, updatedAt: requestedAt }
	}
}
