import type { Database } from '@leerplein/db'
import type { Logger } from 'pino'

/** What the server hands every loader and action (see server/index.ts). */
export type LeerpleinContext = {
	db: Database
	logger: Logger
	requestId: string
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface
	interface AppLoadContext extends LeerpleinContext {}
}
