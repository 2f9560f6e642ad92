import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'
import { answerActivities } from '../features/xapi/agents-and-activities.server.ts'

// xAPI activities resource (ADR 039): an activity's definition as the unit's statements gave it.
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerActivities(meant, context, client)
}

// A POST reaches here: refused (405) unless it is a 1.0.3 alternate request for GET.
export async function action({ request, context }: ActionFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerActivities(meant, context, client)
}
