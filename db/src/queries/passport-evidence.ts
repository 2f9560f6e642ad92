import type { CalendarDate } from '@leerplein/domain'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../client.ts'
import { competencies, passportEvidence } from '../schema/passport.ts'
import { users } from '../schema/people.ts'

// One person's evidence as their manager and their unit's coordinators see it, and revoking or
// correcting one piece (ADR 031, evidence on a screen). Every query runs in the person's unit's
// context; row-level security keeps other units' evidence out of sight, and the person queries
// also demand the unit itself (a providing unit may read names of other units' participants).

/** A person of the unit (active or not: their passport stays readable), with their manager. */
export type EvidencePerson = { id: string; name: string; tenantId: string; managerId: string | null }

export async function findEvidencePerson(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<EvidencePerson | null> {
	const [row] = await db
		.select({ id: users.id, name: users.name, tenantId: users.tenantId, managerId: users.managerId })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.tenantId, tenantId)))
	return row ?? null
}

export type EvidenceSourceKind = (typeof passportEvidence.sourceKind.enumValues)[number]

/** One piece of evidence with the names the page shows: who recorded it, who revoked it, what superseded it. */
export type EvidenceRow = {
	id: string
	competencyId: string
	competencyName: string
	sourceKind: EvidenceSourceKind
	sourceRef: string
	occurredOn: CalendarDate
	recordedAt: Date
	recordedByName: string | null
	supersededBy: string | null
	/** The day of the piece that superseded this one. */
	supersededByOn: CalendarDate | null
	/** Why, by whom and when it was corrected: kept on the correction (migration 0044; null for corrections made before). */
	supersededReason: string | null
	supersededByName: string | null
	supersededAt: Date | null
	/** On a correction: why it replaced the old piece. */
	correctionReason: string | null
	/** The level it shows (null: the lowest, or the competency has no levels) and the competency's level names. */
	level: number | null
	levels: string[]
	revokedAt: Date | null
	revokedByName: string | null
	revokedReason: string | null
}

/** Every piece of one person's evidence, per competency by name, newest day first; the revoked and superseded ones too. */
export async function listPersonEvidence(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<EvidenceRow[]> {
	const recorder = alias(users, 'recorder')
	const revoker = alias(users, 'revoker')
	const successor = alias(passportEvidence, 'successor')
	const corrector = alias(users, 'corrector')
	return db
		.select({
			id: passportEvidence.id,
			competencyId: passportEvidence.competencyId,
			competencyName: competencies.name,
			sourceKind: passportEvidence.sourceKind,
			sourceRef: passportEvidence.sourceRef,
			occurredOn: passportEvidence.occurredOn,
			recordedAt: passportEvidence.recordedAt,
			recordedByName: recorder.name,
			supersededBy: passportEvidence.supersededBy,
			supersededByOn: successor.occurredOn,
			supersededReason: successor.correctionReason,
			supersededByName: corrector.name,
			supersededAt: successor.recordedAt,
			correctionReason: passportEvidence.correctionReason,
			level: passportEvidence.level,
			levels: competencies.levels,
			revokedAt: passportEvidence.revokedAt,
			revokedByName: revoker.name,
			revokedReason: passportEvidence.revokedReason,
		})
		.from(passportEvidence)
		.innerJoin(competencies, eq(competencies.id, passportEvidence.competencyId))
		.leftJoin(recorder, eq(recorder.id, passportEvidence.recordedBy))
		.leftJoin(revoker, eq(revoker.id, passportEvidence.revokedBy))
		.leftJoin(successor, eq(successor.id, passportEvidence.supersededBy))
		.leftJoin(corrector, eq(corrector.id, successor.recordedBy))
		.where(and(eq(passportEvidence.tenantId, tenantId), eq(passportEvidence.userId, userId)))
		.orderBy(competencies.name, desc(passportEvidence.occurredOn), desc(passportEvidence.recordedAt))
}

/** What revoking or correcting a piece needs to know about it and its person. */
export type EvidenceFacts = {
	id: string
	tenantId: string
	userId: string
	managerId: string | null
	competencyId: string
	sourceKind: EvidenceSourceKind
	occurredOn: CalendarDate
	level: number | null
	revoked: boolean
	superseded: boolean
}

export async function getEvidenceFacts(db: Database, { evidenceId }: { evidenceId: string }): Promise<EvidenceFacts | null> {
	const [row] = await db
		.select({
			id: passportEvidence.id,
			tenantId: passportEvidence.tenantId,
			userId: passportEvidence.userId,
			managerId: users.managerId,
			competencyId: passportEvidence.competencyId,
			sourceKind: passportEvidence.sourceKind,
			occurredOn: passportEvidence.occurredOn,
			level: passportEvidence.level,
			revokedAt: passportEvidence.revokedAt,
			supersededBy: passportEvidence.supersededBy,
		})
		.from(passportEvidence)
		.innerJoin(users, and(eq(users.id, passportEvidence.userId), eq(users.tenantId, passportEvidence.tenantId)))
		.where(eq(passportEvidence.id, evidenceId))
	if (!row) return null
	const { revokedAt, supersededBy, ...facts } = row
	return { ...facts, revoked: revokedAt !== null, superseded: supersededBy !== null }
}

const stillCounts = (evidenceId: string) => and(eq(passportEvidence.id, evidenceId), isNull(passportEvidence.revokedAt), isNull(passportEvidence.supersededBy))

/**
 * Revokes a piece that still counts, with the reason (by a person, or by Leerplein itself: no
 * one); false when it no longer counted (someone revoked or corrected it first). The evidence trigger marks the person; their dots are settled
 * before the transaction commits.
 */
export async function revokeEvidence(db: Database, { evidenceId, revokedBy, revokedAt, reason }: { evidenceId: string; revokedBy: string | null; revokedAt: Date; reason: string }): Promise<boolean> {
	const rows = await db.update(passportEvidence).set({ revokedAt, revokedBy, revokedReason: reason }).where(stillCounts(evidenceId)).returning({ id: passportEvidence.id })
	return rows.length === 1
}

/**
 * Supersedes a piece that still counts with a correction on another day: a new piece of the same
 * source kind and level, its reference `correction:<old id>`, recorded by the corrector with the
 * reason (who and when: `recorded_by`, `recorded_at`); then the old one names it. Null when the old one no longer counted (the caller rolls back the new piece with
 * the transaction).
 */
export async function supersedeEvidence(
	db: Database,
	{
		old,
		occurredOn,
		occurredAt,
		recordedBy,
		recordedAt,
		reason,
	}: { old: EvidenceFacts; occurredOn: CalendarDate; occurredAt: Date; recordedBy: string; /** The service clock's instant. */ recordedAt: Date; reason: string },
): Promise<string | null> {
	const [created] = await db
		.insert(passportEvidence)
		.values({
			tenantId: old.tenantId,
			userId: old.userId,
			competencyId: old.competencyId,
			sourceKind: old.sourceKind,
			sourceRef: `correction:${old.id}`,
			occurredAt,
			occurredOn,
			recordedBy,
			recordedAt,
			level: old.level,
			correctionReason: reason,
		})
		.onConflictDoNothing()
		.returning({ id: passportEvidence.id })
	if (!created) return null
	const rows = await db.update(passportEvidence).set({ supersededBy: created.id }).where(stillCounts(old.id)).returning({ id: passportEvidence.id })
	return rows.length === 1 ? created.id : null
}
