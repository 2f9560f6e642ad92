import { parse } from 'csv-parse/sync'
import { findImportCompetencies, findImportedBefore, findImportPeople, importedKey, insertImportedEvidence, type ImportedEvidence } from '@leerplein/db/passport'
import { amsterdamDate, can, checkImportLevel, checkImportRow, IMPORT_MAX_ROWS, type ImportLevelCode, type ImportRowCode } from '@leerplein/domain'
import { hasControlCharacters } from '../../core/form.server.ts'
import { audit, inTenant, refuse, refusal, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

// Importing another system's history into the unit's passports (issue 15, item 3). A file is
// first checked — every row's outcome shown, nothing stored — and then imported as it was
// checked: the valid rows stored once each, the people's dots recomputed before the transaction
// commits (the evidence trigger), one audit row with the counts.

/** The largest CSV text accepted (about 5,000 rows with long names). */
export const IMPORT_MAX_CHARACTERS = 1_000_000

/** A column's accepted headers, Dutch first: the template names them so. */
const COLUMNS = {
	person: ['medewerker', 'personeelsnummer', 'e-mailadres', 'employee', 'email'],
	competency: ['bekwaamheid', 'competency'],
	date: ['datum', 'behaald op', 'date'],
	/** Optional: the level obtained, on a competency with levels (a number or its name). */
	level: ['niveau', 'level'],
} as const

export type ImportOutcome = ImportRowCode | ImportLevelCode | 'PERSON_NOT_FOUND' | 'COMPETENCY_NOT_FOUND' | 'IMPORTED_BEFORE' | 'DUPLICATE_ROW' | 'OK'

/** `level` as written; `levelNumber` and `levelNames` once the competency is found and the level is one of its own. */
export type ImportRow = {
	line: number
	person: string
	personName: string | null
	competency: string
	date: string
	occurredOn: string | null
	level: string
	levelNumber: number | null
	levelNames: string[]
	outcome: ImportOutcome
}

export type ImportReport = {
	rows: ImportRow[]
	/** Rows that are (or, when checking, would be) stored. */
	valid: number
	refused: number
	/** Set when the import was carried out: how many pieces of evidence are new. */
	imported: number | null
}

type FileCode = 'IMPORT_EMPTY' | 'IMPORT_TOO_LARGE' | 'IMPORT_UNREADABLE' | 'IMPORT_COLUMNS_MISSING' | 'IMPORT_TOO_MANY_ROWS'

type CsvRow = { line: number; person: string; competency: string; date: string; level: string }

function readRows(csv: string): { ok: true; rows: CsvRow[] } | { ok: false; code: FileCode } {
	if (csv.trim() === '') return { ok: false, code: 'IMPORT_EMPTY' }
	if (csv.length > IMPORT_MAX_CHARACTERS) return { ok: false, code: 'IMPORT_TOO_LARGE' }
	// A spreadsheet saved as something else (xlsx, a PDF) is binary, not text.
	if (hasControlCharacters(csv, { multiline: true })) return { ok: false, code: 'IMPORT_UNREADABLE' }
	let records: string[][]
	try {
		// Semicolons (Excel with Dutch settings) or commas; a byte-order mark is dropped.
		records = parse(csv, { bom: true, delimiter: [';', ','], skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][]
	} catch {
		return { ok: false, code: 'IMPORT_UNREADABLE' }
	}
	const [header = [], ...body] = records
	const names = header.map((cell) => cell.toLowerCase())
	const index = (accepted: readonly string[]) => names.findIndex((name) => accepted.includes(name))
	const [person, competency, date, level] = [index(COLUMNS.person), index(COLUMNS.competency), index(COLUMNS.date), index(COLUMNS.level)]
	if (person < 0 || competency < 0 || date < 0) return { ok: false, code: 'IMPORT_COLUMNS_MISSING' }
	if (body.length === 0) return { ok: false, code: 'IMPORT_EMPTY' }
	if (body.length > IMPORT_MAX_ROWS) return { ok: false, code: 'IMPORT_TOO_MANY_ROWS' }
	// Line numbers as a spreadsheet shows them: the header is line 1.
	return {
		ok: true,
		rows: body.map((cells, k) => ({ line: k + 2, person: cells[person] ?? '', competency: cells[competency] ?? '', date: cells[date] ?? '', level: level < 0 ? '' : (cells[level] ?? '') })),
	}
}

/**
 * Checks (`commit` false) or imports (`commit` true) a CSV of evidence into the actor's unit:
 * columns medewerker (employee number or e-mail), bekwaamheid (the competency's name) and datum
 * (the day obtained), and optionally niveau (the level obtained, by number or name, on a competency
 * with levels: a level it lacks, or any level for one without levels, refuses the row). People are found only in the actor's unit; a row naming anyone else is
 * refused as not found. A refused file (empty, too large, no such columns) is a failure beside
 * the file field.
 */
export async function importEvidence(ctx: ServiceContext, { actor, csv, commit }: { actor: Actor; csv: string; commit: boolean }): Promise<ServiceResult<ImportReport>> {
	if (!can(actor, 'create', { kind: 'passport_evidence', tenantId: actor.tenantId, userId: null })) return refuse('forbidden', 'FORBIDDEN')
	const read = readRows(csv)
	if (!read.ok) return refuse('invalid', read.code, { field: 'csv' })
	const today = amsterdamDate(ctx.clock.now())
	return inTenant(ctx, actor, async (tx) => {
		const checked = read.rows.map((row) => ({ row, check: checkImportRow(row, { today }) }))
		const [people, competencies] = await Promise.all([
			findImportPeople(tx, { tenantId: actor.tenantId, keys: checked.filter(({ check }) => check.ok).map(({ row }) => row.person) }),
			findImportCompetencies(tx, { names: checked.filter(({ check }) => check.ok).map(({ row }) => row.competency) }),
		])
		const candidates: (ImportedEvidence & { line: number })[] = []
		const rows: ImportRow[] = checked.map(({ row, check }) => {
			const person = people.get(row.person.trim().toLowerCase())
			const competency = competencies.get(row.competency.trim().toLowerCase())
			const level = competency ? checkImportLevel(row.level, competency.levels) : null
			const outcome: ImportOutcome = !check.ok ? check.code : !person ? 'PERSON_NOT_FOUND' : !competency ? 'COMPETENCY_NOT_FOUND' : !level!.ok ? level!.code : 'OK'
			const occurredOn = check.ok ? check.occurredOn : null
			const levelNumber = level?.ok ? level.level : null
			if (outcome === 'OK') candidates.push({ line: row.line, userId: person!.id, competencyId: competency!.id, occurredOn: occurredOn!, level: levelNumber })
			return { ...row, personName: person?.name ?? null, competency: competency?.name ?? row.competency, occurredOn, levelNumber, levelNames: competency?.levels ?? [], outcome }
		})
		// The same person, competency and day twice in the file, or already imported: said per row.
		const before = await findImportedBefore(tx, { tenantId: actor.tenantId, rows: candidates })
		const seen = new Set<string>()
		const fresh: ImportedEvidence[] = []
		for (const candidate of candidates) {
			const key = importedKey(candidate)
			const row = rows.find((r) => r.line === candidate.line)!
			if (before.has(key)) row.outcome = 'IMPORTED_BEFORE'
			else if (seen.has(key)) row.outcome = 'DUPLICATE_ROW'
			else fresh.push(candidate)
			seen.add(key)
		}
		const report: ImportReport = { rows, valid: fresh.length, refused: rows.filter((row) => row.outcome !== 'OK').length, imported: null }
		if (!commit) return report
		if (fresh.length === 0) throw refusal('conflict', 'IMPORT_NOTHING_NEW', { field: 'csv' })
		report.imported = await insertImportedEvidence(tx, { tenantId: actor.tenantId, rows: fresh, recordedBy: actor.userId })
		await audit(ctx, tx, {
			actor,
			action: 'passport.import',
			objectType: 'passport_evidence',
			objectId: actor.tenantId,
			before: null,
			after: { rows: rows.length, imported: report.imported, refused: report.refused },
		})
		return report
	})
}
