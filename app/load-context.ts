// Imported for the augmentation at the end, so it also holds where a service is compiled outside the portal (tests/integration).
import type {} from '@remix-run/node'
import type { Database } from '@leerplein/db'
import type { Logger } from 'pino'
import type { Clock } from './core/clock.ts'
import type { ServiceContext } from './core/service.server.ts'
import type { PortalConfig } from './server/config.ts'

/** What the server hands every loader and action (see server/index.ts); it is a ServiceContext, passed to services as it is. */
export type LeerpleinContext = ServiceContext & {
	db: Database
	logger: Logger
	clock: Clock
	requestId: string
	/** The client's address as the trusted proxy reports it; for the audit log and rate limits. */
	clientIp: string | null
	config: PortalConfig
	/** Allows Remix's inline scripts under the Content-Security-Policy (server/security.ts). */
	cspNonce: string
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface
	interface AppLoadContext extends LeerpleinContext {}
}
