import { sql } from 'drizzle-orm'
import { bigint, boolean, check, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.ts'
import { competencies, passportEvidence } from './passport.ts'
import { users } from './people.ts'
import { ownUnitPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Leerplein as an xAPI learning record store (ADR 039). A unit's systems are its clients; every
// statement and document is stored under the client's unit, behind forced row-level security.

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' })

/**
 * A system of a unit that talks xAPI with basic authentication. The secret is 256 random bits,
 * kept only as its SHA-256 hash (like a session token, ADR 007); the key is public and unique
 * across units, and found before any tenant is known through `xapi_client_by_key` (signed, ADR 024).
 */
export const xapiClients = pgTable(
	'xapi_clients',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		name: text().notNull(),
		key: text().notNull().unique(),
		secretHash: text().notNull(),
		/**
		 * After a new secret is issued, the one before it still opens the store until
		 * `previousSecretUntil` (ADR 039, "A new secret"): the system is switched over without a gap.
		 */
		previousSecretHash: text(),
		previousSecretUntil: timestamp({ withTimezone: true, precision: 3 }),
		/** 'statements/write', 'statements/read/mine', 'statements/read' (all of the unit's), 'state' (documents). */
		scopes: text().array().notNull(),
		active: boolean().notNull().default(true),
		/**
		 * The one xAPI version this system speaks (`2.0.0` or `1.0.3`), or null: whichever of the
		 * store's its version header asks for. Set, a request without the header is answered (and
		 * refused) in that version, as that version requires (ADR 039, "A client's version").
		 */
		xapiVersion: text(),
		lastUsedAt: timestamp({ withTimezone: true }),
		statementCount: bigint({ mode: 'number' }).notNull().default(0),
		createdAt: createdAt(),
	},
	(t) => [
		check('xapi_clients_name', sql`length(${t.name}) between 1 and 200`),
		check('xapi_clients_scopes', sql`${t.scopes} <@ array['statements/write', 'statements/read/mine', 'statements/read', 'state']::text[]`),
		check('xapi_clients_version', sql`${t.xapiVersion} is null or ${t.xapiVersion} in ('2.0.0', '1.0.3')`),
		check('xapi_clients_previous_secret', sql`(${t.previousSecretHash} is null) = (${t.previousSecretUntil} is null)`),
		index().on(t.tenantId),
		ownUnitPolicy('xapi_clients', t.tenantId),
	],
)

/**
 * A statement as it was stored: immutable (the app role may only set `voided`), the full JSON
 * beside the columns the filters of GET /xapi/statements need. A statement's id is unique within
 * its unit's store: two units may hold the same id without learning of each other.
 */
export const xapiStatements = pgTable(
	'xapi_statements',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		id: uuid().notNull(),
		clientId: uuid()
			.notNull()
			.references(() => xapiClients.id),
		/** The statement with `stored`, `authority` and `version` set, as GET returns it. */
		statement: jsonb().$type<Record<string, unknown>>().notNull(),
		verbId: text().notNull(),
		/** The actor's inverse functional identifier (domain `agentKey`): `mbox:…`, `account:home|name`, … */
		actorKey: text(),
		/** The object's identifier key when the object is an agent or group: the `agent` filter matches actor or object. */
		objectAgentKey: text(),
		/** Every agent the statement names (actor, object, authority, context's instructor, team, …), for related_agents. */
		agentKeys: text().array().notNull(),
		/** The object's activity id, when the object is an activity. */
		activityId: text(),
		/** Every activity the statement names (object, context activities, sub-statement), for related_activities. */
		activityIds: text().array().notNull(),
		/** The statement this one refers to (a StatementRef object): voiding and the GET filters' reach. */
		targetId: uuid(),
		registration: uuid(),
		stored: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		timestamp: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		voided: boolean().notNull().default(false),
		authority: jsonb().$type<Record<string, unknown>>().notNull(),
		/** Attachments' contents by SHA-2 hash, stored with the statement. */
		attachments: jsonb().$type<{ sha2: string; contentType: string; base64: string }[]>().notNull().default([]),
		/**
		 * The employee of the unit the actor names under the unit's identifier (`xapi_settings`), or
		 * null: not (yet) known, kept and listed for the coordinator. The one column the app role may
		 * set besides `voided`. Its key to users is (person_id, tenant_id), written by hand in
		 * migration 0052 with ON DELETE SET NULL (person_id), which drizzle cannot declare.
		 */
		personId: uuid(),
	},
	(t) => [
		primaryKey({ columns: [t.tenantId, t.id] }),
		// The filtered GET: agent + verb + since, newest first; and the unfiltered page.
		index().on(t.tenantId, t.actorKey, t.verbId, t.stored),
		index().on(t.tenantId, t.stored),
		index().on(t.tenantId, t.activityId, t.stored),
		index().on(t.tenantId, t.registration),
		index().on(t.tenantId, t.targetId),
		index().on(t.tenantId, t.objectAgentKey, t.stored),
		index('xapi_statements_agent_keys_index').using('gin', t.agentKeys),
		index('xapi_statements_activity_ids_index').using('gin', t.activityIds),
		// A person's statements (privacy's export and erasure), and by verb in the order they happened:
		// the rules that turn them into passport evidence read only the rules' verbs (ADR 039).
		index().on(t.tenantId, t.personId, t.verbId, t.timestamp),
		// The unit's unmatched actors (the coordinator's list, re-matching): only the unmatched rows.
		index('xapi_statements_unmatched_index').on(t.tenantId, t.actorKey, t.stored).where(sql`${t.personId} is null`),
		ownUnitPolicy('xapi_statements', t.tenantId),
	],
)

/** State, activity profile and agent profile documents, with their ETag for concurrency. */
export const xapiDocuments = pgTable(
	'xapi_documents',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		kind: text({ enum: ['state', 'activity_profile', 'agent_profile'] }).notNull(),
		/** The activity (state, activity profile); '' for an agent profile. */
		activityId: text().notNull().default(''),
		/** The agent's identifier key (state, agent profile); '' for an activity profile. */
		agentKey: text().notNull().default(''),
		/** The registration of a state; '' without one. */
		registration: text().notNull().default(''),
		/** The stateId or profileId. */
		documentId: text().notNull(),
		contentType: text().notNull(),
		content: bytea().notNull(),
		etag: text().notNull(),
		updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
	},
	(t) => [
		check('xapi_documents_kind', sql`${t.kind} in ('state', 'activity_profile', 'agent_profile')`),
		uniqueIndex().on(t.tenantId, t.kind, t.activityId, t.agentKey, t.registration, t.documentId),
		ownUnitPolicy('xapi_documents', t.tenantId),
	],
)

/**
 * How a unit's systems name its employees in statements (ADR 039, "People"), set by its
 * coordinator: `account` (an account on `account_home_page` whose name is the employee number) or
 * `mbox` (the e-mail address, or its SHA-1). No row (or no identifier): nobody is matched, every
 * statement is listed. Also the unit's retention of statements (migration 0054). One row per unit, like `tenant_sso_configs`: a feature's setting of a unit lives beside the feature.
 */
export const xapiSettings = pgTable(
	'xapi_settings',
	{
		tenantId: uuid()
			.primaryKey()
			.references(() => tenants.id),
		/** Null: not chosen (yet), nobody is matched; the row may exist for the retention alone. */
		personIdentifier: text({ enum: ['account', 'mbox'] }),
		/** The home page of the accounts (`https://lims.nvwa.nl`), only with `account`. */
		accountHomePage: text(),
		/**
		 * How many months the unit keeps a statement after it was stored (ADR 039, "Privacy"); the
		 * daily retention job deletes older ones. Null: kept until erased.
		 */
		retentionMonths: integer(),
		updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
	},
	(t) => [
		check('xapi_settings_person_identifier', sql`${t.personIdentifier} in ('account', 'mbox')`),
		check('xapi_settings_home_page', sql`coalesce(${t.personIdentifier} = 'account', false) = (${t.accountHomePage} is not null) and (${t.accountHomePage} is null or length(${t.accountHomePage}) between 8 and 500)`),
		check('xapi_settings_retention', sql`${t.retentionMonths} is null or ${t.retentionMonths} between 1 and 120`),
		ownUnitPolicy('xapi_settings', t.tenantId),
	],
)

/**
 * A rule of a unit that turns its statements into passport evidence (ADR 039, "Statements that
 * count"): verb + activity (id or type, `*` wildcards) + result conditions, `required_count`
 * within `period_months` → evidence for a competency, at a level when the competency has levels.
 * Kept by the unit's coordinators; switched on after a preview, switched off, never deleted.
 */
export const xapiEvidenceRules = pgTable(
	'xapi_evidence_rules',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		name: text().notNull(),
		competencyId: uuid()
			.notNull()
			.references(() => competencies.id),
		/** The level the evidence shows, on a competency with levels; null: the lowest. */
		grantsLevel: integer(),
		verbId: text().notNull(),
		activityMatch: text({ enum: ['id', 'type'] }).notNull(),
		activityPattern: text().notNull(),
		requiresSuccess: boolean().notNull().default(false),
		minScoreKind: text({ enum: ['scaled', 'raw'] }),
		minScore: doublePrecision(),
		requiredCount: integer().notNull(),
		periodMonths: integer().notNull(),
		active: boolean().notNull().default(false),
		createdAt: createdAt(),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
	},
	(t) => [
		check('xapi_evidence_rules_name', sql`length(${t.name}) between 1 and 200`),
		check('xapi_evidence_rules_verb', sql`length(${t.verbId}) between 1 and 500`),
		check('xapi_evidence_rules_activity', sql`${t.activityMatch} in ('id', 'type') and length(${t.activityPattern}) between 1 and 500`),
		check('xapi_evidence_rules_score', sql`(${t.minScoreKind} is null) = (${t.minScore} is null) and (${t.minScoreKind} is null or ${t.minScoreKind} = 'raw' or ${t.minScore} between -1 and 1)`),
		check('xapi_evidence_rules_count', sql`${t.requiredCount} between 1 and 100 and ${t.periodMonths} between 1 and 120`),
		check('xapi_evidence_rules_level', sql`${t.grantsLevel} is null or ${t.grantsLevel} between 1 and 5`),
		// The unit's active rules, evaluated after every batch.
		index().on(t.tenantId, t.active),
		ownUnitPolicy('xapi_evidence_rules', t.tenantId),
	],
)

/**
 * The statements a piece of `xapi_statement` evidence rests on, and the rule that counted them:
 * the passport history lists them. Written with the evidence, never changed; deleted with their
 * statement when it is erased or past the unit's retention (migration 0054), the evidence staying.
 */
export const passportEvidenceStatements = pgTable(
	'passport_evidence_statements',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		evidenceId: uuid()
			.notNull()
			.references(() => passportEvidence.id),
		statementId: uuid().notNull(),
		ruleId: uuid()
			.notNull()
			.references(() => xapiEvidenceRules.id),
	},
	(t) => [
		primaryKey({ columns: [t.evidenceId, t.statementId] }),
		// A statement's links, found when it is erased or past its retention (migration 0054): the
		// links go first, and the key to the statement is checked by this index, not a scan per row.
		index().on(t.tenantId, t.statementId),
		ownUnitPolicy('passport_evidence_statements', t.tenantId),
	],
)

/**
 * The people whose statements arrived and whose unit's rules are still to be weighed (ADR 039,
 * "Evaluated after the answer"). A batch adds its people in its own transaction and is answered;
 * the portal that stored it weighs them right after, and the minute's sweep takes whatever a
 * crashed or busy process left. One row per person: a person named by ten batches is weighed once.
 */
export const xapiRuleBacklog = pgTable(
	'xapi_rule_backlog',
	{
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		personId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		queuedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.personId] }), ownUnitPolicy('xapi_rule_backlog', t.tenantId)],
)
