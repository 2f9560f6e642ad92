import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { answerDocument } from '../features/xapi/answers.server.ts'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'

// xAPI: State documents of an activity and agent, kept under the client's unit with ETags (ADR 039).
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerDocument(meant, context, client, 'state')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerDocument(meant, context, client, 'state')
}
