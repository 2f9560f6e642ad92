import { setOnlinePartMoodleIds, withTenantContext, writeAudit } from '@leerplein/db'
import { fail, ok, type Result } from '@leerplein/domain'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'

/**
 * Says which Moodle course and activity an online part is (or, with both null, that it is none),
 * so the web-services sync can read its completion: a part chosen through Deep Linking arrives
 * without them. Row-level security lets only the providing unit change its parts. Audited.
 */
export async function linkOnlinePartToMoodle(
	context: LeerpleinContext,
	{ signedIn, courseId, resourceLinkId, moodleCourseId, moodleActivityId }: { signedIn: SignedIn; courseId: string; resourceLinkId: string; moodleCourseId: number | null; moodleActivityId: number | null },
): Promise<Result<null, 'ONLINE_PART_NOT_FOUND'>> {
	const { person } = signedIn
	return withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, async (tx) => {
		const part = await setOnlinePartMoodleIds(tx, { courseId, resourceLinkId, moodleCourseId, moodleActivityId })
		if (!part) return fail('ONLINE_PART_NOT_FOUND')
		await writeAudit(tx, {
			tenantId: part.tenantId,
			actorUserId: person.userId,
			action: 'lti.online_part_moodle_ids_set',
			objectType: 'lti_resource_link',
			objectId: part.id,
			result: 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: { moodleCourseId, moodleActivityId },
		})
		return ok(null)
	})
}
