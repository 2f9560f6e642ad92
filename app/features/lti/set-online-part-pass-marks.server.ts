import { setOnlinePartPassMark } from '@leerplein/db/lti'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'

/**
 * The pass marks of a course's online parts, as the coordinator confirms or changes them after a
 * Deep Linking return (ADR 026): a tool sends none, so each new part starts at the concern's
 * default. Only those who manage the course; all or nothing; each change audited.
 */
export async function setOnlinePartPassMarks(
	ctx: ServiceContext,
	{ actor, courseId, parts }: { actor: Actor; courseId: string; parts: { resourceLinkId: string; passMarkPercent: number }[] },
): Promise<ServiceResult<null>> {
	return inTenant(ctx, actor, async (tx) => {
		await courseToManage(tx, { actor, courseId })
		for (const { resourceLinkId, passMarkPercent } of parts) {
			const changed = await setOnlinePartPassMark(tx, { courseId, resourceLinkId, passMarkPercent })
			if (!changed) throw refusal('not_found', 'ONLINE_PART_NOT_FOUND')
			const { part, passMarkBefore } = changed
			await audit(ctx, tx, { actor, tenantId: part.tenantId, action: 'lti.online_part_pass_mark_set', objectType: 'lti_resource_link', objectId: part.id, before: { passMarkPercent: passMarkBefore }, after: { passMarkPercent } })
		}
		return null
	})
}
