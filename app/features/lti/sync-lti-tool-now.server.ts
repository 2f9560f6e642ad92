import { withTenantContext, writeAudit } from '@leerplein/db'
import type { SignedIn } from '../identity/session.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import { syncMoodleCompletions } from './sync-moodle-completions.server.ts'

/**
 * "Synchronise now" on the tool page: the scheduled completion sync, for one tool, at once. The
 * audit row says who asked and what came of it (the sync's own rows record each completion).
 */
export async function syncLtiToolNow(context: LeerpleinContext, { signedIn, toolId, now }: { signedIn: SignedIn; toolId: string; now: Date }) {
	const [report] = await syncMoodleCompletions(context.db, { secretsKey: context.config.secretsKey, now, toolId })
	const { person } = signedIn
	await withTenantContext(context.db, { tenantId: person.tenantId, userId: person.userId }, (tx) =>
		writeAudit(tx, {
			actorUserId: person.userId,
			action: 'lti.web_services_synced',
			objectType: 'lti_tool',
			objectId: toolId,
			result: report && report.status !== 'ok' ? 'failed' : 'success',
			origin: context.clientIp,
			requestId: context.requestId,
			after: report ? { status: report.status, completed: report.completed } : { status: 'no_web_services' },
		}),
	)
	return report ?? null
}
