import type { Database } from '@leerplein/db'
import { completeBlendedEnrolment, lockBlendedParts } from '@leerplein/db/lti'
import { completesByRule, completionRuleOf, decideBlendedCompletion, ENROLMENT_STATUSES_A_RULE_COMPLETES } from '@leerplein/domain'
import type { ServiceContext } from '../../core/service.server.ts'

/**
 * A blended programme completes when its rule is met, whatever order the results arrive in (ADR 033).
 * Each path that brings a result — attendance, an LTI score, the web-services sync — calls this in its
 * own transaction after storing the result: the person's enrolments in the course are locked, the
 * state of every part read, and the domain decides per enrolment. Returns how many it completed.
 */
export async function settleBlendedCompletion(ctx: ServiceContext, tx: Database, { courseId, userId }: { courseId: string; userId: string }): Promise<number> {
	let completed = 0
	for (const enrolment of await lockBlendedParts(tx, { courseId, userId })) {
		if (!completesByRule(enrolment.courseForm, enrolment.online.length)) continue
		const online = enrolment.online.map((part) => ({ kind: 'online' as const, ...part }))
		if (decideBlendedCompletion({ status: enrolment.status, online, rule: completionRuleOf(enrolment.minParts) }) !== 'complete') continue
		const closed = await completeBlendedEnrolment(tx, {
			enrolmentId: enrolment.enrolmentId,
			from: ENROLMENT_STATUSES_A_RULE_COMPLETES,
			audit: { origin: ctx.clientIp, requestId: ctx.requestId },
		})
		if (closed) completed++
	}
	return completed
}
