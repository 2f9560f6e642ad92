// @leerplein/db — the client, migrations, the tenant context, conflict retries, health, and the types
// every caller needs. Queries live in their area: @leerplein/db/catalogue, /deduplication,
// /enrolment, /identity, /tenants, /po-rules, /lti, /jobs, /audit, and the tables in
// @leerplein/db/schema (see README.md).
export { APP_ROLE, createDatabase, databaseConfigFromEnv, DEFAULT_PGLITE_DIR, selectRows, switchToAppRole } from './client.ts'
export type { Database, DatabaseClient, DatabaseConfig, DatabaseRole } from './client.ts'
export { migrateDatabase } from './migrate.ts'
export { inspectCurrentRole, inUnitWithin, settlePendingPassports, withTenantContext, withToolContext } from './tenancy.ts'
export type { RoleFacts, TenantContext } from './tenancy.ts'
export { errorCode, retryOnConflict } from './retry.ts'
export { countJobQueues, isDatabaseEmpty, pingDatabase } from './queries/health.ts'
export type { JobQueueFigures } from './queries/health.ts'
