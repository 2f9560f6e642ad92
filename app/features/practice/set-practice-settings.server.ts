import { listPracticeCards, setPracticeCourseOptOut, setPracticeSettings } from '@leerplein/db/practice'
import { inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type PracticeSettingChange = { kind: 'all'; optedOut: boolean } | { kind: 'course'; courseId: string; optedOut: boolean } | { kind: 'hour'; hour: number }

/**
 * The signed-in person opts out of practising altogether or one course of theirs, or back in, or
 * sets the hour (Europe/Amsterdam, 0–23) of their daily digest (ADR 047). A course they hold no
 * cards of is not found. Their cards stay: opting back in resumes where they were.
 */
export async function changePracticeSettings(ctx: ServiceContext, { actor, change }: { actor: Actor; change: PracticeSettingChange }): Promise<ServiceResult<PracticeSettingChange>> {
	if (change.kind === 'hour' && (!Number.isInteger(change.hour) || change.hour < 0 || change.hour > 23)) return refuse('invalid', 'PRACTICE_HOUR_INVALID', { field: 'hour' })
	return inTenant(ctx, actor, async (tx) => {
		const scope = { tenantId: actor.tenantId, userId: actor.userId }
		switch (change.kind) {
			case 'all':
				await setPracticeSettings(tx, { ...scope, optedOut: change.optedOut })
				break
			case 'hour':
				await setPracticeSettings(tx, { ...scope, digestHour: change.hour })
				break
			case 'course': {
				const cards = await listPracticeCards(tx, scope)
				if (!cards.some((card) => card.courseId === change.courseId)) throw refusal('not_found', 'PRACTICE_COURSE_NOT_FOUND')
				await setPracticeCourseOptOut(tx, { ...scope, courseId: change.courseId, optedOut: change.optedOut })
				break
			}
		}
		return change
	})
}
