import { randomUUID } from 'node:crypto'
import { withTenantContext, type DatabaseClient } from '@leerplein/db'
import { listPassport, listPassportHistory, recomputePassports } from '@leerplein/db/passport'
import { schema } from '@leerplein/db/schema'
import type { CertificateSubmittedJob } from '@leerplein/db/jobs'
import { createTestDatabase, insertNvwaAndRvo, listMailJobs, type TestDatabase, testDrivers } from '@leerplein/db/testing'
import { MAX_CERTIFICATE_BYTES, type Actor } from '@leerplein/domain'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sendNotification } from '../notifications/send-notification.server.ts'
import { decideCertificate } from './decide-certificate.server.ts'
import { listCertificatesToReview, listMyCertificates } from './list-certificates.server.ts'
import { openCertificate } from './open-certificate.server.ts'
import { submitCertificate } from './submit-certificate.server.ts'
import { testContext } from '../../core/testing.ts'

// Certificate uploads through the real services (ADR 031, uploads): an employee sends one in, a
// wrong or too large file is refused with nothing stored, another unit never reaches it, and
// their manager's approval turns the dot green before the service returns.

const NOW = new Date('2030-05-01T08:00:00Z')
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const TEXT = new TextEncoder().encode('Dit is geen certificaat, alleen tekst met een .pdf-naam.')

describe.each(await testDrivers())('certificate uploads on %s', (driver) => {
	let database: TestDatabase
	let app: DatabaseClient
	let f: Awaited<ReturnType<typeof plant>>
	const ctx = testContext(undefined as never, NOW)
	const context = () => ({ ...ctx, db: app.db })
	const passportOf = (userId: string) => withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassport(tx, { userId }))
	const uploadCount = () => database.asOwner(async (db) => (await db.select({ id: schema.passportUploads.id }).from(schema.passportUploads)).length)
	const auditsOf = (action: string, objectId: string) => database.asOwner(async (db) => (await db.select().from(schema.auditLog)).filter((row) => row.action === action && row.objectId === objectId))
	const actor = (userId: string, tenantId: string, grants: Actor['grants'] = []): Actor => ({ userId, tenantId, grants: [{ role: 'employee', tenantId }, ...grants] })
	let employee: Actor, manager: Actor, otherManager: Actor, coordinator: Actor, nvwaCoordinator: Actor
	const send = (overrides: Partial<Parameters<typeof submitCertificate>[1]> = {}) =>
		submitCertificate(context(), { actor: employee, competencyId: f.competency, obtainedOn: '2030-04-20', note: 'EHBO-diploma', file: { name: 'ehbo.pdf', bytes: PDF }, ...overrides })

	beforeAll(async () => {
		database = await createTestDatabase(driver)
		f = await plant(database)
		app = await database.connectAsApp({ maxConnections: 2 })
		employee = actor(f.employee, f.rvo)
		manager = actor(f.manager, f.rvo, [{ role: 'manager', tenantId: f.rvo }])
		otherManager = actor(f.otherManager, f.rvo, [{ role: 'manager', tenantId: f.rvo }])
		coordinator = actor(f.coordinator, f.rvo, [{ role: 'coordinator', tenantId: f.rvo }])
		nvwaCoordinator = actor(f.nvwaCoordinator, f.nvwa, [{ role: 'coordinator', tenantId: f.nvwa }])
		await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => recomputePassports(tx, { tenantId: f.rvo, userIds: [f.employee], today: '2030-05-01', trigger: 'requirement' }))
	}, 120_000)
	afterAll(() => database?.close(), 30_000)

	test('a text file named .pdf, a file over 5 MB and a day ahead are refused beside their field, and nothing is stored', async () => {
		expect(await send({ file: { name: 'ehbo.pdf', bytes: TEXT } })).toEqual({ ok: false, kind: 'invalid', code: 'CERTIFICATE_TYPE', field: 'certificate' })
		const large = new Uint8Array(MAX_CERTIFICATE_BYTES + 1)
		large.set(PDF)
		expect(await send({ file: { name: 'groot.pdf', bytes: large } })).toEqual({ ok: false, kind: 'invalid', code: 'CERTIFICATE_TOO_LARGE', field: 'certificate' })
		expect(await send({ obtainedOn: '2030-05-02' })).toEqual({ ok: false, kind: 'invalid', code: 'CERTIFICATE_DATE_FUTURE', field: 'obtainedOn' })
		expect(await send({ competencyId: randomUUID() })).toEqual({ ok: false, kind: 'invalid', code: 'COMPETENCY_NOT_FOUND', field: 'competencyId' })
		expect(await uploadCount()).toBe(0)
	})

	test('a PDF is stored pending, audited without its content, and shown to the employee; the dot stays red', async () => {
		const sent = await send()
		expect(sent).toMatchObject({ ok: true })
		const uploadId = sent.ok ? sent.value.uploadId : ''
		expect(await listMyCertificates(context(), { actor: employee })).toMatchObject({ ok: true, value: [{ id: uploadId, competencyName: 'Eerste hulp', status: 'pending', obtainedOn: '2030-04-20' }] })
		const file = await openCertificate(context(), { actor: employee, uploadId })
		expect(file.ok && [file.value.contentType, Buffer.from(file.value.content).equals(Buffer.from(PDF))]).toEqual(['application/pdf', true])
		const audits = await auditsOf('passport_upload.create', uploadId)
		expect(audits).toHaveLength(1)
		expect(Object.keys(audits[0]!.after as object).sort()).toEqual(['byteSize', 'competencyId', 'contentType', 'fileName', 'level', 'obtainedOn'])
		expect(await passportOf(f.employee)).toEqual([expect.objectContaining({ status: 'red' })])
	})

	test('sending it in queued one mail, to her manager, saying it awaits review, with a link to the review page; a mail written after the decision sends nothing (see the approval)', async () => {
		const mine = await listMyCertificates(context(), { actor: employee })
		const uploadId = mine.ok ? mine.value[0]!.id : ''
		const jobs = (await listMailJobs(app.db)).filter((job): job is CertificateSubmittedJob => job.kind === 'certificate_submitted')
		expect(jobs).toEqual([expect.objectContaining({ tenantId: f.rvo, uploadId, recipientUserId: f.manager })])
		const delivery = { transport: null, from: 'Leerplein <noreply@leerplein.test>', portalUrl: 'https://leerplein.test' }
		expect(await sendNotification(context(), { actor: { tenantId: f.rvo, userId: null }, delivery, job: jobs[0]! })).toEqual({ ok: true, value: 'kept' })
		const [mail] = await database.asOwner((db) => db.select().from(schema.outboxMails))
		expect([mail!.toAddress, mail!.subject]).toEqual(['manager@rvo.test', 'Certificaat te beoordelen: Eerste hulp van Medewerker RVO'])
		expect(mail!.body).toContain('Uw medewerker Medewerker RVO heeft een certificaat ingestuurd voor Eerste hulp, behaald op za 20 april 2030.')
		expect(mail!.body).toContain('Beoordelen: https://leerplein.test/paspoorten/bewijs')
	})

	test('another unit cannot open or decide on it by id, nor another manager of the unit, nor the employee herself', async () => {
		const mine = await listMyCertificates(context(), { actor: employee })
		const uploadId = mine.ok ? mine.value[0]!.id : ''
		for (const someone of [nvwaCoordinator, otherManager, employee]) {
			expect(await decideCertificate(context(), { actor: someone, uploadId, decision: { kind: 'approve' } })).toEqual({ ok: false, kind: 'not_found', code: 'UPLOAD_NOT_FOUND' })
		}
		expect(await openCertificate(context(), { actor: nvwaCoordinator, uploadId })).toEqual({ ok: false, kind: 'not_found', code: 'UPLOAD_NOT_FOUND' })
		expect(await openCertificate(context(), { actor: otherManager, uploadId })).toEqual({ ok: false, kind: 'not_found', code: 'UPLOAD_NOT_FOUND' })
		expect(await listCertificatesToReview(context(), { actor: nvwaCoordinator })).toEqual({ ok: true, value: [] })
		expect(await listCertificatesToReview(context(), { actor: otherManager })).toEqual({ ok: true, value: [] })
		expect(await listCertificatesToReview(context(), { actor: employee })).toMatchObject({ ok: false, kind: 'forbidden' })
		expect(await passportOf(f.employee)).toEqual([expect.objectContaining({ status: 'red' })])
	})

	test('her manager approves: upload evidence from the day obtained, and the dot is green when the service returns; a second decision is a conflict', async () => {
		const review = await listCertificatesToReview(context(), { actor: manager })
		expect(review).toMatchObject({ ok: true, value: [{ employeeName: 'Medewerker RVO', competencyName: 'Eerste hulp' }] })
		const uploadId = review.ok ? review.value[0]!.id : ''
		expect(await decideCertificate(context(), { actor: manager, uploadId, decision: { kind: 'approve' } })).toEqual({ ok: true, value: { status: 'approved' } })
		// 24 months from 20 April 2030, inclusive.
		expect(await passportOf(f.employee)).toEqual([expect.objectContaining({ status: 'green', validUntil: '2032-04-20' })])
		const evidence = (await database.asOwner((db) => db.select().from(schema.passportEvidence))).filter((row) => row.userId === f.employee)
		expect(evidence).toEqual([expect.objectContaining({ sourceKind: 'upload', sourceRef: uploadId, occurredOn: '2030-04-20', recordedBy: f.manager })])
		const history = await withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => listPassportHistory(tx, { userId: f.employee }))
		expect(history[0]).toMatchObject({ fromStatus: 'red', toStatus: 'green', trigger: 'evidence' })
		const audits = await auditsOf('passport_upload.approve', uploadId)
		expect(audits).toEqual([expect.objectContaining({ actorUserId: f.manager })])
		expect(await decideCertificate(context(), { actor: coordinator, uploadId, decision: { kind: 'reject', reason: 'Te laat' } })).toEqual({ ok: false, kind: 'conflict', code: 'UPLOAD_ALREADY_DECIDED' })
		expect(await listMyCertificates(context(), { actor: employee })).toMatchObject({ ok: true, value: [{ id: uploadId, status: 'approved' }] })
		// A mail about it written only now (its job retried under another key) says nothing: it no longer awaits review.
		const [job] = (await listMailJobs(app.db)).filter((each): each is CertificateSubmittedJob => each.kind === 'certificate_submitted' && each.uploadId === uploadId)
		const delivery = { transport: null, from: 'Leerplein <noreply@leerplein.test>', portalUrl: null }
		expect(await sendNotification(context(), { actor: { tenantId: f.rvo, userId: null }, delivery, job: { ...job!, messageKey: `${job!.messageKey}:later` } })).toEqual({ ok: true, value: 'nothing_to_send' })
	})

	test("the unit's coordinator rejects another upload with a reason the employee reads, and the dot does not move", async () => {
		const sent = await send({ obtainedOn: '2030-04-25', file: { name: 'foto.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) } })
		const uploadId = sent.ok ? sent.value.uploadId : ''
		expect(await decideCertificate(context(), { actor: coordinator, uploadId, decision: { kind: 'reject', reason: 'Het certificaat is onleesbaar.' } })).toEqual({ ok: true, value: { status: 'rejected' } })
		const mine = await listMyCertificates(context(), { actor: employee })
		expect(mine.ok && mine.value.find((row) => row.id === uploadId)).toMatchObject({ status: 'rejected', reason: 'Het certificaat is onleesbaar.' })
		expect(await passportOf(f.employee)).toEqual([expect.objectContaining({ status: 'green', validUntil: '2032-04-20' })])
		const audits = await auditsOf('passport_upload.reject', uploadId)
		expect(audits).toEqual([expect.objectContaining({ actorUserId: f.coordinator })])
	})

	test('the portal role can neither delete an upload nor change a decision', async () => {
		await expect(withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.delete(schema.passportUploads))).rejects.toThrow()
		await expect(withTenantContext(app.db, { tenantId: f.rvo, userId: null }, (tx) => tx.update(schema.passportUploads).set({ status: 'pending', decidedAt: null, reason: null, evidenceId: null }))).rejects.toThrow()
		expect(await uploadCount()).toBe(2)
	})

	test('approving sets the level the evidence carries: the one claimed is proposed, another may be chosen, a level the competency lacks is refused beside the field and changes nothing', async () => {
		const [inspection] = await database.asOwner((db) =>
			db.insert(schema.competencies).values({ name: 'Inspectietechnieken', validityMonths: 36, warningDays: 90, levels: ['Basis', 'Gevorderd', 'Expert'] }).returning({ id: schema.competencies.id }),
		)
		await database.asOwner((db) => db.insert(schema.personRequirements).values({ tenantId: f.rvo, userId: f.employee, competencyId: inspection!.id, introducedOn: '2029-01-01', minLevel: 3 }))
		const sent = await send({ competencyId: inspection!.id, level: 2 })
		const uploadId = sent.ok ? sent.value.uploadId : ''
		const review = await listCertificatesToReview(context(), { actor: manager })
		// The page proposes the level claimed, among the competency's levels.
		expect(review.ok && review.value.find((row) => row.id === uploadId)).toMatchObject({ level: 2, levels: ['Basis', 'Gevorderd', 'Expert'] })
		const evidenceCount = async () => (await database.asOwner((db) => db.select().from(schema.passportEvidence))).length
		const before = await evidenceCount()
		expect(await decideCertificate(context(), { actor: manager, uploadId, decision: { kind: 'approve', level: 4 } })).toEqual({ ok: false, kind: 'invalid', code: 'LEVEL_INVALID', field: 'level' })
		// A level on a competency without levels (first aid).
		const plain = await send({ obtainedOn: '2030-04-21' })
		const plainId = plain.ok ? plain.value.uploadId : ''
		expect(await decideCertificate(context(), { actor: manager, uploadId: plainId, decision: { kind: 'approve', level: 1 } })).toEqual({
			ok: false,
			kind: 'invalid',
			code: 'LEVEL_WITHOUT_LEVELS',
			field: 'level',
		})
		expect(await evidenceCount()).toBe(before)
		expect(await listMyCertificates(context(), { actor: employee })).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: uploadId, status: 'pending' })]) })

		// The manager saw level 3 (Expert) on the certificate: the evidence carries it and the dot needing 3 is green.
		expect(await decideCertificate(context(), { actor: manager, uploadId, decision: { kind: 'approve', level: 3 } })).toEqual({ ok: true, value: { status: 'approved' } })
		const evidence = (await database.asOwner((db) => db.select().from(schema.passportEvidence))).filter((row) => row.sourceRef === uploadId)
		expect(evidence).toEqual([expect.objectContaining({ sourceKind: 'upload', level: 3 })])
		expect((await passportOf(f.employee)).find((dot) => dot.name === 'Inspectietechnieken')).toMatchObject({ status: 'green', level: 3 })
		const [trail] = await auditsOf('passport_upload.approve', uploadId)
		expect(trail!.after).toMatchObject({ level: 3, claimedLevel: 2 })
	})
})

/** RVO with an employee, her manager, another manager and a coordinator; NVWA with a coordinator; a concern requirement for first aid. */
async function plant(database: TestDatabase) {
	const db = database.db
	const { nvwa, rvo } = await insertNvwaAndRvo(db)
	const [manager, otherManager, coordinator, nvwaCoordinator] = await db
		.insert(schema.users)
		.values([
			{ tenantId: rvo, employeeNumber: 'm1', name: 'Manager RVO', email: 'manager@rvo.test' },
			{ tenantId: rvo, employeeNumber: 'm2', name: 'Andere manager RVO', email: 'manager2@rvo.test' },
			{ tenantId: rvo, employeeNumber: 'c1', name: 'Coördinator RVO', email: 'coordinator@rvo.test' },
			{ tenantId: nvwa, employeeNumber: 'c2', name: 'Coördinator NVWA', email: 'coordinator@nvwa.test' },
		])
		.returning({ id: schema.users.id })
	const [employee] = await db
		.insert(schema.users)
		.values({ tenantId: rvo, employeeNumber: 'e1', name: 'Medewerker RVO', email: 'employee@rvo.test', managerId: manager!.id })
		.returning({ id: schema.users.id })
	await db.insert(schema.roleAssignments).values([
		{ userId: manager!.id, role: 'manager', tenantId: rvo },
		{ userId: otherManager!.id, role: 'manager', tenantId: rvo },
		{ userId: coordinator!.id, role: 'coordinator', tenantId: rvo },
		{ userId: nvwaCoordinator!.id, role: 'coordinator', tenantId: nvwa },
	])
	const [competency] = await db.insert(schema.competencies).values({ name: 'Eerste hulp', validityMonths: 24, warningDays: 60 }).returning({ id: schema.competencies.id })
	await db.insert(schema.competencyRequirements).values({ tenantId: null, competencyId: competency!.id, introducedOn: '2029-01-01', graceDays: 30 })
	return { nvwa, rvo, employee: employee!.id, manager: manager!.id, otherManager: otherManager!.id, coordinator: coordinator!.id, nvwaCoordinator: nvwaCoordinator!.id, competency: competency!.id }
}
