import { xapiActivityDefinitions } from '@leerplein/db/xapi'
import { agentKeyOfParameter, mergeActivityDefinitions } from '@leerplein/domain'
import { inTenant } from '../../core/service.server.ts'
import type { LeerpleinContext } from '../../load-context.ts'
import type { XapiClient } from './client-auth.server.ts'
import { readParameters, xapiError, xapiFailed, xapiJson } from './protocol.server.ts'

/** GET /agents?agent=…: the Person object; this store knows no more of a person than the agent says. */
export function answerAgents(request: Request, _client: XapiClient): Response {
	const parameters = readParameters(request, ['agent'])
	if (!parameters.ok) return xapiFailed(request, parameters)
	const given = parameters.value.get('agent')
	if (given === undefined || !agentKeyOfParameter(given)) return xapiError(request, 400, 'agent must be an agent as JSON, with one identifier')
	const agent = JSON.parse(given) as Record<string, unknown>
	const person: Record<string, unknown> = { objectType: 'Person' }
	for (const property of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[property] !== undefined) person[property] = [agent[property]]
	return xapiJson(request, person)
}

/** GET /activities?activityId=…: the activity with the definition merged from all the unit's statements about it. */
export async function answerActivities(request: Request, context: LeerpleinContext, client: XapiClient): Promise<Response> {
	const parameters = readParameters(request, ['activityId'])
	if (!parameters.ok) return xapiFailed(request, parameters)
	const activityId = parameters.value.get('activityId')
	if (!activityId) return xapiError(request, 400, 'activityId is required')
	const found = await inTenant(context, client, (tx) => xapiActivityDefinitions(tx, { activityId }), { readOnly: true })
	const definition = found.ok ? mergeActivityDefinitions(found.value) : null
	return xapiJson(request, { objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) })
}
