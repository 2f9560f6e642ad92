import { committedBudget, findActiveEnrolment, getEmployeeForEnrolment, getSessionForEnrolment } from '@leerplein/db/enrolment'
import { searchUnitPeople } from '@leerplein/db/tenants'
import { budgetYear, can, previewEnrolmentRequest, remainingBudget, type Actor, type EnrolmentPreview } from '@leerplein/domain'
import { inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { ownUnitSession } from '../sessions/own-unit-session.ts'
import { rulesOf } from './enrolment-support.server.ts'

/** How many people a search shows, each with what adding them would do. */
export const PARTICIPANT_SEARCH_LIMIT = 20

export type ParticipantOption = {
	id: string
	name: string
	email: string
	/** Already has a place, a waitlist place or a request in this session: nothing to add. */
	alreadyIn: boolean
	/** What asking for a seat for them would do under their unit's rules, said before the click. */
	preview: EnrolmentPreview
	firstApprover: 'manager' | 'coordinator'
}

export type ParticipantOptions = {
	session: { id: string; courseTitle: string; startsAt: Date; endsAt: Date; city: string | null; status: string }
	people: ParticipantOption[]
}

/**
 * The page where a coordinator adds an employee of the unit to one of the unit's sessions: the
 * session, and the unit's people the search found, each with what adding them will do (seat at
 * once, wait for the manager's approval, refused and why; the budget after) — decided by the same
 * rules requestEnrolment meets, so the preview and the act agree. Another unit's session is not found.
 */
export async function showParticipantOptions(ctx: ServiceContext, { actor, sessionId, query }: { actor: Actor; sessionId: string; query: string }): Promise<ServiceResult<ParticipantOptions>> {
	if (!can(actor, 'update', ownUnitSession(actor))) return refuse('forbidden', 'FORBIDDEN')
	const now = ctx.clock.now()
	const { tenantId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId })
		if (!session || session.tenantId !== tenantId) throw refusal('not_found', 'SESSION_NOT_FOUND')
		const found = query.trim().length >= 2 ? await searchUnitPeople(tx, { tenantId, query: query.trim(), limit: PARTICIPANT_SEARCH_LIMIT }) : []
		const year = budgetYear(session.startsAt)
		const people: ParticipantOption[] = []
		for (const person of found) {
			const employee = await getEmployeeForEnrolment(tx, { userId: person.id })
			if (!employee) continue
			const rules = await rulesOf(tx, employee.poOverrides, session.providerPoOverrides)
			const committed = session.priceCents > 0 ? await committedBudget(tx, { userId: person.id, year }) : 0
			const preview = previewEnrolmentRequest(rules, {
				employeeTenantId: employee.tenantId,
				providerTenantId: session.tenantId,
				priceCents: session.priceCents,
				courseStatus: session.courseStatus,
				session: { startsAt: session.startsAt, status: session.status, enrolmentDeadline: session.enrolmentDeadline },
				remainingBudgetCents: remainingBudget(rules.employeeUnit.yearlyBudgetCents, committed),
				now,
			})
			const alreadyIn = (await findActiveEnrolment(tx, { sessionId, userId: person.id })) !== null
			people.push({ ...person, alreadyIn, preview, firstApprover: employee.managerId ? 'manager' : 'coordinator' })
		}
		const { id, courseTitle, startsAt, endsAt, city, status } = session
		return { session: { id, courseTitle, startsAt, endsAt, city, status }, people }
	})
}
