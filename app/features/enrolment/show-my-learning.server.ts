import { listOpenEvaluations } from '@leerplein/db/effect'
import { getEmployeeForEnrolment, listMyEnrolments } from '@leerplein/db/enrolment'
import type { Database } from '@leerplein/db'
import { listMyOnlinePartProgress } from '@leerplein/db/lti'
import { listCountingMeetingIds, listSessionMarks } from '@leerplein/db/planning'
import { getConcernPoDefaults } from '@leerplein/db/po-rules'
import {
	blendedParts,
	blendedProgress,
	budgetYear,
	completedClassroomState,
	completesByRule,
	completionRuleOf,
	effectivePoSettings,
	sessionAttendance,
	type Actor,
	type BlendedProgress,
	type ClassroomState,
	type MeetingMark,
} from '@leerplein/domain'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'
import { budgetsOfYears } from './enrolment-support.server.ts'

/**
 * "Mijn leren": the actor's evaluations still to answer (ADR 041), their own enrolments in four groups, each with its course's online parts
 * (completed, score), a blended programme's progress per part, and the budget left this year and in every later year an enrolment is paid from.
 */
export async function showMyLearning(ctx: ServiceContext, { actor }: { actor: Actor }) {
	const now = ctx.clock.now()
	const { userId } = actor
	return inTenant(ctx, actor, async (tx) => {
		const [rows, employee, parts, evaluations] = await Promise.all([
			listMyEnrolments(tx, { userId }),
			getEmployeeForEnrolment(tx, { userId }),
			listMyOnlinePartProgress(tx, { userId }),
			listOpenEvaluations(tx, { tenantId: actor.tenantId, userId, now }),
		])
		const enrolments = []
		for (const enrolment of rows) {
			const onlineParts = parts.filter((part) => part.courseId === enrolment.courseId).map(({ resourceLinkId, title, score, completedAt }) => ({ resourceLinkId, title, score, completedAt }))
			// A blended programme shows each part's progress and whether its rule is met (ADR 033).
			let blended: BlendedProgress | null = null
			if (completesByRule(enrolment.courseForm, onlineParts.length)) {
				const online = onlineParts.map((part) => ({ kind: 'online' as const, id: part.resourceLinkId, title: part.title, completed: part.completedAt !== null }))
				const rule = completionRuleOf(enrolment.completionMinParts)
				const classroom = enrolment.status === 'completed' ? completedClassroomState(await classroomFromMarks(tx, enrolment), online, rule) : undefined
				blended = blendedProgress(blendedParts(enrolment.status, online, { classroom, classroomIndex: enrolment.classroomPartIndex }), rule)
			}
			enrolments.push({ ...enrolment, onlineParts, blended })
		}
		const settings = effectivePoSettings(await getConcernPoDefaults(tx), employee?.poOverrides ?? {})
		const upcoming = (startsAt: Date) => startsAt.getTime() > now.getTime()
		const years = [budgetYear(now), ...enrolments.filter((e) => upcoming(e.startsAt)).map((e) => budgetYear(e.startsAt))]
		return {
			evaluations,
			budgets: await budgetsOfYears(tx, { userId, yearlyBudgetCents: settings.yearlyBudgetCents, years }),
			enrolled: enrolments.filter((e) => e.status === 'enrolled' && upcoming(e.startsAt)),
			waitlisted: enrolments.filter((e) => e.status === 'waitlisted' && upcoming(e.startsAt)),
			awaiting: enrolments.filter((e) => (e.status === 'awaiting_approval' || e.status === 'approved') && upcoming(e.startsAt)),
			history: enrolments.filter(
				(e) => !upcoming(e.startsAt) || ['declined', 'cancelled', 'attended', 'no_show', 'completed'].includes(e.status),
			),
		}
	})
}

/** A completed enrolment's session as its meeting marks tell it (the employee reads their own marks). */
async function classroomFromMarks(tx: Database, { id, sessionId }: { id: string; sessionId: string }): Promise<ClassroomState> {
	const marks = new Map((await listSessionMarks(tx, { sessionId })).filter((mark) => mark.enrolmentId === id).map((mark) => [mark.meetingId, mark.present]))
	const counting = await listCountingMeetingIds(tx, { sessionId })
	const attendance = sessionAttendance(counting.map((meetingId): MeetingMark | null => (marks.has(meetingId) ? (marks.get(meetingId) ? 'present' : 'absent') : null)))
	return attendance.status === 'attended' ? 'attended' : attendance.status === 'no_show' ? 'not_attended' : 'pending'
}
