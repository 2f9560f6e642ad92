import {
	amsterdamDate,
	passportStatus as computeStatus,
	sameStatus,
	type CalendarDate,
	type Competency,
	type PassportCause,
	type PassportColour,
	type PassportEvidence,
	type PassportRequirement,
	type PassportStatus,
	type RenewalBasis,
} from '@leerplein/domain'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { competencies, courseCompetencies, passportStatus, passportStatusHistory } from '../schema/passport.ts'

// The passport's statuses as stored: recomputed from the facts with the domain rule, changes
// written with a history row naming their cause. One function serves one person (after new
// evidence, in the same transaction), a unit (the nightly consistency check) and the seed.

export type RecomputeTrigger = 'evidence' | 'calendar' | 'requirement' | 'consistency'

export type RecomputeReport = {
	/** Person × competency cells looked at. */
	cells: number
	/** Cells whose stored status changed. */
	changed: number
	/** Changes the calendar explains (the stored status said it would change by today). */
	calendar: number
	/** Changes nothing explains: a stored status that was wrong. Expected 0. */
	drift: number
}

/** One person × competency: what binds them, what they hold, and what is stored. */
type Cell = { requirements: PassportRequirement[]; evidence: PassportEvidence[]; stored: PassportStatus | null }

type RequirementRow = { competencyId: string; requirement: PassportRequirement }

const dateText = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value))

/**
 * Recomputes the statuses of one unit's people (all, or `userIds`) on `today` and stores what
 * changed, with history. Runs in the unit's context: every row it reads and writes is the unit's
 * (and the concern's competencies and requirements). `trigger` names the cause in the history
 * of changes the calendar does not explain; a change the calendar explains is recorded as such.
 */
export async function recomputePassports(
	db: Database,
	{ tenantId, userIds, today, trigger }: { tenantId: string; userIds?: readonly string[]; today: CalendarDate; trigger: RecomputeTrigger },
): Promise<RecomputeReport> {
	if (userIds && userIds.length === 0) return { cells: 0, changed: 0, calendar: 0, drift: 0 }
	const personFilter = (column: string) => (userIds ? sql`and ${sql.raw(column)} = any(${pgUuids(userIds)})` : sql``)

	// The people with their job profile and the requirements that can apply in the unit (the
	// concern's and its own, a few hundred), matched per person here rather than one row per
	// person × requirement; the evidence and the stored dots as rows (JSON built per person cost
	// the database more than it saved here). Issued together, so the database works on the next
	// while this process reads the previous (a whole unit is up to ~145,000 cells).
	const [peopleRows, requirementRows, personRequirementRows, evidenceRows, storedRows] = await Promise.all([
		selectRows<{ id: string; job_profile_id: string | null; job_profile_name: string | null }>(
			db,
			sql`select u.id, u.job_profile_id, jp.name as job_profile_name from users u left join job_profiles jp on jp.id = u.job_profile_id
				where u.tenant_id = ${tenantId} and u.active ${personFilter('u.id')}`,
		),
		selectRows<{ id: string; tenant_id: string | null; competency_id: string; job_profile_id: string | null; job_profile_name: string | null; introduced_on: unknown; grace_days: number; min_level: number | null }>(
			db,
			sql`select r.id, r.tenant_id, r.competency_id, r.job_profile_id, r.job_profile_name, r.introduced_on, r.grace_days, r.min_level
				from competency_requirements r where r.active and (r.tenant_id is null or r.tenant_id = ${tenantId})`,
		),
		selectRows<{ user_id: string; competency_id: string; id: string; introduced_on: unknown; grace_days: number; min_level: number | null }>(
			db,
			sql`select p.user_id, p.competency_id, p.id, p.introduced_on, p.grace_days, p.min_level
				from person_requirements p where p.tenant_id = ${tenantId} and p.active ${personFilter('p.user_id')}`,
		),
		selectRows<{ user_id: string; competency_id: string; id: string; occurred_on: unknown; superseded: boolean; revoked: boolean; level: number | null }>(
			db,
			sql`select e.user_id, e.competency_id, e.id, e.occurred_on, e.superseded_by is not null as superseded, e.revoked_at is not null as revoked, e.level
				from passport_evidence e where e.tenant_id = ${tenantId} ${personFilter('e.user_id')}`,
		),
		selectRows<{ user_id: string; competency_id: string; status: PassportColour; valid_until: unknown; permanent: boolean; next_change_on: unknown; level: number | null; cause: PassportCause }>(
			db,
			sql`select s.user_id, s.competency_id, s.status, s.valid_until, s.permanent, s.next_change_on, s.level, s.cause
				from passport_status s where s.tenant_id = ${tenantId} ${personFilter('s.user_id')}`,
		),
	])

	// The cells, per person and competency: a key of two ids joined would be a new long string
	// to hash for every lookup, ~3 million times for the nine units.
	const people = new Map<string, Map<string, Cell>>()
	const cellOf = (userId: string, competencyId: string): Cell => {
		let row = people.get(userId)
		if (!row) people.set(userId, (row = new Map()))
		let cell = row.get(competencyId)
		if (!cell) row.set(competencyId, (cell = { requirements: [], evidence: [], stored: null }))
		return cell
	}
	// Who a requirement binds (ADR 031): the concern's for everyone or for the job profiles of its
	// name, the unit's for everyone or for one of its job profiles (a check keeps the scopes apart).
	const concernForAll: RequirementRow[] = []
	const concernByName = new Map<string, RequirementRow[]>()
	const unitForAll: RequirementRow[] = []
	const unitByProfile = new Map<string, RequirementRow[]>()
	const add = <K>(map: Map<K, RequirementRow[]>, key: K, row: RequirementRow) => {
		const list = map.get(key)
		if (list) list.push(row)
		else map.set(key, [row])
	}
	for (const row of requirementRows) {
		const requirement = { competencyId: row.competency_id, requirement: { id: row.id, introducedOn: dateText(row.introduced_on)!, graceDays: row.grace_days, minLevel: row.min_level } }
		if (row.tenant_id === null) {
			if (row.job_profile_name === null) concernForAll.push(requirement)
			else add(concernByName, row.job_profile_name, requirement)
		} else if (row.job_profile_id === null) unitForAll.push(requirement)
		else add(unitByProfile, row.job_profile_id, requirement)
	}
	for (const person of peopleRows) {
		for (const scope of [
			concernForAll,
			person.job_profile_name === null ? undefined : concernByName.get(person.job_profile_name),
			unitForAll,
			person.job_profile_id === null ? undefined : unitByProfile.get(person.job_profile_id),
		]) {
			for (const { competencyId, requirement } of scope ?? []) cellOf(person.id, competencyId).requirements.push(requirement)
		}
	}
	for (const row of personRequirementRows) {
		cellOf(row.user_id, row.competency_id).requirements.push({ id: row.id, introducedOn: dateText(row.introduced_on)!, graceDays: row.grace_days, minLevel: row.min_level })
	}
	for (const row of evidenceRows) {
		cellOf(row.user_id, row.competency_id).evidence.push({ id: row.id, occurredOn: dateText(row.occurred_on)!, superseded: row.superseded, revoked: row.revoked, level: row.level })
	}
	for (const row of storedRows) {
		cellOf(row.user_id, row.competency_id).stored = {
			status: row.status,
			validUntil: dateText(row.valid_until),
			permanent: row.permanent,
			nextChangeOn: dateText(row.next_change_on),
			level: row.level,
			cause: row.cause,
		}
	}

	const competencyIds = new Set<string>()
	let cellCount = 0
	for (const row of people.values()) {
		cellCount += row.size
		for (const competencyId of row.keys()) competencyIds.add(competencyId)
	}
	const competencyById = new Map<string, Competency>()
	if (competencyIds.size > 0) {
		const rows = await db
			.select({
				id: competencies.id,
				validityMonths: competencies.validityMonths,
				warningDays: competencies.warningDays,
				renewalBasis: competencies.renewalBasis,
				levelCount: sql<number>`cardinality(${competencies.levels})`.mapWith(Number),
			})
			.from(competencies)
			.where(inArray(competencies.id, [...competencyIds]))
		for (const row of rows) competencyById.set(row.id, { ...row, renewalBasis: row.renewalBasis as RenewalBasis })
	}

	const report: RecomputeReport = { cells: cellCount, changed: 0, calendar: 0, drift: 0 }
	const upserts: (typeof passportStatus.$inferInsert)[] = []
	const history: (typeof passportStatusHistory.$inferInsert)[] = []
	for (const [userId, row] of people) {
		for (const [competencyId, cell] of row) {
			const competency = competencyById.get(competencyId)
			if (!competency) continue
			const next = computeStatus(competency, cell.requirements, cell.evidence, { today })
			const before = cell.stored ?? undefined
			if (before && sameStatus(before, next)) continue
			// Nothing stored and nothing to show: no row for a competency the person neither needs nor holds.
			if (!before && next.status === 'not_required' && next.cause.kind === 'not_required' && next.cause.evidenceId === null && next.validUntil === null) continue
			report.changed++
			const byCalendar = before?.nextChangeOn != null && before.nextChangeOn <= today
			if (byCalendar) report.calendar++
			else if (trigger === 'consistency') report.drift++
			upserts.push({
				tenantId,
				userId,
				competencyId,
				status: next.status,
				validUntil: next.validUntil,
				permanent: next.permanent,
				nextChangeOn: next.nextChangeOn,
				level: next.level ?? null,
				cause: next.cause,
				computedOn: today,
			})
			if (before?.status !== next.status || before.validUntil !== next.validUntil || before.cause.kind !== next.cause.kind) {
				history.push({
					tenantId,
					userId,
					competencyId,
					fromStatus: before?.status ?? null,
					toStatus: next.status,
					validUntil: next.validUntil,
					cause: next.cause,
					trigger: byCalendar ? 'calendar' : trigger,
					changedOn: today,
				})
			}
		}
	}
	for (let start = 0; start < upserts.length; start += 1000) {
		await db
			.insert(passportStatus)
			.values(upserts.slice(start, start + 1000))
			.onConflictDoUpdate({
				target: [passportStatus.userId, passportStatus.competencyId],
				set: {
					status: sql`excluded.status`,
					validUntil: sql`excluded.valid_until`,
					permanent: sql`excluded.permanent`,
					nextChangeOn: sql`excluded.next_change_on`,
					level: sql`excluded.level`,
					cause: sql`excluded.cause`,
					computedOn: sql`excluded.computed_on`,
					updatedAt: sql`now()`,
				},
			})
	}
	for (let start = 0; start < history.length; start += 1000) {
		await db.insert(passportStatusHistory).values(history.slice(start, start + 1000))
	}
	return report
}

/**
 * The nightly check's second half: the context unit's summaries (each person's counts and first
 * expiry, the counts per competency; kept by triggers beside the dots, migration 0047) counted
 * again from its dots; rows that differ are corrected and counted (drift, expected 0).
 */
export async function repairPassportSummaries(db: Database): Promise<number> {
	const [row] = await selectRows<{ fixed: number }>(db, sql`select passport_repair_summaries() as fixed`)
	return Number(row?.fixed ?? 0)
}

function pgUuids(ids: readonly string[]) {
	return sql`${`{${ids.join(',')}}`}::uuid[]`
}

/**
 * Recomputes, before the transaction commits, everyone whose evidence changed in it (the
 * `passport_pending` marks the evidence trigger leaves). Their unit may not be the context's:
 * a providing unit registers attendance of another unit's employee, so each person is
 * recomputed in their own unit's signed context. Must be the transaction's last step: it leaves
 * the context at the last unit it entered.
 */
export async function settlePassports(
	db: Database,
	{ now, currentTenantId, enterUnit }: { now: Date; currentTenantId: string | null; enterUnit: (tenantId: string) => Promise<void> },
): Promise<number> {
	const pending = await selectRows<{ tenant_id: string; user_id: string }>(db, sql`delete from passport_pending returning tenant_id, user_id`)
	if (pending.length === 0) return 0
	const byUnit = new Map<string, string[]>()
	for (const row of pending) byUnit.set(row.tenant_id, [...(byUnit.get(row.tenant_id) ?? []), row.user_id])
	const today = amsterdamDate(now)
	let current = currentTenantId
	for (const [tenantId, userIds] of byUnit) {
		if (tenantId !== current) {
			await enterUnit(tenantId)
			current = tenantId
		}
		await recomputePassports(db, { tenantId, userIds, today, trigger: 'evidence' })
	}
	return pending.length
}

/** One person's dots with their competency, for the passport page. */
export async function listPassport(db: Database, { userId }: { userId: string }) {
	return db
		.select({
			competencyId: passportStatus.competencyId,
			name: competencies.name,
			description: competencies.description,
			status: passportStatus.status,
			validUntil: passportStatus.validUntil,
			permanent: passportStatus.permanent,
			level: passportStatus.level,
			levels: competencies.levels,
			cause: passportStatus.cause,
			tenantId: passportStatus.tenantId,
		})
		.from(passportStatus)
		.innerJoin(competencies, eq(competencies.id, passportStatus.competencyId))
		.where(eq(passportStatus.userId, userId))
		.orderBy(competencies.name)
}

/** The history of one person's dots, newest first. */
export async function listPassportHistory(db: Database, { userId, limit = 100 }: { userId: string; limit?: number }) {
	return db
		.select({
			competencyId: passportStatusHistory.competencyId,
			name: competencies.name,
			levels: competencies.levels,
			fromStatus: passportStatusHistory.fromStatus,
			toStatus: passportStatusHistory.toStatus,
			validUntil: passportStatusHistory.validUntil,
			cause: passportStatusHistory.cause,
			trigger: passportStatusHistory.trigger,
			changedOn: passportStatusHistory.changedOn,
			changedAt: passportStatusHistory.changedAt,
		})
		.from(passportStatusHistory)
		.innerJoin(competencies, eq(competencies.id, passportStatusHistory.competencyId))
		.where(and(eq(passportStatusHistory.userId, userId)))
		.orderBy(sql`${passportStatusHistory.changedAt} desc, ${passportStatusHistory.id} desc`)
		.limit(limit)
}

export type CompetencyRow = {
	id: string
	name: string
	description: string
	validityMonths: number | null
	warningDays: number
	renewalBasis: RenewalBasis
	/** Level names, lowest first; empty: no levels. */
	levels: string[]
	active: boolean
}

export type CompetencyValues = Omit<CompetencyRow, 'id'>

/** The concern's competencies, by name. Public to read. */
export async function listCompetencies(db: Database): Promise<CompetencyRow[]> {
	return db
		.select({
			id: competencies.id,
			name: competencies.name,
			description: competencies.description,
			validityMonths: competencies.validityMonths,
			warningDays: competencies.warningDays,
			renewalBasis: competencies.renewalBasis,
			levels: competencies.levels,
			active: competencies.active,
		})
		.from(competencies)
		.orderBy(competencies.name)
}

/**
 * Adds a competency (`id` null) or changes one. Row-level security admits only a concern
 * administrator: for anyone else an insert fails and an update changes nothing (not found).
 * A name already taken fails with 23505, for the service to place beside the name.
 */
export async function saveCompetency(
	db: Database,
	{ id, values, actorId }: { id: string | null; values: CompetencyValues; actorId: string },
): Promise<{ ok: true; id: string; before: CompetencyRow | null } | { ok: false; code: 'COMPETENCY_NOT_FOUND' | 'COMPETENCY_LEVELS_REMOVED' }> {
	if (id === null) {
		const [row] = await db.insert(competencies).values({ ...values, updatedBy: actorId }).returning({ id: competencies.id })
		return { ok: true, id: row!.id, before: null }
	}
	const [before] = (await listCompetencies(db)).filter((row) => row.id === id)
	if (!before) return { ok: false, code: 'COMPETENCY_NOT_FOUND' }
	// Levels are renamed or added, never removed (the table's trigger stands behind this).
	if (values.levels.length < before.levels.length) return { ok: false, code: 'COMPETENCY_LEVELS_REMOVED' }
	const rows = await db
		.update(competencies)
		.set({ ...values, updatedBy: actorId, updatedAt: sql`now()` })
		.where(eq(competencies.id, id))
		.returning({ id: competencies.id })
	return rows.length > 0 ? { ok: true, id, before } : { ok: false, code: 'COMPETENCY_NOT_FOUND' }
}

/** `grantsLevel`: the level it grants, on a competency with levels; null: the lowest. */
export type GrantingCourse = {
	competencyId: string
	courseId: string
	title: string
	grantsLevel: number | null
	nextSessionId: string | null
	nextSessionStartsAt: Date | null
	/** Whether the next session is the viewer's own unit's (its coordinators may add a person to it). */
	nextSessionOfViewerUnit: boolean
}

/**
 * The published courses the viewer's unit may see that grant these competencies, each with its
 * next planned session: what a red or orange dot suggests. Visibility is the catalogue's rule
 * (the courses' policies are the second wall).
 */
export async function listCoursesGranting(
	db: Database,
	{ competencyIds, viewerTenantId, now }: { competencyIds: readonly string[]; viewerTenantId: string; now: Date },
): Promise<GrantingCourse[]> {
	if (competencyIds.length === 0) return []
	const rows = await selectRows<{ competency_id: string; course_id: string; title: string; grants_level: number | null; next_session_id: string | null; next_starts_at: Date | string | null; next_of_viewer_unit: boolean | null }>(
		db,
		sql`select cc.competency_id, c.id as course_id, c.title, cc.grants_level, next.id as next_session_id, next.starts_at as next_starts_at,
				next.tenant_id = ${viewerTenantId} as next_of_viewer_unit
			from course_competencies cc
			join courses c on c.id = cc.course_id
			left join lateral (
				select s.id, s.starts_at, s.tenant_id from sessions s
				where s.course_id = c.id and s.status = 'planned' and s.starts_at > ${now.toISOString()}::timestamptz
				order by s.starts_at limit 1
			) next on true
			where cc.competency_id = any(${pgUuids(competencyIds)}) and c.status = 'published'
				and (c.visibility = 'concern' or c.provider_tenant_id = ${viewerTenantId}
					or exists (select 1 from course_audiences a where a.course_id = c.id and a.tenant_id = ${viewerTenantId}))
			order by next.starts_at nulls last, c.title`,
	)
	return rows.map((row) => ({
		competencyId: row.competency_id,
		courseId: row.course_id,
		title: row.title,
		grantsLevel: row.grants_level,
		nextSessionId: row.next_session_id,
		nextSessionStartsAt: row.next_starts_at === null ? null : new Date(row.next_starts_at),
		nextSessionOfViewerUnit: row.next_of_viewer_unit === true,
	}))
}

/**
 * A competency a course grants, with the LTI score (percent of its maximum) that grants it (null:
 * attendance or completion does) and the level it grants on a competency with levels (null: the lowest).
 */
export type CourseGrant = { competencyId: string; minScorePercent: number | null; grantsLevel?: number | null }

/** What a course grants, in competency id order. */
export async function listCourseGrants(db: Database, { courseId }: { courseId: string }): Promise<CourseGrant[]> {
	return db
		.select({ competencyId: courseCompetencies.competencyId, minScorePercent: courseCompetencies.minScorePercent, grantsLevel: courseCompetencies.grantsLevel })
		.from(courseCompetencies)
		.where(eq(courseCompetencies.courseId, courseId))
		.orderBy(asc(courseCompetencies.competencyId))
}

/**
 * Sets the competencies a course grants and their minimum scores (the providing unit's; the
 * policies refuse another unit's course). Evidence already earned stays: a link counts for
 * completions and scores from now on.
 */
export async function replaceCourseCompetencies(db: Database, { courseId, grants }: { courseId: string; grants: readonly CourseGrant[] }): Promise<void> {
	await db.delete(courseCompetencies).where(eq(courseCompetencies.courseId, courseId))
	if (grants.length > 0) {
		await db.insert(courseCompetencies).values(grants.map(({ competencyId, minScorePercent, grantsLevel }) => ({ courseId, competencyId, minScorePercent, grantsLevel: grantsLevel ?? null })))
	}
}
