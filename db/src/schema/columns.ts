import { customType, timestamp, uuid } from 'drizzle-orm/pg-core'
import { v7 as uuidv7 } from 'uuid'

/** Primary keys are UUIDv7: unguessable in URLs, yet time-ordered for index locality (ADR 004). */
export const id = () => uuid().primaryKey().$defaultFn(() => uuidv7())

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

/** Raw bytes; postgres.js gives a Buffer and PGlite a Uint8Array, both Uint8Arrays. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })
