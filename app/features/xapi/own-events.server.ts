import { createHash } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { inUnitWithin } from '@leerplein/db'
import { findCourseMemberUnit } from '@leerplein/db/lti'
import { ensureLeerpleinXapiClient, getOwnEventFacts, insertXapiStatementOnce, listOwnCourseEnrolments } from '@leerplein/db/xapi'
import { completeStatement, indexStatement, ownEventStatement, type OwnEvent, type OwnEventKind } from '@leerplein/domain'
import type { ServiceContext } from '../../core/service.server.ts'
import { evaluateXapiEvidenceRules } from './evidence-rules.server.ts'

// Leerplein's own events as statements in the unit's xAPI store (ADR 039, "Leerplein's own
// events"): written in the transaction of the event itself, so the event and its statement stand
// or fall together; the statement's id is stable, so a repeated event stores nothing new.

const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash('sha1').update(bytes).digest())

// The portal's public address names its activities and accounts (PUBLIC_URL). A request brings it
// (LeerpleinContext); a context without it (a job, a service test) uses the configuration's default.
const DEFAULT_ORIGIN = 'http://localhost:3000'

/** A score an online part's tool gave (LTI AGS), as the `scored` statement tells it. */
export type OwnScore = NonNullable<OwnEvent['scored']> & { at: Date }

/**
 * Writes the statement of one event of an enrolment (registered, attended, completed, scored) into the
 * employee's unit's store, whichever unit's context the transaction is in (a providing unit
 * registering attendance): the authority is that unit's "Leerplein" client, created when first
 * needed, and the person is set directly. Answers whether the statement was new.
 */
export async function recordOwnXapiEvent(
	ctx: Pick<ServiceContext, 'clock' | 'config'>,
	tx: Database,
	{ kind, enrolmentId, scored }: { kind: OwnEventKind; enrolmentId: string; scored?: OwnScore },
): Promise<boolean> {
	const facts = await getOwnEventFacts(tx, { enrolmentId })
	if (!facts) throw new Error(`own xAPI event ${kind}: enrolment ${enrolmentId} is not visible in this transaction`)
	const now = ctx.clock.now()
	// A score happened when the tool says it was given; every other event now.
	const at = scored?.at ?? now
	const portalOrigin = ctx.config?.publicOrigin ?? DEFAULT_ORIGIN
	const statement = ownEventStatement(
		{ kind, enrolmentId, userId: facts.userId, tenantId: facts.tenantId, course: { id: facts.courseId, title: facts.courseTitle }, session: { id: facts.sessionId, startsAt: facts.sessionStartsAt }, at, scored },
		{ publicOrigin: portalOrigin, sha1 },
	)
	return inUnitWithin(tx, facts.tenantId, async (unit) => {
		const client = await ensureLeerpleinXapiClient(unit, { tenantId: facts.tenantId })
		const authority = { objectType: 'Agent', name: client.name, account: { homePage: `${portalOrigin}/xapi/clients`, name: client.key } }
		const id = String(statement.id)
		const complete = completeStatement(statement, { id, stored: now, authority, version: '1.0.3' })
		// No use counted on the Leerplein client: one row updated by every enrolment of the unit
		// would make all of them wait on each other; its volume is the count of its statements.
		const stored = await insertXapiStatementOnce(unit, {
			tenantId: facts.tenantId,
			id,
			clientId: client.id,
			statement: complete,
			...indexStatement(complete),
			stored: now,
			timestamp: at,
			authority,
			personId: facts.userId,
		})
		// The unit's rules count Leerplein's own statements as they count its systems' (ADR 039).
		if (stored) await evaluateXapiEvidenceRules(unit, { tenantId: facts.tenantId, personIds: [facts.userId], now })
		return stored
	})
}

/**
 * A tool's events, in the tool's transaction (its context sees neither the person's unit nor their
 * enrolments): after an LTI score is stored, `scored` on the enrolment the score belongs to; after
 * a score or Moodle's completion closed enrolments, `completed` for each enrolment this
 * transaction completed. Written in the person's unit's store, as every own event is.
 */
export async function recordOwnToolEvents(ctx: Pick<ServiceContext, 'clock' | 'config'>, tx: Database, { courseId, userId, score }: { courseId: string; userId: string; score: OwnScore | null }): Promise<void> {
	const unitId = await findCourseMemberUnit(tx, { courseId, userId })
	if (!unitId) return
	await inUnitWithin(tx, unitId, async (unit) => {
		const enrolments = await listOwnCourseEnrolments(unit, { courseId, userId, at: score?.at ?? ctx.clock.now() })
		// The participation the score belongs to, as its passport evidence names it: first in that order.
		const participation = enrolments.find((enrolment) => enrolment.status !== 'cancelled' && enrolment.status !== 'declined')
		if (score && participation) await recordOwnXapiEvent(ctx, unit, { kind: 'scored', enrolmentId: participation.id, scored: score })
		for (const enrolment of enrolments) if (enrolment.completedNow) await recordOwnXapiEvent(ctx, unit, { kind: 'completed', enrolmentId: enrolment.id })
	})
}
