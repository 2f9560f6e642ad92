import { sql, type SQL } from 'drizzle-orm'
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgPolicy,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid,
	type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { courses } from './catalogue.ts'
import { createdAt, id } from './columns.ts'
import { users } from './people.ts'
import { appUserId, ownUnitFirst, ownUnitPolicy, publicReadPolicy } from './tenancy.ts'
import { tenants } from './tenants.ts'

// Moodle over LTI 1.3, Leerplein as the platform (ADR 014, 015). Tool registrations are
// concern-wide; the online parts, line items and results belong to the unit providing the course.
// Tools call the services without a person: they act in a tool context (app.lti_tool_id), and a
// restrictive policy keeps each tool to its own rows whatever else the context allows.

/** The tool of the current transaction, or NULL outside a tool context (set by withToolContext). */
const appLtiToolId = sql`(select app_lti_tool_id())`

/** Only concern administrators register tools; role_assignments lets a person read their own grants. */
const isConcernAdmin = sql`exists (select 1 from role_assignments r where r.user_id = ${appUserId} and r.role = 'concern_admin')`

/** Restrictive: in a tool context a row must be that tool's; outside one, the other policies decide. */
function ownToolOnly(table: string, toolColumn: AnyPgColumn) {
	const ownTool: SQL = sql`${appLtiToolId} is null or ${toolColumn} = ${appLtiToolId}`
	return pgPolicy(`${table}_own_tool_only`, { as: 'restrictive', for: 'all', using: ownTool, withCheck: ownTool })
}

/** A registered LTI tool (Moodle, or another). Nothing here is secret: keys are public halves. */
export const ltiTools = pgTable(
	'lti_tools',
	{
		id: id(),
		name: text().notNull(),
		/** Issued by Leerplein; the tool's `iss` in everything it signs. */
		clientId: text().notNull().unique(),
		deploymentIds: text().array().notNull(),
		/** The tool's OIDC login-initiation URL (third-party-initiated login). */
		loginUrl: text().notNull(),
		/** The default target link URI, e.g. Moodle's `…/enrol/lti/launch.php`. */
		targetLinkUri: text().notNull(),
		/** Where content selection starts, e.g. Moodle's `…/enrol/lti/launch_deeplink.php`; null without Deep Linking. */
		deepLinkingUrl: text(),
		redirectUris: text().array().notNull(),
		jwksUrl: text(),
		publicJwk: jsonb().$type<Record<string, unknown>>(),
		custom: jsonb().$type<Record<string, string>>().notNull().default({}),
		/** The LTI Advantage scopes this tool may be granted. */
		scopes: text().array().notNull().default(sql`'{}'::text[]`),
		shareName: boolean().notNull().default(false),
		shareEmail: boolean().notNull().default(false),
		active: boolean().notNull().default(true),
		/** How the tool came: typed in by an administrator, or Dynamic Registration. */
		registeredVia: text({ enum: ['manual', 'dynamic'] }).notNull().default('manual'),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('lti_tools_has_keys', sql`${t.jwksUrl} is not null or ${t.publicJwk} is not null`),
		check('lti_tools_has_deployment', sql`cardinality(${t.deploymentIds}) > 0`),
		check('lti_tools_has_redirect', sql`cardinality(${t.redirectUris}) > 0`),
		// The admin page and the launch read registrations; only concern administrators change them.
		publicReadPolicy('lti_tools'),
		pgPolicy('lti_tools_concern_admin', { for: 'all', using: isConcernAdmin, withCheck: isConcernAdmin }),
	],
)

/**
 * An online part of a course: a resource in a tool, linked by a coordinator of the providing unit
 * (by hand or by Deep Linking). Its id is the LTI resource link id.
 */
export const ltiResourceLinks = pgTable(
	'lti_resource_links',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id),
		deploymentId: text().notNull(),
		title: text().notNull(),
		description: text(),
		/** The tool's own URL for this resource; null launches the tool's default target link URI. */
		targetLinkUri: text(),
		/** Custom parameters; Moodle needs `id` (the published resource's UUID). */
		custom: jsonb().$type<Record<string, string>>().notNull().default({}),
		/** Percentage of the maximum a score must reach to complete the part; null means any graded completion. */
		passMarkPercent: integer(),
		/** The part's place among the course's online parts (ADR 033), then the order they were linked in. */
		position: integer().notNull().default(0),
		/** The Moodle course and activity (course module id) behind the part, for the web-services completion sync; null: not synced. */
		moodleCourseId: integer(),
		moodleActivityId: integer(),
		createdBy: uuid().references(() => users.id),
		createdAt: createdAt(),
	},
	(t) => [
		// The course page lists its online parts.
		index().on(t.courseId),
		index().on(t.tenantId, t.toolId),
		check('lti_resource_links_pass_mark', sql`${t.passMarkPercent} is null or ${t.passMarkPercent} between 0 and 100`),
		check('lti_resource_links_moodle_activity', sql`(${t.moodleCourseId} is null) = (${t.moodleActivityId} is null)`),
		// A part is shown wherever its course is (the subquery obeys the courses policies).
		pgPolicy('lti_resource_links_with_course', { for: 'select', using: ownUnitFirst(t.tenantId, sql`exists (select 1 from courses c where c.id = ${t.courseId})`) }),
		ownUnitPolicy('lti_resource_links', t.tenantId),
		ownToolOnly('lti_resource_links', t.toolId),
	],
)

/** An AGS line item (gradebook column) of a tool in a course. */
export const ltiLineItems = pgTable(
	'lti_line_items',
	{
		id: id(),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id),
		resourceLinkId: uuid().references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
		label: text().notNull(),
		scoreMaximum: doublePrecision().notNull(),
		resourceId: text(),
		tag: text(),
		startDateTime: timestamp({ withTimezone: true }),
		endDateTime: timestamp({ withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		// The container lists a tool's items in a course, oldest first; Moodle filters by link, resource and tag.
		index().on(t.toolId, t.courseId, t.createdAt),
		index().on(t.resourceLinkId),
		check('lti_line_items_maximum_positive', sql`${t.scoreMaximum} > 0`),
		ownUnitPolicy('lti_line_items', t.tenantId),
		// A learner of another unit sees the items they have a result on: "Mijn leren" shows which online part a score completed (ADR 033).
		pgPolicy('lti_line_items_own_results', {
			for: 'select',
			using: ownUnitFirst(t.tenantId, sql`exists (select 1 from lti_results r where r.line_item_id = ${t.id} and r.user_id = ${appUserId})`),
		}),
		ownToolOnly('lti_line_items', t.toolId),
	],
)

/** The latest score of a person on a line item, and when it completed the online part. */
export const ltiResults = pgTable(
	'lti_results',
	{
		lineItemId: uuid()
			.notNull()
			.references(() => ltiLineItems.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		/** The unit providing the course, like the line item. */
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id),
		scoreGiven: doublePrecision(),
		scoreMaximum: doublePrecision(),
		activityProgress: text().notNull(),
		gradingProgress: text().notNull(),
		comment: text(),
		/** The tool's timestamp of this score: an older one never overwrites it. */
		scoredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		/** When a score first completed the online part; never cleared by a later, lower score. */
		completedAt: timestamp({ withTimezone: true }),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.lineItemId, t.userId] }),
		// "My learning" and the course page show a person's results.
		index().on(t.userId),
		ownUnitPolicy('lti_results', t.tenantId),
		pgPolicy('lti_results_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
		ownToolOnly('lti_results', t.toolId),
	],
)

/**
 * One-time protocol state (ADR 014): a launch's `lti_message_hint`, and the `data` of a Deep
 * Linking request. Keyed by the SHA-256 of the value handed out, taken (deleted) at first use.
 * No policy: the portal reaches it only through the lti_*_message_state functions.
 */
export const ltiMessageStates = pgTable(
	'lti_message_states',
	{
		id: text().primaryKey(),
		kind: text({ enum: ['launch', 'deep_linking', 'deep_linking_return'] }).notNull(),
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id, { onDelete: 'cascade' }),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		resourceLinkId: uuid().references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		deploymentId: text().notNull(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [index().on(t.expiresAt)],
).enableRLS()

/** `jti`s of client assertions and nonces of Deep Linking responses, kept until they expire, so none is accepted twice. */
export const ltiUsedTokenIds = pgTable(
	'lti_used_token_ids',
	{
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id, { onDelete: 'cascade' }),
		tokenId: text().notNull(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.toolId, t.tokenId] }), index().on(t.expiresAt)],
).enableRLS()

/** Leerplein's RS256 signing keys (ADR 015). No policy and no grant: only the lti_*_key functions reach it. */
export const ltiPlatformKeys = pgTable(
	'lti_platform_keys',
	{
		kid: text().primaryKey(),
		publicJwk: jsonb().$type<Record<string, unknown>>().notNull(),
		privateJwk: jsonb().$type<Record<string, unknown>>().notNull(),
		createdAt: createdAt(),
		/** Set at rotation; the key stays published until every token it signed has expired. */
		retiredAt: timestamp({ withTimezone: true }),
	},
	() => [],
).enableRLS()

/** One-time tokens a concern administrator hands to a tool for LTI Dynamic Registration. */
export const ltiRegistrationTokens = pgTable(
	'lti_registration_tokens',
	{
		/** SHA-256 of the token; the token itself is shown once and never stored. */
		id: text().primaryKey(),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		usedAt: timestamp({ withTimezone: true }),
		toolId: uuid().references(() => ltiTools.id, { onDelete: 'set null' }),
		/** Where the administrator sent the token, so the page can tell one open token from another. */
		toolRegistrationUrl: text(),
		/** The last refused registration with this token (lti_refuse_registration): when, the OAuth error, and its description. */
		refusedAt: timestamp({ withTimezone: true }),
		refusalError: text(),
		refusalDetail: text(),
		createdAt: createdAt(),
	},
	() => [pgPolicy('lti_registration_tokens_concern_admin', { for: 'all', using: isConcernAdmin, withCheck: isConcernAdmin })],
)

/**
 * A tool's Moodle web services (ADR 018): the base URL, the token encrypted with the portal's
 * SECRETS_KEY (AES-256-GCM; only its last four characters are ever shown back), and how the last
 * completion sync went. Concern administrators manage it; the sync job reads and updates its own
 * tool's row in that tool's context.
 */
export const ltiToolWebServices = pgTable(
	'lti_tool_web_services',
	{
		toolId: uuid()
			.primaryKey()
			.references(() => ltiTools.id, { onDelete: 'cascade' }),
		baseUrl: text().notNull(),
		/** `iv.tag.ciphertext`, base64url; never the token itself. */
		tokenCiphertext: text().notNull(),
		tokenLastFour: text().notNull(),
		/** The platform issuer Moodle saw in launches: its LTI users are `enrol_lti_13_` + sha1(issuer_sub). */
		issuer: text().notNull(),
		lastSyncAt: timestamp({ withTimezone: true }),
		lastSyncStatus: text({ enum: ['ok', 'failed'] }),
		/** What the administrator reads: counts on success, Moodle's error code on failure (never the token). */
		lastSyncMessage: text(),
		lastSyncCompleted: integer(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		pgPolicy('lti_tool_web_services_concern_admin', { for: 'all', using: isConcernAdmin, withCheck: isConcernAdmin }),
		pgPolicy('lti_tool_web_services_own_tool', { for: 'all', using: sql`${t.toolId} = ${appLtiToolId}`, withCheck: sql`${t.toolId} = ${appLtiToolId}` }),
	],
)

/**
 * An online part completed without a grade, as Moodle's activity completion reports it through web
 * services (Moodle never sends such completion over AGS). Graded completion lives on lti_results.
 */
export const ltiPartCompletions = pgTable(
	'lti_part_completions',
	{
		resourceLinkId: uuid()
			.notNull()
			.references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		tenantId: uuid()
			.notNull()
			.references(() => tenants.id),
		toolId: uuid()
			.notNull()
			.references(() => ltiTools.id),
		completedAt: timestamp({ withTimezone: true }).notNull(),
		source: text({ enum: ['web_services'] }).notNull().default('web_services'),
		createdAt: createdAt(),
	},
	(t) => [
		primaryKey({ columns: [t.resourceLinkId, t.userId] }),
		// "My learning" and the course page show a person's completions.
		index().on(t.userId),
		ownUnitPolicy('lti_part_completions', t.tenantId),
		pgPolicy('lti_part_completions_self', { for: 'select', using: sql`${t.userId} = ${appUserId}` }),
		ownToolOnly('lti_part_completions', t.toolId),
	],
)
