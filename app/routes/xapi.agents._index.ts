import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'
import { answerAgents } from '../features/xapi/agents-and-activities.server.ts'

// xAPI agents resource (ADR 039): the Person object of an agent.
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerAgents(meant, client)
}

// A POST reaches here: refused (405) unless it is a 1.0.3 alternate request for GET.
export async function action({ request, context }: ActionFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerAgents(meant, client)
}
