import type { Database } from '@leerplein/db'
import { listTenants } from '@leerplein/db/tenants'
import { deleteXapiStatementsStoredBefore, erasePersonXapiStatements, getXapiPrivacyPerson, getXapiSettings, listPersonXapiStatements, saveXapiSettings, searchXapiPrivacyPeople } from '@leerplein/db/xapi'
import { isUuid, pageCount, pageWindow, xapiRetentionFirstKeptDay, type Actor } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { xapiUnitChoice, xapiUnitFor } from './clients.server.ts'
import type { XapiRetentionInput } from './privacy-schema.ts'

// Privacy of a unit's xAPI statements (ADR 039, "Privacy"), on /beheer/xapi-privacy: the unit's
// coordinators (or the concern administrator, for the unit the page names) find an employee, see how
// many statements the store holds about them, export them and erase them, and set how long the unit
// keeps statements; the daily retention job removes older ones. Every verb runs in the unit's own
// tenant context, so forced row-level security, not this code, decides which people and statements exist.

export const PRIVACY_PAGE_SIZE = 10

export type XapiPrivacyPersonView = { id: string; name: string; employeeNumber: string; email: string; statements: number }

export type XapiPrivacyPage = {
	/** Every unit, when the asker may act for any (the concern administrator); null for a coordinator. */
	units: { id: string; name: string }[] | null
	/** The unit acted on; null until the concern administrator chooses one. */
	unit: { id: string; name: string } | null
	retentionMonths: number | null
	query: string
	people: XapiPrivacyPersonView[]
	total: number
	page: number
	pages: number
	/** The person named by `?wis=` (the erasure's confirmation), with their count. */
	erasing: XapiPrivacyPersonView | null
}

/** The unit's retention and one page of its employees matching `query`, each with their statement count. */
export async function showXapiPrivacy(
	ctx: ServiceContext,
	{ actor, unitId, query, page, erasingId }: { actor: Actor; unitId: string | null; query: string; page: number; erasingId: string | null },
): Promise<ServiceResult<XapiPrivacyPage>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	const window = pageWindow(page, PRIVACY_PAGE_SIZE)
	return inTenant(
		ctx,
		{ tenantId: tenantId ?? actor.tenantId, userId: actor.userId },
		async (tx) => {
			const { units: choosable, unit: shown } = await xapiUnitChoice(tx, actor, tenantId)
			if (!tenantId || !shown) return { units: choosable, unit: null, retentionMonths: null, query, people: [], total: 0, page, pages: 0, erasing: null }
			const found = await searchXapiPrivacyPeople(tx, { tenantId, query, limit: window.pageSize, offset: window.offset })
			// Past the last page: no such page, rather than an empty list that looks like "nobody".
			if (found.people.length === 0 && page > 1) throw refusal('not_found', 'PAGE_OUT_OF_RANGE')
			// `?wis=` names an employee of this unit; anyone else (another unit's, or no one) is not found.
			const erasing = erasingId === null ? null : isUuid(erasingId) ? await getXapiPrivacyPerson(tx, { tenantId, personId: erasingId }) : null
			if (erasingId !== null && !erasing) throw refusal('not_found', 'XAPI_PERSON_NOT_FOUND')
			return {
				units: choosable,
				unit: shown,
				retentionMonths: (await getXapiSettings(tx, { tenantId }))?.retentionMonths ?? null,
				query,
				people: found.people,
				total: found.total,
				page,
				pages: pageCount(found.total, PRIVACY_PAGE_SIZE),
				erasing,
			}
		},
		{ readOnly: true },
	)
}

/** The unit the asker acts on for a change: named or their own; none (a concern administrator who chose none) is not found. */
function unitToChange(actor: Actor, unitId: string | null, notFound: 'XAPI_PERSON_NOT_FOUND' | 'UNIT_UNKNOWN'): ServiceResult<string> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	return unit.value ? succeed(unit.value) : refuse('not_found', notFound)
}

export type XapiPersonExport = { person: { name: string; employeeNumber: string }; statements: Record<string, unknown>[] }

/**
 * Every statement the unit's store holds about the employee, as stored (what GET /xapi/statements
 * answers in the `exact` format, voided ones included), oldest stored first; audited with the
 * count only (`xapi.person_exported`), never the content.
 */
export async function exportXapiPersonStatements(
	ctx: ServiceContext,
	{ actor, unitId, personId }: { actor: Actor; unitId: string | null; personId: string },
): Promise<ServiceResult<XapiPersonExport>> {
	return withUnitPerson(ctx, { actor, unitId, personId }, async (tx, tenantId, person) => {
		const statements = await listPersonXapiStatements(tx, { tenantId, personId })
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.person_exported', objectType: 'user', objectId: personId, after: { statements: statements.length } })
		return { person: { name: person.name, employeeNumber: person.employeeNumber }, statements }
	})
}

export type XapiPersonErased = { name: string; statements: number; evidenceLinks: number }

/**
 * Erases every statement of the unit about the employee (hard delete), with their links to passport
 * evidence, in one transaction; the evidence itself stays. Audited (`xapi.person_erased`) with the
 * counts, never the content.
 */
export async function eraseXapiPersonStatements(
	ctx: ServiceContext,
	{ actor, unitId, personId }: { actor: Actor; unitId: string | null; personId: string },
): Promise<ServiceResult<XapiPersonErased>> {
	return withUnitPerson(ctx, { actor, unitId, personId }, async (tx, tenantId, person) => {
		const erased = await erasePersonXapiStatements(tx, { tenantId, personId })
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.person_erased', objectType: 'user', objectId: personId, after: erased })
		return { name: person.name, ...erased }
	})
}

/** Runs `work` in the unit's context for one of its employees; another unit's person (or no one) is not found, and nothing happens. */
async function withUnitPerson<T>(
	ctx: ServiceContext,
	{ actor, unitId, personId }: { actor: Actor; unitId: string | null; personId: string },
	work: (tx: Database, tenantId: string, person: XapiPrivacyPersonView) => Promise<T>,
): Promise<ServiceResult<T>> {
	const unit = unitToChange(actor, unitId, 'XAPI_PERSON_NOT_FOUND')
	if (!unit.ok) return unit
	const tenantId = unit.value
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		const person = await getXapiPrivacyPerson(tx, { tenantId, personId })
		if (!person) throw refusal('not_found', 'XAPI_PERSON_NOT_FOUND')
		return work(tx, tenantId, person)
	})
}

/** Sets how many months the unit keeps statements (null: until erased); audited with before and after. */
export async function saveXapiRetention(
	ctx: ServiceContext,
	{ actor, unitId, input }: { actor: Actor; unitId: string | null; input: XapiRetentionInput },
): Promise<ServiceResult<null>> {
	const unit = unitToChange(actor, unitId, 'UNIT_UNKNOWN')
	if (!unit.ok) return unit
	const tenantId = unit.value
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		// A unit id that names no unit is not found (not a foreign-key failure on the insert).
		await xapiUnitChoice(tx, actor, tenantId)
		const before = (await getXapiSettings(tx, { tenantId }))?.retentionMonths ?? null
		await saveXapiSettings(tx, { tenantId, retentionMonths: input.retentionMonths, updatedAt: ctx.clock.now() })
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.retention.update', objectType: 'xapi_settings', objectId: tenantId, before: { retentionMonths: before }, after: { retentionMonths: input.retentionMonths } })
		return null
	})
}

export type XapiRetentionReport = { units: { tenantId: string; statements: number; evidenceLinks: number }[]; statements: number }

/**
 * The daily retention run (`actor: null`: the schedule): in every unit with a retention, in that
 * unit's own context, deletes the statements stored before the first day it keeps (`now` from the
 * context's clock) with their evidence links; audited per unit when anything was deleted.
 */
export async function applyXapiRetention(ctx: ServiceContext, _input: { actor: null }): Promise<ServiceResult<XapiRetentionReport>> {
	const now = ctx.clock.now()
	const units: XapiRetentionReport['units'] = []
	for (const tenant of await listTenants(ctx.db)) {
		const report = await inTenant(ctx, { tenantId: tenant.id, userId: null }, async (tx) => {
			const months = (await getXapiSettings(tx, { tenantId: tenant.id }))?.retentionMonths ?? null
			if (months === null) return null
			const firstKeptDay = xapiRetentionFirstKeptDay(now, months)
			const deleted = await deleteXapiStatementsStoredBefore(tx, { tenantId: tenant.id, firstKeptDay })
			if (deleted.statements > 0)
				await audit(ctx, tx, { actor: null, tenantId: tenant.id, action: 'xapi.retention_applied', objectType: 'xapi_settings', objectId: tenant.id, after: { retentionMonths: months, storedBefore: firstKeptDay, ...deleted } })
			return deleted
		})
		if (!report.ok) return report
		if (report.value) units.push({ tenantId: tenant.id, ...report.value })
	}
	return succeed({ units, statements: units.reduce((sum, unit) => sum + unit.statements, 0) })
}
