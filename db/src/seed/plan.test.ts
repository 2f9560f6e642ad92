import { SEAT_HOLDING_STATUSES, type EnrolmentStatus } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { UNITS } from './content/units.ts'
import { courseTitle, renderCourseText } from './course-text.ts'
import { DEMO_PERSONAS, parseSeedScale, seededDuplicateClusters } from './index.ts'
import { planCourses } from './plan-courses.ts'
import { enrolmentBatches, type PlannedEnrolment } from './plan-enrolments.ts'
import { planOrganisation } from './plan-organisation.ts'
import { planPlanning } from './plan-planning.ts'
import { planSessions } from './plan-sessions.ts'

const NOW = new Date('2025-06-02T08:00:00Z')

function planAll(scale: 'small' | 'default', now = NOW) {
	const organisation = planOrganisation(scale)
	const catalogue = planCourses(scale)
	const sessions = planSessions(scale, { now, catalogue, organisation })
	const enrolments: PlannedEnrolment[] = []
	for (const batch of enrolmentBatches({ now, sessions, courses: catalogue.courses, organisation }, 1_000)) enrolments.push(...batch)
	return { organisation, catalogue, sessions, enrolments }
}

/** The default plan takes a second to build; the tests that only read it share one. */
let defaultPlan: ReturnType<typeof planAll> | undefined
const theDefaultPlan = () => (defaultPlan ??= planAll('default'))

describe('the seed plan', () => {
	test('is the same, id for id, when planned twice with the same now', () => {
		const first = planAll('small')
		const second = planAll('small')
		expect(second.organisation.users.map((u) => [u.id, u.email])).toEqual(first.organisation.users.map((u) => [u.id, u.email]))
		expect(second.catalogue.courses.map((c) => c.id)).toEqual(first.catalogue.courses.map((c) => c.id))
		expect(second.sessions.map((s) => [s.id, s.startsAtMs])).toEqual(first.sessions.map((s) => [s.id, s.startsAtMs]))
		expect(second.enrolments).toEqual(first.enrolments)
		expect(renderCourseText(second.catalogue.courses[7]!)).toEqual(renderCourseText(first.catalogue.courses[7]!))
	})

	test('keeps people and course ids when only now changes', () => {
		const later = new Date(NOW.getTime() + 40 * 86_400_000)
		expect(planOrganisation('small').users.map((u) => u.id)).toEqual(planOrganisation('small').users.map((u) => u.id))
		const { sessions } = planAll('small', later)
		expect(sessions.every((s) => s.startsAtMs > later.getTime() - 366 * 86_400_000)).toBe(true)
	})

	test('gives every non-duplicate course its own topic and angle, so shared topics are different offerings', () => {
		const { courses } = theDefaultPlan().catalogue
		const singles = courses.filter((course) => course.cluster === null)
		const pairs = courses.map((course) => `${course.topic.name}|${course.angle.key}`)
		const clusterPairs = new Set(courses.filter((c) => c.cluster !== null).map((c) => `${c.topic.name}|${c.angle.key}`))
		expect(new Set(singles.map((c) => `${c.topic.name}|${c.angle.key}`)).size).toBe(singles.length)
		expect(singles.some((c) => clusterPairs.has(`${c.topic.name}|${c.angle.key}`))).toBe(false)
		expect(new Set(pairs).size).toBeGreaterThan(2_800)
		expect(courses.every((course) => course.series === 0)).toBe(true)
	})

	test('keeps the large catalogue to distinct offerings: repeats of a pair are tailored to a field of work', () => {
		const { courses } = planCourses('large')
		const titles = courses.map(courseTitle)
		expect(new Set(titles).size).toBe(titles.length)
		const tailored = courses.find((course) => course.series > 0)!
		expect(renderCourseText(tailored).description).toMatch(/toegespitst op|tailored to/)
	})

	test('writes Dutch text without leftover placeholders, in the voice of the providing unit', () => {
		const { courses } = theDefaultPlan().catalogue
		for (const course of courses) {
			const text = renderCourseText(course)
			expect(`${text.title} ${text.summary} ${text.description}`).not.toMatch(/[{}]|undefined/)
			expect(text.description.split('\n\n').length).toBeGreaterThanOrEqual(2)
			if (course.language === 'nl' && UNITS[course.providerIndex]!.voice === 'je') {
				expect(`${text.summary} ${text.description}`).not.toMatch(/\b(u|uw|U|Uw|uzelf)\b/)
			}
		}
		const texts = courses.map((course) => renderCourseText(course).description).join(' ')
		expect(texts).toMatch(/coördinatie/)
		expect(texts).toMatch(/financiële/)
	})

	test('gives every row its own id', () => {
		const { organisation, catalogue, sessions, enrolments } = theDefaultPlan()
		const ids = [
			...organisation.tenants,
			...organisation.users,
			...organisation.roles,
			...organisation.locations,
			...catalogue.courses,
			...sessions,
			...enrolments,
		].map((row) => row.id)
		expect(new Set(ids).size).toBe(ids.length)
	})

	test('plans each scale to its size', () => {
		expect(planCourses('small').courses).toHaveLength(150)
		const { organisation, catalogue, sessions, enrolments } = theDefaultPlan()
		expect(catalogue.courses).toHaveLength(3_000)
		expect(organisation.users.length).toBeGreaterThan(13_500)
		expect(organisation.users.length).toBeLessThan(14_500)
		expect(sessions.filter((s) => s.startsAtMs > NOW.getTime())).toHaveLength(8_000)
		expect(enrolments.length).toBeGreaterThan(60_000)
		expect(enrolments.length).toBeLessThanOrEqual(100_000)
	})
})

describe('the enrolment plan', () => {
	const { organisation, catalogue, sessions, enrolments } = planAll('small')
	const sessionById = new Map(sessions.map((session) => [session.id, session]))

	test('never overbooks a session and holds one active enrolment per person per session', () => {
		const seats = new Map<string, number>()
		const active = new Set<string>()
		for (const enrolment of enrolments) {
			if ((SEAT_HOLDING_STATUSES as readonly EnrolmentStatus[]).includes(enrolment.status)) {
				seats.set(enrolment.sessionId, (seats.get(enrolment.sessionId) ?? 0) + 1)
			}
			if (enrolment.status === 'declined' || enrolment.status === 'cancelled') continue
			const key = `${enrolment.sessionId}|${enrolment.userId}`
			expect(active.has(key)).toBe(false)
			active.add(key)
		}
		for (const [sessionId, taken] of seats) expect(taken).toBeLessThanOrEqual(sessionById.get(sessionId)!.capacity)
	})

	test('gives some classroom sessions of the coming months a minimum within their seats and a deadline a week or more ahead; every unit has one still short of it', () => {
		const withMinimum = sessions.filter((session) => session.minimumParticipants !== null)
		expect(withMinimum.length).toBeGreaterThan(0)
		expect(sessions.filter((session) => (session.minimumParticipants === null) !== (session.enrolmentDeadlineMs === null))).toEqual([])
		for (const session of withMinimum) {
			expect(session).toMatchObject({ phase: 'upcoming', status: 'planned' })
			expect(['classroom', 'blended']).toContain(catalogue.courses[session.courseIndex]!.form)
			expect(session.minimumParticipants!).toBeGreaterThanOrEqual(2)
			expect(session.minimumParticipants!).toBeLessThanOrEqual(session.capacity)
			expect(session.enrolmentDeadlineMs!).toBeLessThan(session.startsAtMs)
			expect(session.enrolmentDeadlineMs!).toBeGreaterThanOrEqual(NOW.getTime() + 7 * 86_400_000)
		}
		// Seats taken as the page counts them: each unit planning such sessions has one below its minimum, so its coordinator sees the warning.
		const seats = new Map<string, number>()
		for (const enrolment of enrolments) {
			if ((SEAT_HOLDING_STATUSES as readonly EnrolmentStatus[]).includes(enrolment.status)) seats.set(enrolment.sessionId, (seats.get(enrolment.sessionId) ?? 0) + 1)
		}
		const short = withMinimum.filter((session) => (seats.get(session.id) ?? 0) < session.minimumParticipants!)
		expect(new Set(short.map((session) => session.tenantIndex))).toEqual(new Set(withMinimum.map((session) => session.tenantIndex)))
		expect(short.length).toBeLessThan(withMinimum.length)
		expect(organisation.tenants.filter((_, index) => short.some((session) => session.tenantIndex === index)).map((tenant) => tenant.slug)).toContain('rvo')
	})

	test('waitlists people only for upcoming sessions that are full', () => {
		const waitlisted = enrolments.filter((e) => e.status === 'waitlisted')
		for (const enrolment of waitlisted) {
			const session = sessionById.get(enrolment.sessionId)!
			expect(session.phase).toBe('upcoming')
			const enrolled = enrolments.filter((e) => e.sessionId === session.id && e.status === 'enrolled').length
			expect(enrolled).toBe(session.capacity)
		}
	})

	test('only enrols people whose unit may see and join the course', () => {
		const userById = new Map(organisation.users.map((user) => [user.id, user]))
		const cpb = UNITS.findIndex((unit) => unit.slug === 'cpb')
		for (const enrolment of enrolments) {
			const user = userById.get(enrolment.userId)!
			const course = catalogue.courses[sessionById.get(enrolment.sessionId)!.courseIndex]!
			expect(enrolment.tenantId).toBe(organisation.tenants[user.tenantIndex]!.id)
			expect(user.active).toBe(true)
			if (course.visibility === 'selected') expect([course.providerIndex, ...course.audienceIndexes]).toContain(user.tenantIndex)
			if (course.providerIndex === cpb) expect(user.tenantIndex).toBe(cpb)
		}
	})
})

describe('the duplicate ground truth', () => {
	test.each(['small', 'default'] as const)('lists clusters of 2–4 courses from different units at the %s scale', (scale) => {
		const clusters = seededDuplicateClusters(scale)
		const { courses } = planCourses(scale)
		const byId = new Map(courses.map((course) => [course.id, course]))
		expect(clusters.length).toBeGreaterThanOrEqual(3)
		expect(seededDuplicateClusters(scale)).toEqual(clusters)
		for (const cluster of clusters) {
			expect(cluster.length).toBeGreaterThanOrEqual(2)
			expect(cluster.length).toBeLessThanOrEqual(4)
			const members = cluster.map((id) => byId.get(id)!)
			expect(new Set(members.map((course) => course.providerIndex)).size).toBe(cluster.length)
			expect(new Set(members.map((course) => course.topic.theme)).size).toBe(1)
			expect(new Set(members.map((course) => renderCourseText(course).title)).size).toBe(cluster.length)
		}
	})

	test('covers about five percent of the default catalogue', () => {
		const members = seededDuplicateClusters('default').flat().length
		expect(members).toBeGreaterThanOrEqual(120)
		expect(members).toBeLessThanOrEqual(180)
	})
})

describe('the demo personas', () => {
	test('exist in every scale, in their unit, with an RVO employee who reports to the RVO manager', () => {
		expect(DEMO_PERSONAS.map((persona) => persona.key)).toEqual(
			expect.arrayContaining(['rvo-employee', 'rvo-manager', 'rvo-coordinator', 'nvwa-coordinator', 'nvwa-employee', 'concern-admin']),
		)
		expect(DEMO_PERSONAS.find((persona) => persona.key === 'rvo-employee')?.email).toBe('demo.medewerker@rvo.demo.rijksoverheid.nl')
		expect(DEMO_PERSONAS.find((persona) => persona.key === 'concern-admin')?.tenantSlug).toBeNull()
		for (const scale of ['small', 'default', 'large'] as const) {
			const { users, personaUsers, tenants } = planOrganisation(scale)
			for (const persona of DEMO_PERSONAS) {
				const user = users[personaUsers.get(persona.key)!]!
				expect(user.email).toBe(persona.email)
				expect(user.employeeNumber).toBe(persona.employeeNumber)
				if (persona.tenantSlug) expect(tenants[user.tenantIndex]!.slug).toBe(persona.tenantSlug)
			}
			// Fixed persona numbers never collide with generated ones (single sign-on links by unit and number).
			expect(new Set(users.map((user) => `${user.tenantIndex}:${user.employeeNumber}`)).size).toBe(users.length)
			const employee = users[personaUsers.get('rvo-employee')!]!
			expect(employee.managerIndex).toBe(personaUsers.get('rvo-manager'))
		}
	})
})

describe('the demo trainer', () => {
	test("RVO's manager persona is one of RVO's internal trainers and teaches sessions ahead and in the last month, in every scale but large", () => {
		for (const scale of ['small', 'default'] as const) {
			const plan = scale === 'default' ? theDefaultPlan() : planAll(scale)
			const planning = planPlanning(scale, { sessions: plan.sessions, catalogue: plan.catalogue, organisation: plan.organisation })
			const mark = plan.organisation.personaUsers.get('rvo-manager')!
			const trainerIndex = planning.trainers.findIndex((trainer) => trainer.kind === 'internal' && trainer.userIndex === mark)
			expect(trainerIndex).toBeGreaterThanOrEqual(0)
			const taught = planning.meetings.filter((meeting) => meeting.trainerIndexes.includes(trainerIndex) && !meeting.cancelled)
			expect(taught.some((meeting) => meeting.startsAtMs > NOW.getTime())).toBe(true)
			expect(taught.some((meeting) => meeting.endsAtMs < NOW.getTime() && meeting.endsAtMs > NOW.getTime() - 30 * 86_400_000)).toBe(true)
		}
	})
})

describe('parseSeedScale', () => {
	test('reads a scale and defaults to default', () => {
		expect(parseSeedScale(undefined)).toBe('default')
		expect(parseSeedScale('large')).toBe('large')
		expect(parseSeedScale(' Small ')).toBe('small')
	})

	test('refuses an unknown scale with a message that lists the choices', () => {
		expect(() => parseSeedScale('huge')).toThrow(/Unknown seed scale "huge": use one of small, default, large/)
	})
})
