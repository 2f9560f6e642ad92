import { setOnlinePartMoodleIds } from '@leerplein/db/lti'
import { audit, inTenant, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { courseToManage } from './course-to-manage.server.ts'

/**
 * Says which Moodle course and activity an online part is (or, with both null, that it is none),
 * so the web-services sync can read its completion: a part chosen through Deep Linking arrives
 * without them. Only those who manage the course; row-level security lets only the providing unit
 * change its parts. Audited.
 */
export async function linkOnlinePartToMoodle(
	ctx: ServiceContext,
	{ actor, courseId, resourceLinkId, moodleCourseId, moodleActivityId }: { actor: Actor; courseId: string; resourceLinkId: string; moodleCourseId: number | null; moodleActivityId: number | null },
): Promise<ServiceResult<null>> {
	return inTenant(ctx, actor, async (tx) => {
		await courseToManage(tx, { actor, courseId })
		const part = await setOnlinePartMoodleIds(tx, { courseId, resourceLinkId, moodleCourseId, moodleActivityId })
		if (!part) throw refusal('not_found', 'ONLINE_PART_NOT_FOUND')
		await audit(ctx, tx, {
			actor,
			tenantId: part.tenantId,
			action: 'lti.online_part_moodle_ids_set',
			objectType: 'lti_resource_link',
			objectId: part.id,
			after: { moodleCourseId, moodleActivityId },
		})
		return null
	})
}
