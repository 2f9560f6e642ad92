import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { answerStatements } from '../features/xapi/answers.server.ts'
import { requireXapiClient } from '../features/xapi/client-auth.server.ts'

// xAPI statements resource (ADR 039): a unit's client stores and reads the unit's statements.
const METHODS = ['GET', 'HEAD', 'PUT', 'POST'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerStatements(meant, context, client)
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { client, request: meant } = await requireXapiClient(request, context, { methods: METHODS })
	return answerStatements(meant, context, client)
}
