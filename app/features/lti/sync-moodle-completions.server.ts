import { withToolContext } from '@leerplein/db'
import {
	completeEnrolmentFromScore,
	getCourseForm,
	getToolWebServices,
	insertPartCompletion,
	listCourseMembersForTool,
	listLtiTools,
	listSyncableOnlineParts,
	onlinePartCompleted,
	recordWebServicesSync,
	type LtiTool,
} from '@leerplein/db/lti'
import { listTenants } from '@leerplein/db/tenants'
import { decideSyncedCompletion, onlinePartIsWholeCourse } from '@leerplein/domain'
import { activityCompleted, createMoodleClient, moodleLtiUsername, MoodleWebServiceError } from '@leerplein/moodle'
import { outboundGuard } from '../../core/outbound.server.ts'
import { openSecret } from '../../core/secret-box.server.ts'
import { settleBlendedCompletion } from '../enrolment/settle-blended-completion.server.ts'
import { recordOwnToolEvents } from '../xapi/own-events.server.ts'
import { audit, succeed, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'

/** How one tool's sync went, as the administrator reads it on the tool's page. */
export type ToolSyncReport = { toolId: string; status: 'ok' | 'failed'; message: string; completed: number }

type Candidate = { tenantId: string; courseId: string; resourceLinkId: string; userId: string; completedAt: Date }

// The sync runs without a unit: the settings row is reached in the tool's context, which needs no tenant.
const NO_UNIT = ''

/**
 * The web-services fallback (Moodle sends only graded activities over AGS): for every active tool
 * with web services, read Moodle's activity completion of each linked online part for each
 * participant, and complete what Moodle reports completed without a grade — through the same rules
 * as a score (the part once, an e-learning course's enrolment with it, another course's by its
 * completion rule, ADR 033), audited. All of Moodle is
 * read before anything is written, so an error from Moodle changes nothing; it is recorded as the
 * tool's last sync result. Scheduled (ADR 012; the job runs it as no one, `actor: null`), and on
 * demand from the tool's page (syncLtiToolNow). Never refused: a tool's failure is its report.
 */
export async function syncMoodleCompletions(
	ctx: ServiceContext,
	{ secretsKey, toolId }: { actor: TenantScope | null; secretsKey: Buffer | null; toolId?: string },
): Promise<ServiceResult<ToolSyncReport[]>> {
	const { db } = ctx
	const now = ctx.clock.now()
	const tools = (await listLtiTools(db)).filter((tool) => tool.active && (toolId === undefined || tool.id === toolId))
	const reports: ToolSyncReport[] = []
	for (const tool of tools) {
		const settings = await withToolContext(db, { tenantId: NO_UNIT, toolId: tool.id }, (tx) => getToolWebServices(tx, { toolId: tool.id }))
		if (!settings) continue
		const report = await syncTool(ctx, { tool, settings, secretsKey, now })
		await withToolContext(db, { tenantId: NO_UNIT, toolId: tool.id }, (tx) => recordWebServicesSync(tx, { toolId: tool.id, at: now, ...report }))
		reports.push({ toolId: tool.id, ...report })
	}
	return succeed(reports)
}

async function syncTool(
	ctx: ServiceContext,
	{
		tool,
		settings,
		secretsKey,
		now,
	}: { tool: LtiTool; settings: { baseUrl: string; tokenCiphertext: string; issuer: string }; secretsKey: Buffer | null; now: Date },
): Promise<Omit<ToolSyncReport, 'toolId'>> {
	const { db } = ctx
	const token = secretsKey ? openSecret(secretsKey, settings.tokenCiphertext) : null
	if (!token) return { status: 'failed', message: 'token_unreadable', completed: 0 }
	const moodle = createMoodleClient({ baseUrl: settings.baseUrl, token, fetch: outboundGuard().fetch })

	// 1. What Leerplein links: per unit, the tool's parts that name a Moodle activity, and their participants.
	const parts: { tenantId: string; id: string; courseId: string; moodleCourseId: number; moodleActivityId: number; participants: string[] }[] = []
	for (const tenant of await listTenants(db)) {
		await withToolContext(db, { tenantId: tenant.id, toolId: tool.id }, async (tx) => {
			for (const part of await listSyncableOnlineParts(tx, { tenantId: tenant.id, toolId: tool.id })) {
				const members = await listCourseMembersForTool(tx, { courseId: part.courseId })
				parts.push({ tenantId: tenant.id, id: part.id, courseId: part.courseId, moodleCourseId: part.moodleCourseId!, moodleActivityId: part.moodleActivityId!, participants: members.map((member) => member.userId) })
			}
		})
	}
	if (parts.length === 0) return { status: 'ok', message: 'nothing_linked', completed: 0 }

	// 2. What Moodle says, read in full before anything changes.
	const candidates: Candidate[] = []
	try {
		const people = [...new Set(parts.flatMap((part) => part.participants))]
		const usernameOf = new Map(people.map((userId) => [userId, moodleLtiUsername(settings.issuer, userId)]))
		const moodleIdOf = new Map<string, number>()
		// Moodle's own limit on values per call is generous; batches keep each request small.
		for (let start = 0; start < people.length; start += 100) {
			const batch = people.slice(start, start + 100).map((userId) => usernameOf.get(userId)!)
			for (const account of await moodle.getUsersByUsername(batch)) moodleIdOf.set(account.username, account.id)
		}
		const statusCache = new Map<string, Awaited<ReturnType<typeof moodle.getActivitiesCompletionStatus>>>()
		for (const part of parts) {
			for (const userId of part.participants) {
				// Someone who never opened the part has no Moodle account yet, and nothing to complete.
				const moodleUserId = moodleIdOf.get(usernameOf.get(userId)!)
				if (moodleUserId === undefined) continue
				const key = `${part.moodleCourseId}:${moodleUserId}`
				if (!statusCache.has(key)) statusCache.set(key, await moodle.getActivitiesCompletionStatus(part.moodleCourseId, moodleUserId))
				const status = statusCache.get(key)!.statuses.find((candidate) => candidate.cmid === part.moodleActivityId)
				if (!status || !activityCompleted(status.state)) continue
				candidates.push({
					tenantId: part.tenantId,
					courseId: part.courseId,
					resourceLinkId: part.id,
					userId,
					completedAt: status.timecompleted > 0 ? new Date(status.timecompleted * 1000) : now,
				})
			}
		}
	} catch (error) {
		// Moodle's error code and message say what to fix (invalidtoken, accessexception…); the token is never in them.
		if (error instanceof MoodleWebServiceError) return { status: 'failed', message: `${error.errorcode}: ${error.message}`, completed: 0 }
		return { status: 'failed', message: `unreachable: ${error instanceof Error ? error.message : String(error)}`, completed: 0 }
	}

	// 3. Complete, once each, in the providing unit's tool context. Only completed activities are
	// candidates (Moodle's states, activityCompleted); the domain rule decides whether that completes the part.
	let completed = 0
	for (const candidate of candidates) {
		const done = await withToolContext(db, { tenantId: candidate.tenantId, toolId: tool.id }, async (tx) => {
			const partCompleted = await onlinePartCompleted(tx, { resourceLinkId: candidate.resourceLinkId, userId: candidate.userId })
			if (decideSyncedCompletion({ activityCompleted: true, partCompleted }) !== 'complete') return false
			const recorded = await insertPartCompletion(tx, { resourceLinkId: candidate.resourceLinkId, userId: candidate.userId, tenantId: candidate.tenantId, toolId: tool.id, completedAt: candidate.completedAt })
			if (!recorded) return false
			const form = await getCourseForm(tx, { courseId: candidate.courseId })
			const closed = form && onlinePartIsWholeCourse(form)
				? (await completeEnrolmentFromScore(tx, { courseId: candidate.courseId, userId: candidate.userId })).length
				: await settleBlendedCompletion(ctx, tx, { courseId: candidate.courseId, userId: candidate.userId })
			if (closed > 0) await recordOwnToolEvents(ctx, tx, { courseId: candidate.courseId, userId: candidate.userId, score: null })
			await audit(ctx, tx, {
				actor: null,
				tenantId: candidate.tenantId,
				action: 'lti.online_part_completed',
				objectType: 'lti_resource_link',
				objectId: candidate.resourceLinkId,
				after: { toolId: tool.id, userId: candidate.userId, via: 'web_services', completedAt: candidate.completedAt.toISOString(), completedEnrolments: closed },
			})
			return true
		})
		if (done) completed++
	}
	return { status: 'ok', message: 'ok', completed }
}
