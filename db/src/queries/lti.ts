import { and, asc, count, desc, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { inSelfEnteringTransaction, signClaimFor, signedContextFor } from '../tenancy.ts'
import type { CourseForm, EnrolmentStatus, PoOverrides } from '@leerplein/domain'
import { courses } from '../schema/catalogue.ts'
import { tenants } from '../schema/tenants.ts'
import { ltiLineItems, ltiMessageStates, ltiPartCompletions, ltiRegistrationTokens, ltiResourceLinks, ltiResults, ltiTools, ltiToolWebServices } from '../schema/lti.ts'
import { sessions, enrolments } from '../schema/logistics.ts'

// Moodle over LTI 1.3 (ADR 014, 015). Registrations are concern-wide and public to read; online
// parts, line items and results belong to the providing unit, and a tool reaches them in a tool
// context (withToolContext). Keys, one-time state and replay ids go through the lti_* functions
// of migration 0013 only.

export type LtiTool = typeof ltiTools.$inferSelect
export type NewLtiTool = typeof ltiTools.$inferInsert
export type LtiResourceLink = typeof ltiResourceLinks.$inferSelect
export type LtiLineItem = typeof ltiLineItems.$inferSelect
export type LtiResult = typeof ltiResults.$inferSelect
export type LtiMessageState = typeof ltiMessageStates.$inferSelect
export type LtiToolWebServices = typeof ltiToolWebServices.$inferSelect

// ---- platform keys -------------------------------------------------------------------------

export type StoredPublicKey = { kid: string; publicJwk: Record<string, unknown> }

/** The public keys to publish: the signing key and any retired key whose tokens may still be alive. */
export async function listPlatformPublicKeys(db: Database): Promise<StoredPublicKey[]> {
	const rows = await selectRows<{ kid: string; public_jwk: Record<string, unknown> }>(db, sql`select kid, public_jwk from lti_platform_public_keys()`)
	return rows.map((row) => ({ kid: row.kid, publicJwk: row.public_jwk }))
}

/** The key that signs; read only to sign, never shown or logged. */
export async function getPlatformSigningKey(db: Database): Promise<{ kid: string; privateJwk: Record<string, unknown> } | null> {
	const claim = await signClaimFor(db, ['platform-signing-key'])
	const [row] = await selectRows<{ kid: string; private_jwk: Record<string, unknown> }>(db, sql`select kid, private_jwk from lti_platform_signing_key(${claim.expiresMs}::bigint, ${claim.mac})`)
	return row ? { kid: row.kid, privateJwk: row.private_jwk } : null
}

type KeyRow = { kid: string; publicJwk: Record<string, unknown>; privateJwk: Record<string, unknown> }

/** Stores the first key, unless another process stored one first (then that one wins). */
export async function insertFirstPlatformKey(db: Database, key: KeyRow): Promise<void> {
	const claim = await signClaimFor(db, ['platform-key', key.kid])
	await db.execute(sql`select lti_insert_platform_key(${key.kid}, ${JSON.stringify(key.publicJwk)}::jsonb, ${JSON.stringify(key.privateJwk)}::jsonb,
		${claim.expiresMs}::bigint, ${claim.mac})`)
}

/** Replaces the signing key's private half, stored in the clear, by its sealed form (`{ sealed }`); discards retired private halves. */
export async function sealPlatformKey(db: Database, key: { kid: string; sealedPrivateJwk: { sealed: string } }): Promise<void> {
	const claim = await signClaimFor(db, ['platform-key', key.kid])
	await db.execute(sql`select lti_seal_platform_key(${key.kid}, ${JSON.stringify(key.sealedPrivateJwk)}::jsonb, ${claim.expiresMs}::bigint, ${claim.mac})`)
}

export async function rotatePlatformKey(db: Database, key: KeyRow): Promise<void> {
	const claim = await signClaimFor(db, ['platform-key', key.kid])
	await db.execute(sql`select lti_rotate_platform_key(${key.kid}, ${JSON.stringify(key.publicJwk)}::jsonb, ${JSON.stringify(key.privateJwk)}::jsonb,
		${claim.expiresMs}::bigint, ${claim.mac})`)
}

/** A unit's P&O overrides (e.g. whether tools may learn its employees' names); tenants are public to read. */
export async function getUnitPoOverrides(db: Database, { tenantId }: { tenantId: string }): Promise<PoOverrides> {
	const [row] = await db.select({ poOverrides: tenants.poOverrides }).from(tenants).where(eq(tenants.id, tenantId))
	return row?.poOverrides ?? {}
}

// ---- tools ----------------------------------------------------------------------------------

export async function listLtiTools(db: Database): Promise<LtiTool[]> {
	return db.select().from(ltiTools).orderBy(asc(ltiTools.name), asc(ltiTools.id))
}

export async function getLtiTool(db: Database, key: { toolId: string } | { clientId: string }): Promise<LtiTool | null> {
	const [row] = await db
		.select()
		.from(ltiTools)
		.where('toolId' in key ? eq(ltiTools.id, key.toolId) : eq(ltiTools.clientId, key.clientId))
	return row ?? null
}

/** Registers a tool by hand; row-level security lets only a concern administrator do it. */
export async function insertLtiTool(db: Database, tool: NewLtiTool): Promise<LtiTool> {
	const [row] = await db.insert(ltiTools).values(tool).returning()
	return row!
}

export async function updateLtiTool(db: Database, { toolId, changes }: { toolId: string; changes: Partial<NewLtiTool> }): Promise<LtiTool | null> {
	const [row] = await db
		.update(ltiTools)
		.set({ ...changes, updatedAt: new Date() })
		.where(eq(ltiTools.id, toolId))
		.returning()
	return row ?? null
}

export async function insertRegistrationToken(db: Database, token: { id: string; createdBy: string; expiresAt: Date; toolRegistrationUrl: string }): Promise<void> {
	await db.insert(ltiRegistrationTokens).values(token)
}

export type RegistrationTokenRow = {
	createdAt: Date
	expiresAt: Date
	toolRegistrationUrl: string | null
	usedAt: Date | null
	toolId: string | null
	toolName: string | null
	refusedAt: Date | null
	refusalError: string | null
	refusalDetail: string | null
}

/** The registration tokens issued since `since`, newest first, with the tool each registered; row-level security admits concern administrators only. */
export async function listRegistrationTokens(db: Database, { since, limit }: { since: Date; limit: number }): Promise<RegistrationTokenRow[]> {
	return db
		.select({
			createdAt: ltiRegistrationTokens.createdAt,
			expiresAt: ltiRegistrationTokens.expiresAt,
			toolRegistrationUrl: ltiRegistrationTokens.toolRegistrationUrl,
			usedAt: ltiRegistrationTokens.usedAt,
			toolId: ltiRegistrationTokens.toolId,
			toolName: ltiTools.name,
			refusedAt: ltiRegistrationTokens.refusedAt,
			refusalError: ltiRegistrationTokens.refusalError,
			refusalDetail: ltiRegistrationTokens.refusalDetail,
		})
		.from(ltiRegistrationTokens)
		.leftJoin(ltiTools, eq(ltiTools.id, ltiRegistrationTokens.toolId))
		.where(gte(ltiRegistrationTokens.createdAt, since))
		.orderBy(desc(ltiRegistrationTokens.createdAt), asc(ltiRegistrationTokens.id))
		.limit(limit)
}

/**
 * A refused Dynamic Registration kept against its token (lti_refuse_registration, behind a claim
 * the portal signs), so the administrator who issued it sees why. False when no unused token has this hash.
 */
export async function refuseRegistration(db: Database, { tokenHash, error, detail, at }: { tokenHash: string; error: string; detail: string; at: Date }): Promise<boolean> {
	const claim = await signClaimFor(db, ['registration-refusal', tokenHash, error, detail, String(at.getTime())])
	const [row] = await selectRows<{ kept: boolean }>(
		db,
		sql`select lti_refuse_registration(${tokenHash}, ${error}, ${detail}, ${at.toISOString()}::timestamptz, ${claim.expiresMs}::bigint, ${claim.mac}) as kept`,
	)
	return row?.kept === true
}

/** Dynamic Registration: spends the token and stores the tool in one step; null when the token is not (or no longer) valid. */
export async function registerToolWithToken(
	db: Database,
	{ tokenHash, tool }: { tokenHash: string; tool: Omit<NewLtiTool, 'publicJwk' | 'shareName' | 'shareEmail' | 'active' | 'registeredVia'> & { id: string } },
): Promise<string | null> {
	const json = {
		id: tool.id,
		name: tool.name,
		client_id: tool.clientId,
		deployment_ids: tool.deploymentIds,
		login_url: tool.loginUrl,
		target_link_uri: tool.targetLinkUri,
		deep_linking_url: tool.deepLinkingUrl ?? null,
		redirect_uris: tool.redirectUris,
		jwks_url: tool.jwksUrl ?? null,
		custom: tool.custom ?? {},
		scopes: tool.scopes ?? [],
	}
	const [row] = await selectRows<{ id: string | null }>(db, sql`select lti_register_tool(${tokenHash}, ${JSON.stringify(json)}::jsonb) as id`)
	return row?.id ?? null
}

// ---- online parts (resource links) -----------------------------------------------------------

export async function listCourseOnlineParts(db: Database, { courseId }: { courseId: string }) {
	return db
		.select({ link: ltiResourceLinks, toolName: ltiTools.name, toolActive: ltiTools.active })
		.from(ltiResourceLinks)
		.innerJoin(ltiTools, eq(ltiTools.id, ltiResourceLinks.toolId))
		.where(eq(ltiResourceLinks.courseId, courseId))
		.orderBy(asc(ltiResourceLinks.position), asc(ltiResourceLinks.createdAt), asc(ltiResourceLinks.id))
}

/** An online part with its course and tool, for a launch. */
export async function getOnlinePart(db: Database, { resourceLinkId }: { resourceLinkId: string }) {
	const [row] = await db
		.select({
			link: ltiResourceLinks,
			tool: ltiTools,
			course: { id: courses.id, title: courses.title, providerTenantId: courses.providerTenantId, form: courses.form, status: courses.status },
		})
		.from(ltiResourceLinks)
		.innerJoin(ltiTools, eq(ltiTools.id, ltiResourceLinks.toolId))
		.innerJoin(courses, eq(courses.id, ltiResourceLinks.courseId))
		.where(eq(ltiResourceLinks.id, resourceLinkId))
	return row ?? null
}

/** A course's completion rule (ADR 033): at least this many parts, null every part. */
export async function getCourseCompletionMinParts(db: Database, { courseId }: { courseId: string }): Promise<number | null> {
	const [row] = await db.select({ minParts: courses.completionMinParts }).from(courses).where(eq(courses.id, courseId))
	return row?.minParts ?? null
}

/** How many online parts come before a course's classroom part (ADR 033). */
export async function getClassroomPartIndex(db: Database, { courseId }: { courseId: string }): Promise<number> {
	const [row] = await db.select({ index: courses.classroomPartIndex }).from(courses).where(eq(courses.id, courseId))
	return row?.index ?? 0
}

/** Stores a course's order of parts: the classroom part's place and each online part's position. */
export async function setCoursePartOrder(db: Database, { courseId, classroomIndex, online, now }: { courseId: string; classroomIndex: number; online: readonly string[]; now: Date }): Promise<void> {
	await db.update(courses).set({ classroomPartIndex: classroomIndex, updatedAt: now }).where(eq(courses.id, courseId))
	for (const [position, id] of online.entries()) {
		await db.update(ltiResourceLinks).set({ position }).where(and(eq(ltiResourceLinks.id, id), eq(ltiResourceLinks.courseId, courseId)))
	}
}

/** Sets a course's completion rule; false when the course is not the caller's to change. */
export async function setCourseCompletionMinParts(db: Database, { courseId, minParts, now }: { courseId: string; minParts: number | null; now: Date }): Promise<boolean> {
	const rows = await db.update(courses).set({ completionMinParts: minParts, updatedAt: now }).where(eq(courses.id, courseId)).returning({ id: courses.id })
	return rows.length > 0
}

/** The pass mark of an online part, if it has one. */
export async function getCourseTitle(db: Database, { courseId }: { courseId: string }): Promise<string | null> {
	const [row] = await db.select({ title: courses.title }).from(courses).where(eq(courses.id, courseId))
	return row?.title ?? null
}

/** A course's form decides whether its online part is the whole course. */
export async function getCourseForm(db: Database, { courseId }: { courseId: string }): Promise<CourseForm | null> {
	const [row] = await db.select({ form: courses.form }).from(courses).where(eq(courses.id, courseId))
	return row?.form ?? null
}

export async function insertOnlinePart(db: Database, part: typeof ltiResourceLinks.$inferInsert): Promise<LtiResourceLink> {
	const [row] = await db.insert(ltiResourceLinks).values(part).returning()
	return row!
}

/** Which Moodle course and activity an online part is, for the completion sync; both or neither. */
export async function setOnlinePartMoodleIds(
	db: Database,
	{ courseId, resourceLinkId, moodleCourseId, moodleActivityId }: { courseId: string; resourceLinkId: string; moodleCourseId: number | null; moodleActivityId: number | null },
): Promise<LtiResourceLink | null> {
	const [row] = await db
		.update(ltiResourceLinks)
		.set({ moodleCourseId, moodleActivityId })
		.where(and(eq(ltiResourceLinks.id, resourceLinkId), eq(ltiResourceLinks.courseId, courseId)))
		.returning()
	return row ?? null
}

/** Sets an online part's pass mark (percent of the maximum score); null when the course has no such part. */
export async function setOnlinePartPassMark(
	db: Database,
	{ courseId, resourceLinkId, passMarkPercent }: { courseId: string; resourceLinkId: string; passMarkPercent: number },
): Promise<{ part: LtiResourceLink; passMarkBefore: LtiResourceLink['passMarkPercent'] } | null> {
	const where = and(eq(ltiResourceLinks.id, resourceLinkId), eq(ltiResourceLinks.courseId, courseId))
	// The pass mark as it was, for the audit row's `before`; locked so no other change slips in between.
	const [was] = await db.select({ passMarkPercent: ltiResourceLinks.passMarkPercent }).from(ltiResourceLinks).where(where).for('update')
	if (!was) return null
	const [row] = await db.update(ltiResourceLinks).set({ passMarkPercent }).where(where).returning()
	return row ? { part: row, passMarkBefore: was.passMarkPercent } : null
}

/** The completed results of a course's online parts, with their latest grade, for the coordinator's page (ADR 026). */
export async function listCompletedResults(db: Database, { courseId }: { courseId: string }) {
	return db
		.select({
			resourceLinkId: ltiLineItems.resourceLinkId,
			scoreGiven: ltiResults.scoreGiven,
			scoreMaximum: ltiResults.scoreMaximum,
			gradingProgress: ltiResults.gradingProgress,
		})
		.from(ltiResults)
		.innerJoin(ltiLineItems, eq(ltiLineItems.id, ltiResults.lineItemId))
		.where(and(eq(ltiLineItems.courseId, courseId), isNotNull(ltiResults.completedAt)))
}

export async function deleteOnlinePart(db: Database, { courseId, resourceLinkId }: { courseId: string; resourceLinkId: string }): Promise<LtiResourceLink | null> {
	const [row] = await db
		.delete(ltiResourceLinks)
		.where(and(eq(ltiResourceLinks.id, resourceLinkId), eq(ltiResourceLinks.courseId, courseId)))
		.returning()
	return row ?? null
}

// ---- one-time protocol state -----------------------------------------------------------------

export async function insertMessageState(db: Database, state: Omit<LtiMessageState, 'createdAt'>): Promise<void> {
	const claim = await signClaimFor(db, [
		'message-state',
		state.id,
		state.kind,
		state.toolId,
		state.tenantId,
		state.courseId,
		state.resourceLinkId ?? '',
		state.userId,
		state.deploymentId,
		String(state.expiresAt.getTime()),
	])
	await db.execute(sql`select lti_insert_message_state(${state.id}, ${state.kind}, ${state.toolId}::uuid, ${state.tenantId}::uuid,
		${state.courseId}::uuid, ${state.resourceLinkId}::uuid, ${state.userId}::uuid, ${state.deploymentId}, ${state.expiresAt.toISOString()}::timestamptz,
		${claim.expiresMs}::bigint, ${claim.mac})`)
}

const stateColumns = {
	id: sql<string>`id`,
	kind: sql<LtiMessageState['kind']>`kind`,
	toolId: sql<string>`tool_id`,
	tenantId: sql<string>`tenant_id`,
	courseId: sql<string>`course_id`,
	resourceLinkId: sql<string | null>`resource_link_id`,
	userId: sql<string>`user_id`,
	deploymentId: sql<string>`deployment_id`,
	expiresAt: sql<Date>`expires_at`.mapWith(ltiMessageStates.expiresAt),
	createdAt: sql<Date>`created_at`.mapWith(ltiMessageStates.createdAt),
}

/** Takes a state: returned and deleted in one statement, so it serves at most once (expired ones too: the caller says so). */
export async function takeMessageState(db: Database, { id, kind }: { id: string; kind: LtiMessageState['kind'] }): Promise<LtiMessageState | null> {
	const [row] = await db.select(stateColumns).from(sql`lti_take_message_state(${id}, ${kind})`)
	return row ?? null
}

/** Records a jti or nonce of a tool; false when the tool used it before. */
export async function useToolTokenId(db: Database, { toolId, tokenId, expiresAt }: { toolId: string; tokenId: string; expiresAt: Date }): Promise<boolean> {
	const claim = await signClaimFor(db, ['token-id', toolId, tokenId, String(expiresAt.getTime())])
	const [row] = await selectRows<{ fresh: boolean }>(
		db,
		sql`select lti_use_token_id(${toolId}::uuid, ${tokenId}, ${expiresAt.toISOString()}::timestamptz, ${claim.expiresMs}::bigint, ${claim.mac}) as fresh`,
	)
	return row?.fresh === true
}

/**
 * A tool's registration and the unit providing a course it serves (null when it serves none
 * there, or the course id is not one), in one round trip: every LTI service request asks both.
 */
export async function getToolAccess(db: Database, { toolId, courseId }: { toolId: string; courseId: string | null }): Promise<{ tool: LtiTool; providerTenantId: string | null } | null> {
	const [row] = await db
		.select({ tool: ltiTools, providerTenantId: sql<string | null>`lti_course_provider(${ltiTools.id}, ${courseId}::uuid)` })
		.from(ltiTools)
		.where(eq(ltiTools.id, toolId))
	return row ?? null
}


// ---- AGS line items and results (in a tool context) --------------------------------------------

export type LineItemFilter = { courseId: string; resourceLinkId?: string | null; resourceId?: string | null; tag?: string | null }

function lineItemWhere(filter: LineItemFilter): SQL {
	const conditions = [eq(ltiLineItems.courseId, filter.courseId)]
	if (filter.resourceLinkId) conditions.push(eq(ltiLineItems.resourceLinkId, filter.resourceLinkId))
	if (filter.resourceId) conditions.push(eq(ltiLineItems.resourceId, filter.resourceId))
	if (filter.tag) conditions.push(eq(ltiLineItems.tag, filter.tag))
	return and(...conditions)!
}

/** One page of line items, oldest first, and whether another page follows. */
export async function listLineItems(db: Database, { filter, page, pageSize }: { filter: LineItemFilter; page: number; pageSize: number }) {
	const rows = await db
		.select()
		.from(ltiLineItems)
		.where(lineItemWhere(filter))
		.orderBy(asc(ltiLineItems.createdAt), asc(ltiLineItems.id))
		.limit(pageSize + 1)
		.offset((page - 1) * pageSize)
	return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize }
}

export async function countLineItems(db: Database, filter: LineItemFilter): Promise<number> {
	const [row] = await db.select({ total: count() }).from(ltiLineItems).where(lineItemWhere(filter))
	return row?.total ?? 0
}

export async function getLineItem(db: Database, { courseId, lineItemId }: { courseId: string; lineItemId: string }): Promise<LtiLineItem | null> {
	const [row] = await db
		.select()
		.from(ltiLineItems)
		.where(and(eq(ltiLineItems.id, lineItemId), eq(ltiLineItems.courseId, courseId)))
	return row ?? null
}

export async function insertLineItem(db: Database, item: typeof ltiLineItems.$inferInsert): Promise<LtiLineItem> {
	const [row] = await db.insert(ltiLineItems).values(item).returning()
	return row!
}

export async function updateLineItem(
	db: Database,
	{ lineItemId, changes }: { lineItemId: string; changes: Partial<typeof ltiLineItems.$inferInsert> },
): Promise<LtiLineItem | null> {
	const [row] = await db
		.update(ltiLineItems)
		.set({ ...changes, updatedAt: new Date() })
		.where(eq(ltiLineItems.id, lineItemId))
		.returning()
	return row ?? null
}

export async function deleteLineItem(db: Database, { lineItemId }: { lineItemId: string }): Promise<boolean> {
	const rows = await db.delete(ltiLineItems).where(eq(ltiLineItems.id, lineItemId)).returning({ id: ltiLineItems.id })
	return rows.length > 0
}

// ---- AGS scores: two statements, each entering the tool's context itself (migration 0020) --------

/** Everything the domain needs to decide about a score; null when the line item is not this tool's, in this course. */
export type ScoreContext = {
	passMark: number | null
	courseForm: CourseForm
	enrolmentStatuses: EnrolmentStatus[]
	stored: { timestamp: Date; completedAt: Date | null } | null
}

export type ScoreTarget = { tenantId: string; toolId: string; courseId: string; lineItemId: string; userId: string }

export async function getScoreContext(db: Database, target: ScoreTarget): Promise<ScoreContext | null> {
	const signed = await signedContextFor(db, { tenantId: target.tenantId, userId: null, toolId: target.toolId })
	const [row] = await selectRows<{ pass_mark: number | null; course_form: CourseForm; statuses: string; scored_at_ms: number | null; completed_at_ms: number | null }>(
		db,
		sql`select pass_mark, course_form, statuses::text, extract(epoch from scored_at)::float8 * 1000 as scored_at_ms, extract(epoch from completed_at)::float8 * 1000 as completed_at_ms
			from lti_score_context(${target.tenantId}::uuid, ${target.toolId}::uuid, ${target.courseId}::uuid, ${target.lineItemId}::uuid, ${target.userId}::uuid,
				${signed.expiresMs}::bigint, ${signed.mac})`,
	)
	if (!row) return null
	return {
		passMark: row.pass_mark,
		courseForm: row.course_form,
		enrolmentStatuses: parseEnumArray(row.statuses) as EnrolmentStatus[],
		stored: row.scored_at_ms === null ? null : { timestamp: fromEpochMs(row.scored_at_ms), completedAt: row.completed_at_ms === null ? null : fromEpochMs(row.completed_at_ms) },
	}
}

export type ScoreToStore = {
	scoreGiven: number | null
	scoreMaximum: number | null
	activityProgress: string
	gradingProgress: string
	comment: string | null
	timestamp: Date
	/** The domain's verdict: this score completes the online part. */
	completesPart: boolean
	/** Enrolment statuses the completion closes; empty when the online part is not the whole course. */
	closeEnrolmentsFrom: readonly EnrolmentStatus[]
	audit: { origin: string | null; requestId: string | null }
	/** The service clock: the day the dots this score changes are settled on (ADR 031). */
	now?: Date
}

/**
 * Stores a score with what it causes, in one statement. `stored` is false when a result at least as
 * new landed since the context was read; `completedPart` only for the score that first completed it.
 */
export async function storeScore(
	db: Database,
	target: ScoreTarget,
	score: ScoreToStore,
	/** Runs in the same transaction when this score first completed the part (a blended programme's rule, ADR 033); returns the enrolments it completed. */
	afterCompletion?: (tx: Database) => Promise<number>,
	/** Runs in the same transaction, last, when the score was stored (Leerplein's own xAPI statements, ADR 039). */
	afterStored?: (tx: Database) => Promise<void>,
): Promise<{ stored: boolean; completedPart: boolean; completedEnrolments: number }> {
	// The completion, or the score itself (a competency's minimum score), may write passport
	// evidence (ADR 031): settled in the same transaction.
	return inSelfEnteringTransaction(db, { tenantId: target.tenantId, now: score.now }, async (tx) => {
		const saved = await storeScoreStatement(tx, target, score)
		const completedByRule = saved.completedPart && afterCompletion ? await afterCompletion(tx) : 0
		if (saved.stored && afterStored) await afterStored(tx)
		return { ...saved, completedEnrolments: saved.completedEnrolments + completedByRule }
	})
}

async function storeScoreStatement(db: Database, target: ScoreTarget, score: ScoreToStore) {
	const signed = await signedContextFor(db, { tenantId: target.tenantId, userId: null, toolId: target.toolId })
	const [row] = await selectRows<{ stored: boolean; completed_part: boolean; completed_enrolments: number }>(
		db,
		sql`select stored, completed_part, completed_enrolments from lti_store_score(
			${target.tenantId}::uuid, ${target.toolId}::uuid, ${target.courseId}::uuid, ${target.lineItemId}::uuid, ${target.userId}::uuid,
			${score.scoreGiven}::double precision, ${score.scoreMaximum}::double precision, ${score.activityProgress}, ${score.gradingProgress},
			${score.comment}, ${score.timestamp.toISOString()}::timestamptz, ${score.completesPart}, ${`{${score.closeEnrolmentsFrom.join(',')}}`}::enrolment_status[],
			${score.audit.origin}, ${score.audit.requestId}, ${signed.expiresMs}::bigint, ${signed.mac})`,
	)
	return { stored: row!.stored, completedPart: row!.completed_part, completedEnrolments: row!.completed_enrolments }
}

const fromEpochMs = (ms: number | string) => new Date(Math.round(Number(ms)))

/** `{a,b}` as PostgreSQL prints an array of enum values. */
const parseEnumArray = (text: string): string[] => (text === '{}' ? [] : text.slice(1, -1).split(','))

export async function listResults(
	db: Database,
	{ lineItemId, userId, page, pageSize }: { lineItemId: string; userId?: string | null; page: number; pageSize: number },
) {
	const rows = await db
		.select()
		.from(ltiResults)
		.where(userId ? and(eq(ltiResults.lineItemId, lineItemId), eq(ltiResults.userId, userId)) : eq(ltiResults.lineItemId, lineItemId))
		.orderBy(asc(ltiResults.userId))
		.limit(pageSize + 1)
		.offset((page - 1) * pageSize)
	return { results: rows.slice(0, pageSize), hasNext: rows.length > pageSize }
}

/** A person's results in a course's online parts, for the course page and "My learning". */
export async function listMyOnlineResults(db: Database, { userId, courseId }: { userId: string; courseId: string }) {
	return db
		.select({ lineItemId: ltiResults.lineItemId, resourceLinkId: ltiLineItems.resourceLinkId, label: ltiLineItems.label, result: ltiResults })
		.from(ltiResults)
		.innerJoin(ltiLineItems, eq(ltiLineItems.id, ltiResults.lineItemId))
		.where(and(eq(ltiResults.userId, userId), eq(ltiLineItems.courseId, courseId)))
}

/**
 * "My learning": a person's online parts in the courses they are enrolled in, with the latest
 * score and when the part was completed (by a graded score or by the web-services sync).
 */
export async function listMyOnlinePartProgress(db: Database, { userId }: { userId: string }) {
	const rows = await selectRows<{
		course_id: string
		resource_link_id: string
		title: string
		score_given: number | null
		score_maximum: number | null
		completed_at: Date | string | null
	}>(
		db,
		sql`select l.course_id, l.id as resource_link_id, l.title,
			latest.score_given, latest.score_maximum,
			least(graded.completed_at, pc.completed_at) as completed_at
		from ${ltiResourceLinks} l
		left join lateral (select r.score_given, r.score_maximum from ${ltiResults} r join ${ltiLineItems} i on i.id = r.line_item_id
			where i.resource_link_id = l.id and r.user_id = ${userId} order by r.scored_at desc limit 1) latest on true
		left join lateral (select min(r.completed_at) as completed_at from ${ltiResults} r join ${ltiLineItems} i on i.id = r.line_item_id
			where i.resource_link_id = l.id and r.user_id = ${userId}) graded on true
		left join ${ltiPartCompletions} pc on pc.resource_link_id = l.id and pc.user_id = ${userId}
		where l.course_id in (select s.course_id from ${enrolments} e join ${sessions} s on s.id = e.session_id where e.user_id = ${userId})
		order by l.position, l.created_at, l.id`,
	)
	return rows.map((row) => ({
		courseId: row.course_id,
		resourceLinkId: row.resource_link_id,
		title: row.title,
		score: row.score_given !== null && row.score_maximum ? { given: Number(row.score_given), maximum: Number(row.score_maximum) } : null,
		completedAt: row.completed_at === null ? null : new Date(row.completed_at),
	}))
}

/** A person's ungraded completions of a course's online parts (web-services sync), for the course page. */
export async function listMyPartCompletions(db: Database, { userId, courseId }: { userId: string; courseId: string }) {
	return db
		.select({ resourceLinkId: ltiPartCompletions.resourceLinkId, completedAt: ltiPartCompletions.completedAt })
		.from(ltiPartCompletions)
		.innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiPartCompletions.resourceLinkId))
		.where(and(eq(ltiPartCompletions.userId, userId), eq(ltiResourceLinks.courseId, courseId)))
}

// ---- Moodle web services and the completion sync ---------------------------------------------

/** A tool's web-services settings (concern administrator, or the tool's own context). */
export async function getToolWebServices(db: Database, { toolId }: { toolId: string }): Promise<LtiToolWebServices | null> {
	const [row] = await db.select().from(ltiToolWebServices).where(eq(ltiToolWebServices.toolId, toolId))
	return row ?? null
}

/** Sets the base URL and token; a new token or address forgets how the last sync went. */
export async function saveToolWebServices(
	db: Database,
	settings: { toolId: string; baseUrl: string; tokenCiphertext: string; tokenLastFour: string; issuer: string },
): Promise<void> {
	const reset = { lastSyncAt: null, lastSyncStatus: null, lastSyncMessage: null, lastSyncCompleted: null, updatedAt: new Date() }
	await db
		.insert(ltiToolWebServices)
		.values({ ...settings, ...reset })
		.onConflictDoUpdate({ target: ltiToolWebServices.toolId, set: { baseUrl: settings.baseUrl, tokenCiphertext: settings.tokenCiphertext, tokenLastFour: settings.tokenLastFour, issuer: settings.issuer, ...reset } })
}

export async function deleteToolWebServices(db: Database, { toolId }: { toolId: string }): Promise<boolean> {
	const rows = await db.delete(ltiToolWebServices).where(eq(ltiToolWebServices.toolId, toolId)).returning({ toolId: ltiToolWebServices.toolId })
	return rows.length > 0
}

/** In the tool's context: how the sync went. */
export async function recordWebServicesSync(
	db: Database,
	{ toolId, at, status, message, completed }: { toolId: string; at: Date; status: 'ok' | 'failed'; message: string; completed: number },
): Promise<void> {
	await db
		.update(ltiToolWebServices)
		.set({ lastSyncAt: at, lastSyncStatus: status, lastSyncMessage: message, lastSyncCompleted: completed })
		.where(eq(ltiToolWebServices.toolId, toolId))
}

/** In a tool context: the tool's online parts that name a Moodle activity, in the context's unit. */
export async function listSyncableOnlineParts(db: Database, { tenantId, toolId }: { tenantId: string; toolId: string }) {
	return db
		.select({
			id: ltiResourceLinks.id,
			courseId: ltiResourceLinks.courseId,
			moodleCourseId: ltiResourceLinks.moodleCourseId,
			moodleActivityId: ltiResourceLinks.moodleActivityId,
		})
		.from(ltiResourceLinks)
		.where(and(eq(ltiResourceLinks.tenantId, tenantId), eq(ltiResourceLinks.toolId, toolId), sql`${ltiResourceLinks.moodleActivityId} is not null`))
		.orderBy(asc(ltiResourceLinks.id))
}

/** Whether the person already completed the part, by a graded score or an earlier sync. */
export async function onlinePartCompleted(db: Database, { resourceLinkId, userId }: { resourceLinkId: string; userId: string }): Promise<boolean> {
	const [row] = await selectRows<{ done: boolean }>(
		db,
		sql`select exists (select 1 from ${ltiPartCompletions} where resource_link_id = ${resourceLinkId} and user_id = ${userId})
			or exists (select 1 from ${ltiResults} r join ${ltiLineItems} i on i.id = r.line_item_id
				where i.resource_link_id = ${resourceLinkId} and r.user_id = ${userId} and r.completed_at is not null) as done`,
	)
	return row?.done ?? false
}

/** Records an ungraded completion once; false when it was already there (a concurrent sync). */
export async function insertPartCompletion(db: Database, completion: typeof ltiPartCompletions.$inferInsert): Promise<boolean> {
	const rows = await db.insert(ltiPartCompletions).values(completion).onConflictDoNothing().returning({ userId: ltiPartCompletions.userId })
	return rows.length > 0
}
