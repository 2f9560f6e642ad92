// @leerplein/db/schema — the drizzle tables, enums and policies, as one namespace (`schema.courses`), for
// the few callers that query a table no area query covers (jobs, tests).
export * as schema from '../schema/index.ts'
