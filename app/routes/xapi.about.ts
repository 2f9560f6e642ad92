import { xapiJson } from '../features/xapi/protocol.server.ts'

// xAPI about resource (ADR 039): the versions this store speaks; public, as the specification allows.
export function loader({ request }: { request: Request }) {
	return xapiJson(request, { version: ['1.0.3', '2.0.0'], extensions: {} })
}
