import type { LoaderFunctionArgs } from '@remix-run/node'
import { xapiJson } from '../features/xapi/protocol.server.ts'

// xAPI about resource (ADR 039): the versions this store speaks; public, as the specification allows.
export function loader({ request, context }: LoaderFunctionArgs) {
	return xapiJson(request, { version: context.config.xapiVersions, extensions: {} })
}
