import { getLtiTool, getToolWebServices, type LtiTool, type LtiToolWebServices } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { createMoodleClient, MoodleWebServiceError, type MoodleCourse, type MoodleSection } from '@leerplein/moodle'
import { outboundGuard } from '../../core/outbound.server.ts'
import { openSecret } from '../../core/secret-box.server.ts'
import { inTenant, refusal, refuse, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

const MOODLE_SITE_COURSE_ID = 1

export type MoodleBrowse = { kind: 'courses' } | { kind: 'course'; moodleCourseId: number }

export type MoodleListing =
	| { ok: true; courses: Pick<MoodleCourse, 'id' | 'shortname' | 'fullname'>[]; course: { id: number; sections: Pick<MoodleSection, 'id' | 'name' | 'modules'>[] } | null }
	| { ok: false; error: string }

/**
 * A registered tool for the concern administrator: its registration, its Moodle web services (the
 * token only by its last four characters) with the last sync, and, when asked, the Moodle site's
 * courses and a course's activities with the ids an online part is linked by (Moodle's own error
 * is part of the page, not a failure).
 */
export async function showLtiTool(
	ctx: ServiceContext,
	{ actor, toolId, browse, secretsKey }: { actor: Actor; toolId: string; browse: MoodleBrowse | null; secretsKey: Buffer | null },
): Promise<ServiceResult<ToolPage>> {
	if (!can(actor, 'update', { kind: 'concern' })) return refuse('forbidden', 'FORBIDDEN')
	const found = await inTenant(ctx, actor, async (tx) => {
		const tool = await getLtiTool(tx, { toolId })
		if (!tool) throw refusal('not_found', 'TOOL_NOT_FOUND')
		return { tool, webServices: await getToolWebServices(tx, { toolId }) }
	})
	if (!found.ok) return found
	const { tool, webServices } = found.value
	const moodle = browse && webServices ? await listMoodle(secretsKey, webServices, browse) : null
	return succeed(toolPage(tool, webServices, moodle))
}

export type ToolPage = ReturnType<typeof toolPage>

function toolPage(tool: LtiTool, webServices: LtiToolWebServices | null, moodle: MoodleListing | null) {
	return {
		tool: {
			id: tool.id,
			name: tool.name,
			clientId: tool.clientId,
			active: tool.active,
			registeredVia: tool.registeredVia,
			loginUrl: tool.loginUrl,
			targetLinkUri: tool.targetLinkUri,
			deepLinkingUrl: tool.deepLinkingUrl,
			redirectUris: tool.redirectUris,
			jwksUrl: tool.jwksUrl,
			publicJwk: tool.publicJwk,
			deploymentIds: tool.deploymentIds,
			custom: tool.custom,
			scopes: tool.scopes,
			shareName: tool.shareName,
			shareEmail: tool.shareEmail,
		},
		webServices: webServices
			? {
					baseUrl: webServices.baseUrl,
					tokenLastFour: webServices.tokenLastFour,
					lastSyncAt: webServices.lastSyncAt,
					lastSyncStatus: webServices.lastSyncStatus,
					lastSyncMessage: webServices.lastSyncMessage,
					lastSyncCompleted: webServices.lastSyncCompleted,
					updatedAt: webServices.updatedAt,
				}
			: null,
		moodle,
	}
}

async function listMoodle(secretsKey: Buffer | null, settings: { baseUrl: string; tokenCiphertext: string }, browse: MoodleBrowse): Promise<MoodleListing> {
	const token = secretsKey ? openSecret(secretsKey, settings.tokenCiphertext) : null
	if (!token) return { ok: false, error: 'token_unreadable' }
	const client = createMoodleClient({ baseUrl: settings.baseUrl, token, fetch: outboundGuard().fetch })
	try {
		// Course 1 is Moodle's front page (SITEID), never a course to link.
		const courses = (await client.getCourses()).filter((course) => course.id !== MOODLE_SITE_COURSE_ID)
		const sections = browse.kind === 'course' ? await client.getCourseContents(browse.moodleCourseId) : null
		return {
			ok: true,
			courses: courses.map(({ id, shortname, fullname }) => ({ id, shortname, fullname })),
			course: sections && browse.kind === 'course' ? { id: browse.moodleCourseId, sections: sections.map(({ id, name, modules }) => ({ id, name, modules })) } : null,
		}
	} catch (error) {
		if (error instanceof MoodleWebServiceError) return { ok: false, error: `${error.errorcode}: ${error.message}` }
		return { ok: false, error: `unreachable: ${error instanceof Error ? error.message : String(error)}` }
	}
}
