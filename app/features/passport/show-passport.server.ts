import { listCoursesGranting, listPassport, listPassportHistory, type GrantingCourse } from '@leerplein/db/passport'
import type { Database } from '@leerplein/db'
import { listEvidenceStatements, listEvidenceWithErasedStatements, type EvidenceStatement } from '@leerplein/db/xapi'
import { can, grantMeetsCause, type PassportCause, type PassportColour } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type PassportDot = {
	competencyId: string
	name: string
	description: string
	status: PassportColour
	validUntil: string | null
	permanent: boolean
	cause: PassportCause
	/** The highest level held today, and the competency's level names (empty: it has none). */
	level: number | null
	levels: string[]
	/** For a red or orange dot: the courses that grant it at the level it needs (or more), with their next session. */
	courses: GrantingCourse[]
}

export type PassportView = {
	dots: PassportDot[]
	history: Awaited<ReturnType<typeof listPassportHistory>>
	/** The xAPI statements the history's evidence rests on (ADR 039, "Statements that count"), oldest first. */
	evidenceStatements: EvidenceStatement[]
	/** Pieces of the history's xAPI evidence whose statements were erased or passed the unit's retention (ADR 039, "Privacy"). */
	erasedEvidenceIds: string[]
}

/** Urgency first: red, then orange, then green, then not required; by name within each. */
const URGENCY: Record<PassportColour, number> = { red: 0, orange: 1, green: 2, not_required: 3 }

/**
 * The signed-in person's own passport: their dots, most urgent first, what to do about a red or
 * orange one (the courses their unit may follow that grant it at the level it needs, with the next session), and the
 * history of changes with their causes.
 */
export async function showMyPassport(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<PassportView>> {
	const resource = { kind: 'passport', tenantId: actor.tenantId, userId: actor.userId, managerId: null } as const
	if (!can(actor, 'read', resource)) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, (tx) => readPassport(tx, { userId: actor.userId, viewerTenantId: actor.tenantId, now: ctx.clock.now() }))
}

/**
 * One person's passport as their own page and the page for their manager and coordinators show it:
 * the dots, most urgent first, with the granting courses for red and orange ones, and the history.
 * Runs inside the caller's transaction, in the person's unit.
 */
export async function readPassport(tx: Database, { userId, viewerTenantId, now }: { userId: string; viewerTenantId: string; now: Date }): Promise<PassportView> {
	const rows = await listPassport(tx, { userId })
	const urgent = rows.filter((row) => row.status === 'red' || row.status === 'orange').map((row) => row.competencyId)
	const courses = await listCoursesGranting(tx, { competencyIds: urgent, viewerTenantId, now })
	const dots = rows
		.map((row) => ({
			competencyId: row.competencyId,
			name: row.name,
			description: row.description,
			status: row.status,
			validUntil: row.validUntil,
			permanent: row.permanent,
			cause: row.cause,
			level: row.level,
			levels: row.levels,
			// A course granting a lower level than the requirement asks would not turn the dot: not suggested.
			courses: urgent.includes(row.competencyId) ? courses.filter((course) => course.competencyId === row.competencyId && grantMeetsCause(course.grantsLevel, row.cause)) : [],
		}))
		.sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.name.localeCompare(b.name, 'nl'))
	const history = await listPassportHistory(tx, { userId, limit: 50 })
	const evidenceIds = [...new Set(history.flatMap((change) => ('evidenceId' in change.cause && change.cause.evidenceId ? [change.cause.evidenceId] : [])))]
	return {
		dots,
		history,
		evidenceStatements: await listEvidenceStatements(tx, { tenantId: viewerTenantId, evidenceIds }),
		erasedEvidenceIds: await listEvidenceWithErasedStatements(tx, { evidenceIds }),
	}
}
