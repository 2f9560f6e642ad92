import type { LoaderFunctionArgs } from '@remix-run/node'
import { jwksDocument } from '../features/lti/protocol.server.ts'
import { platformPublicKeys } from '../features/lti/platform.server.ts'

/** Leerplein's public signing keys (JWKS): the current key and any retired key whose tokens may still be alive. */
export async function loader({ context }: LoaderFunctionArgs) {
	const keys = await platformPublicKeys(context.db)
	return Response.json(jwksDocument(keys), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
