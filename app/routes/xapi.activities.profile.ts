import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { answerDocument } from '../features/xapi/answers.server.ts'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'

// xAPI: Activity profile documents, kept under the client's unit with ETags (ADR 039).
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerDocument(meant, context, client, 'activityProfile')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerDocument(meant, context, client, 'activityProfile')
}
