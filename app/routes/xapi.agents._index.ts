import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'
import { answerAgents } from '../features/xapi/agents-and-activities.server.ts'

// xAPI agents resource (ADR 039): the Person object of an agent.
export async function loader({ request, context }: LoaderFunctionArgs) {
	const client = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerAgents(request, client)
}

export async function action({ request, context }: LoaderFunctionArgs) {
	await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return null
}
