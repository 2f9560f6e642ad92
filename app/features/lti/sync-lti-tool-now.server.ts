import { can } from '@leerplein/domain'
import { audit, inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { syncMoodleCompletions, type ToolSyncReport } from './sync-moodle-completions.server.ts'

/**
 * "Synchronise now" on the tool page: the scheduled completion sync, for one tool, at once. The
 * audit row says who asked and what came of it (the sync's own rows record each completion); a
 * tool without web services has nothing to report.
 */
export async function syncLtiToolNow(
	ctx: ServiceContext,
	{ actor, toolId, secretsKey }: { actor: Actor; toolId: string; secretsKey: Buffer | null },
): Promise<ServiceResult<ToolSyncReport | null>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	const synced = await syncMoodleCompletions(ctx, { actor, secretsKey, toolId })
	if (!synced.ok) return synced
	const report = synced.value[0] ?? null
	return inTenant(ctx, actor, async (tx) => {
		await audit(ctx, tx, {
			actor,
			tenantId: null,
			action: 'lti.web_services_synced',
			objectType: 'lti_tool',
			objectId: toolId,
			result: report && report.status !== 'ok' ? 'failed' : 'success',
			after: report ? { status: report.status, completed: report.completed } : { status: 'no_web_services' },
		})
		return report
	})
}
