import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'
import { answerActivities } from '../features/xapi/agents-and-activities.server.ts'

// xAPI activities resource (ADR 039): an activity's definition as the unit's statements gave it.
export async function loader({ request, context }: LoaderFunctionArgs) {
	const client = await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return answerActivities(request, context, client)
}

export async function action({ request, context }: LoaderFunctionArgs) {
	await requireXapiClient(request, context, { methods: ['GET', 'HEAD'] })
	return null
}
