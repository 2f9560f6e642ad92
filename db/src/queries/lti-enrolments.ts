import { ENROLMENT_STATUSES, ENROLMENT_STATUSES_A_COMPLETION_CLOSES, LAUNCHABLE_ENROLMENT_STATUSES, type CourseForm, type EnrolmentStatus } from '@leerplein/domain'
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { enrolments, sessions } from '../schema/logistics.ts'

// The two questions LTI asks of enrolment logistics, in one place so they can be re-pointed at the
// enrolment state machine when it lands: "may this employee open the course's online part" and
// "the online part is done: complete the enrolment".

const pgArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::enrolment_status[]`

/** In the employee's own context: whether they hold an enrolment in the course that gives access to its online part. */
export async function isEnrolledInCourse(db: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<boolean> {
	const [row] = await db
		.select({ id: enrolments.id })
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
				// The repeated "not declined or cancelled" lets the partial unique index (session_id, user_id) answer.
		.where(
			and(
				eq(sessions.courseId, courseId),
				eq(enrolments.userId, userId),
				notInArray(enrolments.status, ['declined', 'cancelled']),
				inArray(enrolments.status, [...LAUNCHABLE_ENROLMENT_STATUSES]),
			),
		)
		.limit(1)
	return row !== undefined
}

/** In a tool context: the statuses of a person's enrolments in a course the tool serves (empty: not a participant). */
export async function enrolmentStatusesForTool(db: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<EnrolmentStatus[]> {
	const rows = await selectRows<{ status: EnrolmentStatus }>(db, sql`select lti_enrolment_statuses(${courseId}::uuid, ${userId}::uuid) as status`)
	return rows.map((row) => row.status)
}

export type CompletedEnrolment = { enrolmentId: string; tenantId: string; previousStatus: EnrolmentStatus }

/** In a tool context: closes the person's open enrolment(s) in the course because its online part is done. */
export async function completeEnrolmentFromScore(db: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<CompletedEnrolment[]> {
	const rows = await selectRows<{ enrolment_id: string; tenant_id: string; previous_status: EnrolmentStatus }>(
		db,
		sql`select enrolment_id, tenant_id, previous_status from lti_complete_enrolments(${courseId}::uuid, ${userId}::uuid, ${pgArray(ENROLMENT_STATUSES_A_COMPLETION_CLOSES)})`,
	)
	return rows.map((row) => ({ enrolmentId: row.enrolment_id, tenantId: row.tenant_id, previousStatus: row.previous_status }))
}

/** In a tool context: the unit of a person enrolled in the course in any status, or null (their own events go into that unit's store). */
export async function findCourseMemberUnit(db: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<string | null> {
	const [row] = await selectRows<{ tenant_id: string }>(db, sql`select tenant_id from lti_course_members(${courseId}::uuid, ${pgArray(ENROLMENT_STATUSES)}) where user_id = ${userId}::uuid`)
	return row?.tenant_id ?? null
}

export type CourseMember = { userId: string; tenantId: string; name: string; email: string; unitOverrides: Record<string, unknown>; status: EnrolmentStatus }

/** In a tool context: everyone with an active enrolment in the course, for NRPS. */
export async function listCourseMembersForTool(db: Database, { courseId }: { courseId: string }): Promise<CourseMember[]> {
	const rows = await selectRows<{ user_id: string; tenant_id: string; name: string; email: string; unit_overrides: Record<string, unknown>; status: EnrolmentStatus }>(
		db,
		sql`select user_id, tenant_id, name, email, unit_overrides, status from lti_course_members(${courseId}::uuid, ${pgArray(LAUNCHABLE_ENROLMENT_STATUSES)})`,
	)
	return rows.map((row) => ({ userId: row.user_id, tenantId: row.tenant_id, name: row.name, email: row.email, unitOverrides: row.unit_overrides, status: row.status }))
}

export type CourseInstructor = { userId: string; tenantId: string; name: string; email: string; unitOverrides: Record<string, unknown> }

/** In a tool context: the course's instructors for NRPS — the coordinators of the providing unit. */
export async function listCourseInstructorsForTool(db: Database, { courseId }: { courseId: string }): Promise<CourseInstructor[]> {
	const rows = await selectRows<{ user_id: string; tenant_id: string; name: string; email: string; unit_overrides: Record<string, unknown> }>(
		db,
		sql`select user_id, tenant_id, name, email, unit_overrides from lti_course_instructors(${courseId}::uuid)`,
	)
	return rows.map((row) => ({ userId: row.user_id, tenantId: row.tenant_id, name: row.name, email: row.email, unitOverrides: row.unit_overrides }))
}

export type BlendedEnrolmentParts = {
	enrolmentId: string
	status: EnrolmentStatus
	courseForm: CourseForm
	minParts: number | null
	/** The course's online parts in their order, and whether this person completed each. */
	online: { id: string; title: string; completed: boolean }[]
}

/**
 * A person's active enrolments in a course with the state of each online part, for the domain to
 * decide a blended programme's completion (ADR 033). Locks the enrolments first (migration 0043):
 * call it in the transaction that stored the result, after storing it. Empty when the caller is
 * neither the tool serving the course, its providing unit, nor a trainer of it, or the course has no online part.
 */
export async function lockBlendedParts(db: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<BlendedEnrolmentParts[]> {
	const rows = await selectRows<{
		enrolment_id: string
		status: EnrolmentStatus
		course_form: CourseForm
		min_parts: number | null
		part_id: string
		part_title: string
		part_completed: boolean
	}>(db, sql`select enrolment_id, status, course_form, min_parts, part_id, part_title, part_completed from blended_parts_for_update(${courseId}::uuid, ${userId}::uuid)`)
	const byEnrolment = new Map<string, BlendedEnrolmentParts>()
	for (const row of rows) {
		const enrolment = byEnrolment.get(row.enrolment_id) ?? { enrolmentId: row.enrolment_id, status: row.status, courseForm: row.course_form, minParts: row.min_parts, online: [] }
		enrolment.online.push({ id: row.part_id, title: row.part_title, completed: row.part_completed })
		byEnrolment.set(row.enrolment_id, enrolment)
	}
	return [...byEnrolment.values()]
}

/**
 * The people with an enrolment in one of `statuses` in a course, as its providing unit sees them:
 * those a changed completion rule may complete (ADR 033), each settled on their own.
 */
export async function listCourseLearnersIn(db: Database, { courseId, statuses }: { courseId: string; statuses: readonly EnrolmentStatus[] }): Promise<string[]> {
	const rows = await db
		.selectDistinct({ userId: enrolments.userId })
		.from(enrolments)
		.innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
		.where(and(eq(sessions.courseId, courseId), inArray(enrolments.status, [...statuses])))
		.orderBy(enrolments.userId)
	return rows.map((row) => row.userId)
}

/** Completes one enrolment the domain found complete, from the given statuses, audited; false when it changed meanwhile. */
export async function completeBlendedEnrolment(
	db: Database,
	{ enrolmentId, from, audit }: { enrolmentId: string; from: readonly EnrolmentStatus[]; audit: { origin: string | null; requestId: string | null } },
): Promise<boolean> {
	const [row] = await selectRows<{ completed: boolean }>(
		db,
		sql`select blended_complete_enrolment(${enrolmentId}::uuid, ${pgArray(from)}, ${audit.origin}, ${audit.requestId}) as completed`,
	)
	return row?.completed ?? false
}
