import { and, desc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Database } from '../client.ts'
import { competencies, passportEvidence } from '../schema/passport.ts'
import { passportUploads } from '../schema/passport-uploads.ts'
import { users } from '../schema/people.ts'

// Certificates employees upload as evidence (ADR 031, uploads): stored in PostgreSQL, decided once
// by their manager or a coordinator of their unit. Every query runs in the employee's unit's
// context; row-level security keeps other units' uploads out of sight.

export type UploadStatus = 'pending' | 'approved' | 'rejected'

export type NewUpload = {
	tenantId: string
	userId: string
	competencyId: string
	obtainedOn: string
	/** The level the certificate states, on a competency with levels; null: the lowest. */
	level?: number | null
	note: string
	fileName: string
	contentType: string
	content: Uint8Array
}

/** Stores an upload as pending; returns its id. */
export async function insertPassportUpload(db: Database, upload: NewUpload): Promise<string> {
	const [row] = await db
		.insert(passportUploads)
		.values({ ...upload, byteSize: upload.content.byteLength })
		.returning({ id: passportUploads.id })
	return row!.id
}

const summary = {
	id: passportUploads.id,
	userId: passportUploads.userId,
	competencyId: passportUploads.competencyId,
	competencyName: competencies.name,
	levels: competencies.levels,
	obtainedOn: passportUploads.obtainedOn,
	level: passportUploads.level,
	note: passportUploads.note,
	fileName: passportUploads.fileName,
	byteSize: passportUploads.byteSize,
	status: passportUploads.status,
	reason: passportUploads.reason,
	decidedAt: passportUploads.decidedAt,
	createdAt: passportUploads.createdAt,
}

export type UploadSummary = {
	id: string
	userId: string
	competencyId: string
	competencyName: string
	/** The competency's level names, lowest first (empty: none). */
	levels: string[]
	obtainedOn: string
	/** The level the employee states on the certificate; null: none (the lowest). */
	level: number | null
	note: string
	fileName: string
	byteSize: number
	status: UploadStatus
	reason: string | null
	decidedAt: Date | null
	createdAt: Date
}

/** One person's uploads, newest first, without their files. */
export async function listPersonUploads(db: Database, { tenantId, userId }: { tenantId: string; userId: string }): Promise<UploadSummary[]> {
	return db
		.select(summary)
		.from(passportUploads)
		.innerJoin(competencies, eq(competencies.id, passportUploads.competencyId))
		.where(and(eq(passportUploads.tenantId, tenantId), eq(passportUploads.userId, userId)))
		.orderBy(desc(passportUploads.createdAt))
		.limit(100)
}

export type PendingUpload = UploadSummary & { employeeName: string; managerId: string | null }

/**
 * A unit's uploads awaiting a decision, oldest first, with who uploaded them; `managerId` narrows
 * them to that manager's team. The reviewer is never shown their own upload.
 */
export async function listPendingUploads(db: Database, { tenantId, managerId, exceptUserId }: { tenantId: string; managerId: string | null; exceptUserId: string }): Promise<PendingUpload[]> {
	return db
		.select({ ...summary, employeeName: users.name, managerId: users.managerId })
		.from(passportUploads)
		.innerJoin(competencies, eq(competencies.id, passportUploads.competencyId))
		.innerJoin(users, eq(users.id, passportUploads.userId))
		.where(
			and(
				eq(passportUploads.tenantId, tenantId),
				eq(passportUploads.status, 'pending'),
				sql`${passportUploads.userId} <> ${exceptUserId}`,
				managerId === null ? undefined : eq(users.managerId, managerId),
			),
		)
		.orderBy(passportUploads.createdAt)
		.limit(200)
}

/** What deciding on an upload, or opening its file, needs to know about it. */
/** `level`: the level the employee claims; `levels`: the competency's level names (empty: none). */
export type UploadFacts = { id: string; tenantId: string; userId: string; managerId: string | null; competencyId: string; obtainedOn: string; level: number | null; levels: string[]; status: UploadStatus }

export async function getUploadFacts(db: Database, { uploadId }: { uploadId: string }): Promise<UploadFacts | null> {
	const [row] = await db
		.select({
			id: passportUploads.id,
			tenantId: passportUploads.tenantId,
			userId: passportUploads.userId,
			managerId: users.managerId,
			competencyId: passportUploads.competencyId,
			obtainedOn: passportUploads.obtainedOn,
			level: passportUploads.level,
			levels: competencies.levels,
			status: passportUploads.status,
		})
		.from(passportUploads)
		.innerJoin(users, eq(users.id, passportUploads.userId))
		.innerJoin(competencies, eq(competencies.id, passportUploads.competencyId))
		.where(eq(passportUploads.id, uploadId))
	return row ?? null
}

/** The file of an upload, with the facts its reader's permission depends on. */
export async function getUploadFile(db: Database, { uploadId }: { uploadId: string }) {
	const [row] = await db
		.select({
			tenantId: passportUploads.tenantId,
			userId: passportUploads.userId,
			managerId: users.managerId,
			fileName: passportUploads.fileName,
			contentType: passportUploads.contentType,
			content: passportUploads.content,
		})
		.from(passportUploads)
		.innerJoin(users, eq(users.id, passportUploads.userId))
		.where(eq(passportUploads.id, uploadId))
	return row ?? null
}

/**
 * Records the decision on a pending upload; false when it was no longer pending (someone else
 * decided first). An approval names the evidence it wrote.
 */
export async function decidePassportUpload(
	db: Database,
	decision: { uploadId: string; status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; reason: string | null; evidenceId: string | null },
): Promise<boolean> {
	const rows = await db
		.update(passportUploads)
		.set({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, reason: decision.reason, evidenceId: decision.evidenceId })
		.where(and(eq(passportUploads.id, decision.uploadId), eq(passportUploads.status, 'pending')))
		.returning({ id: passportUploads.id })
	return rows.length === 1
}

/**
 * The evidence an approved upload gives: source kind `upload`, its id as the source reference,
 * counting from the day the certificate was obtained. The evidence trigger marks the person, and
 * their dots are settled before the transaction commits.
 */
export async function insertUploadEvidence(
	db: Database,
	upload: { uploadId: string; tenantId: string; userId: string; competencyId: string; obtainedOn: string; level: number | null; occurredAt: Date; recordedBy: string },
): Promise<string> {
	const [row] = await db
		.insert(passportEvidence)
		.values({
			tenantId: upload.tenantId,
			userId: upload.userId,
			competencyId: upload.competencyId,
			sourceKind: 'upload',
			sourceRef: upload.uploadId,
			occurredAt: upload.occurredAt,
			occurredOn: upload.obtainedOn,
			level: upload.level,
			recordedBy: upload.recordedBy,
		})
		.returning({ id: passportEvidence.id })
	return row!.id
}

/** Whether a competency exists and is still in use: an upload may name only such a one. */
/** A competency's level names (empty: none); null when there is no such active competency. */
export async function activeCompetencyLevels(db: Database, { competencyId }: { competencyId: string }): Promise<string[] | null> {
	const [row] = await db.select({ levels: competencies.levels }).from(competencies).where(and(eq(competencies.id, competencyId), eq(competencies.active, true)))
	return row ? row.levels : null
}

export async function isActiveCompetency(db: Database, { competencyId }: { competencyId: string }): Promise<boolean> {
	const [row] = await db
		.select({ id: competencies.id })
		.from(competencies)
		.where(and(eq(competencies.id, competencyId), eq(competencies.active, true)))
	return row !== undefined
}

/** The person's manager to tell about a certificate sent in: active and in the same unit, or null. */
export async function findActiveManager(db: Database, { userId }: { userId: string }): Promise<string | null> {
	const employee = alias(users, 'employee')
	const [row] = await db
		.select({ id: users.id })
		.from(employee)
		.innerJoin(users, and(eq(users.id, employee.managerId), eq(users.tenantId, employee.tenantId), eq(users.active, true)))
		.where(eq(employee.id, userId))
	return row?.id ?? null
}

/** What the mail to the manager about a certificate sent in says, as things stand when it is written. */
export type UploadForMail = { status: UploadStatus; userId: string; employeeName: string; competencyName: string; obtainedOn: string }

export async function getUploadForMail(db: Database, { uploadId }: { uploadId: string }): Promise<UploadForMail | null> {
	const [row] = await db
		.select({ status: passportUploads.status, userId: passportUploads.userId, employeeName: users.name, competencyName: competencies.name, obtainedOn: passportUploads.obtainedOn })
		.from(passportUploads)
		.innerJoin(users, eq(users.id, passportUploads.userId))
		.innerJoin(competencies, eq(competencies.id, passportUploads.competencyId))
		.where(eq(passportUploads.id, uploadId))
	return row ?? null
}
