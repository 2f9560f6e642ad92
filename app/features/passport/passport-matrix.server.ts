import {
	countMatrixCompetencies,
	listMatrixCells,
	listMatrixJobProfiles,
	listMatrixPeople,
	MATRIX_SORTS,
	passportOverview,
	type CompetencyCounts,
	type MatrixCell,
	type MatrixScope,
	type MatrixSort,
	type OverviewRow,
} from '@leerplein/db/passport'
import { can, pageCount, pageWindow, type Actor, type Resource } from '@leerplein/domain'
import { gridField } from '../../core/grid-query.server.ts'
import { inTenant, refuse, succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

// The passports of many people (issue 15, item 5): the manager's team and the coordinator's unit
// as one matrix of people × competencies, filtered, sorted and paged by the database, with counts
// per competency, and the same rows as a file; the concern administrator's overview of counts.

export const MATRIX_PAGE_SIZE = 50

/** Whose passports: `team` (the people the actor manages) or `unit` (everyone in the actor's unit). */
export type MatrixScopeName = 'team' | 'unit'

/** The matrix's filters as the query string names them. */
export const MATRIX_FILTERS = {
	wie: gridField.choice(['team', 'eenheid']),
	q: gridField.text,
	bekwaamheid: gridField.id,
	stand: gridField.choice(['red', 'orange', 'green']),
	functie: gridField.id,
}
export type MatrixFilters = { wie?: 'team' | 'eenheid'; q?: string; bekwaamheid?: string; stand?: 'red' | 'orange' | 'green'; functie?: string }
export { MATRIX_SORTS }

/** The scopes the actor may open, the unit first (a coordinator who also manages sees both). */
export function matrixScopesOf(actor: Actor): MatrixScopeName[] {
	return (['unit', 'team'] as const).filter((scope) => can(actor, 'read', { kind: 'passport_matrix', tenantId: actor.tenantId, scope }))
}

/** The scope asked for (`?wie=`), else the first the actor may open; null when they may open none of it. */
export function chooseMatrixScope(actor: Actor, asked: MatrixFilters['wie']): MatrixScopeName | null {
	const scopes = matrixScopesOf(actor)
	const wanted = asked === 'team' ? 'team' : asked === 'eenheid' ? 'unit' : scopes[0]
	return wanted && scopes.includes(wanted) ? wanted : null
}

/**
 * The route guard's resource: the scope `?wie=` asks for, or the actor's first. Asking for a scope
 * the actor may not open (or having none) names that scope, so the guard refuses it.
 */
export function askedMatrix(url: URL) {
	const asked = url.searchParams.get('wie')
	const wie = asked === 'team' || asked === 'eenheid' ? asked : undefined
	return (actor: Actor): Resource => ({ kind: 'passport_matrix', tenantId: actor.tenantId, scope: chooseMatrixScope(actor, wie) ?? (wie === 'team' ? 'team' : 'unit') })
}

export type MatrixRow = { id: string; name: string; jobProfile: string | null; red: number; orange: number; cells: Record<string, Omit<MatrixCell, 'userId' | 'competencyId'>> }

export type PassportMatrix = {
	scope: MatrixScopeName
	scopes: MatrixScopeName[]
	/** The columns: every competency someone in the scope needs or holds, with its counts (only the chosen one when filtered). */
	competencies: CompetencyCounts[]
	/** Every competency of the scope, for the filter. */
	allCompetencies: CompetencyCounts[]
	jobProfiles: { id: string; name: string }[]
	rows: MatrixRow[]
	total: number
	page: number
	pages: number
}

function toScope(actor: Actor, scope: MatrixScopeName): MatrixScope {
	return { tenantId: actor.tenantId, managerId: scope === 'team' ? actor.userId : null }
}

function toFilter(filters: MatrixFilters) {
	return { search: filters.q, competencyId: filters.bekwaamheid, status: filters.stand, jobProfileId: filters.functie }
}

/**
 * One page of the matrix of the actor's team or unit. `page` null: every row (the export). A
 * manager's team is the people whose manager they are, in their own unit; the unit is the
 * coordinator's. Row-level security keeps every read inside the actor's unit.
 */
export async function showPassportMatrix(
	ctx: ServiceContext,
	{ actor, scope, filters, sort, page }: { actor: Actor; scope: MatrixScopeName; filters: MatrixFilters; sort: { id: MatrixSort; desc: boolean }; page: number | null },
): Promise<ServiceResult<PassportMatrix>> {
	if (!can(actor, 'read', { kind: 'passport_matrix', tenantId: actor.tenantId, scope })) return refuse('forbidden', 'FORBIDDEN')
	const where = toScope(actor, scope)
	const window = page === null ? null : pageWindow(page, MATRIX_PAGE_SIZE)
	return inTenant(ctx, actor, async (tx) => {
		const [people, allCompetencies, jobProfiles] = await Promise.all([
			// A page: the people with their dots in one statement; the export (every row): the dots apart.
			listMatrixPeople(tx, { scope: where, filter: toFilter(filters), sort: sort.id, direction: sort.desc ? 'desc' : 'asc', limit: window?.pageSize ?? null, offset: window?.offset ?? 0, withCells: window !== null }),
			countMatrixCompetencies(tx, { scope: where }),
			listMatrixJobProfiles(tx, { scope: where }),
		])
		const cells = window !== null ? people.rows.flatMap((row) => row.cells ?? []) : await listMatrixCells(tx, { tenantId: actor.tenantId, userIds: people.rows.map((row) => row.id), competencyId: filters.bekwaamheid })
		const byPerson = new Map<string, MatrixRow['cells']>()
		for (const { userId, competencyId, status, validUntil, permanent } of cells) {
			let row = byPerson.get(userId)
			if (!row) byPerson.set(userId, (row = {}))
			row[competencyId] = { status, validUntil, permanent }
		}
		return {
			scope,
			scopes: matrixScopesOf(actor),
			competencies: filters.bekwaamheid ? allCompetencies.filter((competency) => competency.id === filters.bekwaamheid) : allCompetencies,
			allCompetencies,
			jobProfiles,
			rows: people.rows.map((person) => ({ id: person.id, name: person.name, jobProfile: person.jobProfile, red: person.red, orange: person.orange, cells: byPerson.get(person.id) ?? {} })),
			total: people.total,
			page: page ?? 1,
			pages: pageCount(people.total, MATRIX_PAGE_SIZE),
		}
	}, { readOnly: true })
}

type Counts = { red: number; orange: number; green: number }

export type PassportOverview = {
	/** Per unit: its active people and its dots summed over the competencies. */
	units: (Counts & { id: string; name: string; people: number })[]
	/** Per competency, over all units or over the one chosen. */
	competencies: (Counts & { id: string; name: string })[]
	unitId: string | null
}

function add(into: Counts, row: Counts) {
	into.red += row.red
	into.orange += row.orange
	into.green += row.green
}

/**
 * The concern administrator's overview: per unit, and per competency (of all units, or of
 * `unitId`), the number of red, orange and green dots; never people (the database function
 * returns counts only).
 */
export async function showPassportOverview(ctx: ServiceContext, { actor, unitId }: { actor: Actor; unitId: string | null }): Promise<ServiceResult<PassportOverview>> {
	if (!can(actor, 'read', { kind: 'passport_overview' })) return refuse('forbidden', 'FORBIDDEN')
	const read = await inTenant(ctx, actor, (tx) => passportOverview(tx))
	if (!read.ok) return read
	const rows: OverviewRow[] = read.value
	const units = new Map<string, PassportOverview['units'][number]>()
	const competencies = new Map<string, PassportOverview['competencies'][number]>()
	for (const row of rows) {
		const unit = units.get(row.tenantId) ?? { id: row.tenantId, name: row.unitName, people: row.people, red: 0, orange: 0, green: 0 }
		add(unit, row)
		units.set(row.tenantId, unit)
		if (unitId && row.tenantId !== unitId) continue
		const competency = competencies.get(row.competencyId) ?? { id: row.competencyId, name: row.competencyName, red: 0, orange: 0, green: 0 }
		add(competency, row)
		competencies.set(row.competencyId, competency)
	}
	return succeed({
		units: [...units.values()],
		competencies: [...competencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
		unitId: unitId && units.has(unitId) ? unitId : null,
	})
}
