import { listCoursesGranting, listPassport, listPassportHistory, type GrantingCourse } from '@leerplein/db/passport'
import { can, type PassportCause, type PassportColour } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type PassportDot = {
	competencyId: string
	name: string
	description: string
	status: PassportColour
	validUntil: string | null
	permanent: boolean
	cause: PassportCause
	/** For a red or orange dot: the courses that grant it, with their next session. */
	courses: GrantingCourse[]
}

export type PassportView = {
	dots: PassportDot[]
	history: Awaited<ReturnType<typeof listPassportHistory>>
}

/** Urgency first: red, then orange, then green, then not required; by name within each. */
const URGENCY: Record<PassportColour, number> = { red: 0, orange: 1, green: 2, not_required: 3 }

/**
 * The signed-in person's own passport: their dots, most urgent first, what to do about a red or
 * orange one (the courses their unit may follow that grant it, with the next session), and the
 * history of changes with their causes.
 */
export async function showMyPassport(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<PassportView>> {
	const resource = { kind: 'passport', tenantId: actor.tenantId, userId: actor.userId, managerId: null } as const
	if (!can(actor, 'read', resource)) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(ctx, actor, async (tx) => {
		const rows = await listPassport(tx, { userId: actor.userId })
		const urgent = rows.filter((row) => row.status === 'red' || row.status === 'orange').map((row) => row.competencyId)
		const courses = await listCoursesGranting(tx, { competencyIds: urgent, viewerTenantId: actor.tenantId, now: ctx.clock.now() })
		const dots = rows
			.map((row) => ({
				competencyId: row.competencyId,
				name: row.name,
				description: row.description,
				status: row.status,
				validUntil: row.validUntil,
				permanent: row.permanent,
				cause: row.cause,
				courses: urgent.includes(row.competencyId) ? courses.filter((course) => course.competencyId === row.competencyId) : [],
			}))
			.sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.name.localeCompare(b.name, 'nl'))
		return { dots, history: await listPassportHistory(tx, { userId: actor.userId, limit: 50 }) }
	})
}
