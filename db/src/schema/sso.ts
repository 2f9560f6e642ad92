import { sql } from 'drizzle-orm'
import { index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
import { users } from './people.ts'
import { appIsConcernAdmin, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

/**
 * A unit's identity provider for single sign-on (ADR 008). Nothing here is secret: the client
 * secret is read at sign-in from the environment variable named in `clientSecretEnv`. The
 * sign-in page lists these before anyone is signed in, so everyone may read them; only a concern
 * administrator writes them, on /beheer/inloggen (ADR 051), and the migrator: a unit must not be
 * able to point its own sign-in elsewhere. The shape is checked by the domain's `ssoConfigSchema` when read.
 */
export const tenantSsoConfigs = pgTable(
	'tenant_sso_configs',
	{
		tenantId: uuid()
			.primaryKey()
			.references(() => tenants.id, { onDelete: 'cascade' }),
		issuer: text().notNull(),
		clientId: text().notNull(),
		clientSecretEnv: text().notNull(),
		employeeNumberClaim: text().notNull(),
		extraScopes: text().array().notNull().default(sql`'{}'::text[]`),
		mfaAcrValues: text().array().notNull().default(sql`'{}'::text[]`),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
	},
	() => [
		publicReadPolicy('tenant_sso_configs'),
		// The second wall behind the permission check (sso_settings): a concern administrator's verified context, nobody else's.
		pgPolicy('tenant_sso_configs_concern_admin', { for: 'all', using: appIsConcernAdmin, withCheck: appIsConcernAdmin }),
	],
)

/**
 * One sign-in through a unit's identity provider, between the redirect to the provider and
 * its answer. The browser holds a random token in a short-lived cookie; the row is keyed by
 * the token's SHA-256 hash and deleted at first use, which binds `state`, `nonce` and the
 * PKCE verifier to that browser and makes them single-use.
 */
export const ssoLoginAttempts = pgTable(
	'sso_login_attempts',
	{
		id: text().primaryKey(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id, { onDelete: 'cascade' }),
		/** SHA-256 of the `state` sent to the provider. */
		stateHash: text().notNull(),
		nonce: text().notNull(),
		codeVerifier: text().notNull(),
		/** The redirect URI sent to the provider; the token request must repeat it exactly. */
		redirectUri: text().notNull(),
		/** Where the person goes once signed in (a path on this site). */
		returnTo: text().notNull(),
		expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		createdAt: createdAt(),
	},
	// Clearing abandoned attempts at every new one.
	(t) => [index().on(t.expiresAt)],
	// RLS without a policy, like auth_sessions: an attempt exists before any tenant context, so the
	// portal reaches it only through the auth_*_sso_attempt functions of migration 0009.
).enableRLS()
