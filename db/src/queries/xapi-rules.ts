import type { RuleStatement } from '@leerplein/domain'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { competencies, passportStatus } from '../schema/passport.ts'
import { users } from '../schema/people.ts'
import { xapiEvidenceRules } from '../schema/xapi.ts'

// Statements that count (ADR 039): a unit's rules, the statements they read, the evidence they
// write with the statements it rests on. All in the unit's tenant context.

export type XapiEvidenceRuleRow = typeof xapiEvidenceRules.$inferSelect
export type NewXapiEvidenceRule = Omit<typeof xapiEvidenceRules.$inferInsert, 'id' | 'active' | 'createdAt' | 'updatedAt'>

/** The unit's rules with their competency's name, active first, then by name. */
export async function listXapiEvidenceRules(db: Database, { tenantId }: { tenantId: string }): Promise<(XapiEvidenceRuleRow & { competencyName: string; competencyLevels: string[] })[]> {
	const rows = await db
		.select({ rule: xapiEvidenceRules, competencyName: competencies.name, competencyLevels: competencies.levels })
		.from(xapiEvidenceRules)
		.innerJoin(competencies, eq(competencies.id, xapiEvidenceRules.competencyId))
		.where(eq(xapiEvidenceRules.tenantId, tenantId))
		.orderBy(sql`${xapiEvidenceRules.active} desc`, asc(xapiEvidenceRules.name), asc(xapiEvidenceRules.id))
	return rows.map((row) => ({ ...row.rule, competencyName: row.competencyName, competencyLevels: row.competencyLevels }))
}

export async function getXapiEvidenceRule(db: Database, { tenantId, ruleId }: { tenantId: string; ruleId: string }): Promise<XapiEvidenceRuleRow | null> {
	const [row] = await db.select().from(xapiEvidenceRules).where(and(eq(xapiEvidenceRules.tenantId, tenantId), eq(xapiEvidenceRules.id, ruleId)))
	return row ?? null
}

/** The unit's active rules (served by the index on unit and active). */
export async function listActiveXapiEvidenceRules(db: Database, { tenantId }: { tenantId: string }): Promise<XapiEvidenceRuleRow[]> {
	return db.select().from(xapiEvidenceRules).where(and(eq(xapiEvidenceRules.tenantId, tenantId), eq(xapiEvidenceRules.active, true)))
}

export async function insertXapiEvidenceRule(db: Database, rule: NewXapiEvidenceRule): Promise<XapiEvidenceRuleRow> {
	const [row] = await db.insert(xapiEvidenceRules).values(rule).returning()
	return row!
}

/** Switches a rule on or off when it is not so already; null when nothing changed (not found, or already so). */
export async function setXapiEvidenceRuleActive(db: Database, { tenantId, ruleId, active, now }: { tenantId: string; ruleId: string; active: boolean; now: Date }): Promise<XapiEvidenceRuleRow | null> {
	const [row] = await db
		.update(xapiEvidenceRules)
		.set({ active, updatedAt: now })
		.where(and(eq(xapiEvidenceRules.tenantId, tenantId), eq(xapiEvidenceRules.id, ruleId), eq(xapiEvidenceRules.active, !active)))
		.returning()
	return row ?? null
}

/** The result fields a rule reads (and the passport shows) from a statement `s`'s JSON, typed or null. */
const resultColumns = sql.raw(`case when jsonb_typeof(s.statement -> 'result' -> 'success') = 'boolean' then (s.statement -> 'result' ->> 'success')::boolean end as success,
	case when jsonb_typeof(s.statement -> 'result' -> 'score' -> 'scaled') = 'number' then (s.statement -> 'result' -> 'score' ->> 'scaled')::float8 end as scaled,
	case when jsonb_typeof(s.statement -> 'result' -> 'score' -> 'raw') = 'number' then (s.statement -> 'result' -> 'score' ->> 'raw')::float8 end as raw`)

/** A matched, unvoided statement as a rule reads it (domain `RuleStatement`), with its person. */
export type RuleStatementRow = RuleStatement & { personId: string }

/**
 * In one query: the unit's matched, unvoided statements with one of `verbIds`, of `personIds`
 * (null: everyone, for a preview or a rule switched on), with the fields a rule reads from the JSON.
 */
export async function listRuleStatements(db: Database, { tenantId, verbIds, personIds }: { tenantId: string; verbIds: string[]; personIds: string[] | null }): Promise<RuleStatementRow[]> {
	if (verbIds.length === 0 || personIds?.length === 0) return []
	const people = personIds === null ? sql`s.person_id is not null` : sql`s.person_id = any(${sql.param(personIds)}::uuid[])`
	const rows = await selectRows<{ person_id: string; id: string; verb_id: string; activity_id: string | null; activity_type: string | null; success: boolean | null; scaled: number | null; raw: number | null; timestamp: Date | string }>(
		db,
		sql`select s.person_id, s.id, s.verb_id, s.activity_id,
				case when jsonb_typeof(s.statement -> 'object' -> 'definition' -> 'type') = 'string' then s.statement -> 'object' -> 'definition' ->> 'type' end as activity_type,
				${resultColumns},
				s.timestamp
			from xapi_statements s
			where s.tenant_id = ${tenantId} and ${people} and not s.voided and s.verb_id = any(${sql.param(verbIds)}::text[])`,
	)
	return rows.map((row) => ({
		personId: row.person_id,
		id: row.id,
		verbId: row.verb_id,
		activityId: row.activity_id,
		activityType: row.activity_type,
		success: row.success,
		scaled: row.scaled === null ? null : Number(row.scaled),
		raw: row.raw === null ? null : Number(row.raw),
		timestamp: new Date(row.timestamp),
		voided: false,
	}))
}

export type RuleEvidence = { tenantId: string; userId: string; competencyId: string; ruleId: string; level: number | null; sourceRef: string; occurredAt: Date; statementIds: string[] }

/**
 * Writes the pieces of evidence (source `xapi_statement`, dated by the completing statement's
 * Amsterdam day) and their statements in two set-based statements; a piece already written
 * (`passport_evidence_once`) writes nothing. Answers how many pieces were new. The evidence
 * trigger marks the people; the context helper settles their dots before the commit.
 */
export async function insertRuleEvidence(db: Database, { evidence, recordedBy }: { evidence: RuleEvidence[]; recordedBy: string | null }): Promise<number> {
	if (evidence.length === 0) return 0
	const rows = await selectRows<{ inserted: number }>(
		db,
		sql`with pieces as (
				select * from jsonb_to_recordset(${JSON.stringify(evidence)}::jsonb)
					as p("tenantId" uuid, "userId" uuid, "competencyId" uuid, "ruleId" uuid, level int, "sourceRef" text, "occurredAt" timestamptz, "statementIds" jsonb)
			), inserted as (
				insert into passport_evidence (id, tenant_id, user_id, competency_id, source_kind, source_ref, occurred_at, occurred_on, level, recorded_by)
				select gen_random_uuid(), p."tenantId", p."userId", p."competencyId", 'xapi_statement', p."sourceRef", p."occurredAt", (p."occurredAt" at time zone 'Europe/Amsterdam')::date, p.level, ${recordedBy}::uuid
				from pieces p
				on conflict on constraint passport_evidence_once do nothing
				returning id, tenant_id, user_id, competency_id, source_ref
			), linked as (
				insert into passport_evidence_statements (tenant_id, evidence_id, statement_id, rule_id)
				select i.tenant_id, i.id, ids.statement_id::uuid, p."ruleId"
				from inserted i join pieces p on p."userId" = i.user_id and p."competencyId" = i.competency_id and p."sourceRef" = i.source_ref
					cross join lateral jsonb_array_elements_text(p."statementIds") as ids(statement_id)
				returning 1
			)
			select (select count(*)::int from inserted) as inserted, (select count(*)::int from linked) as linked`,
	)
	return Number(rows[0]?.inserted ?? 0)
}

export type EvidenceStatement = { evidenceId: string; statementId: string; verbId: string; activityId: string | null; success: boolean | null; scaled: number | null; raw: number | null; timestamp: Date; client: string; ruleName: string }

/** The statements the given pieces of evidence rest on, oldest first, with the system that sent each and the rule that counted them. */
export async function listEvidenceStatements(db: Database, { tenantId, evidenceIds }: { tenantId: string; evidenceIds: string[] }): Promise<EvidenceStatement[]> {
	if (evidenceIds.length === 0) return []
	const rows = await selectRows<{ evidence_id: string; statement_id: string; verb_id: string; activity_id: string | null; success: boolean | null; scaled: number | null; raw: number | null; timestamp: Date | string; client: string; rule_name: string }>(
		db,
		sql`select l.evidence_id, l.statement_id, s.verb_id, s.activity_id,
				${resultColumns},
				s.timestamp, c.name as client, r.name as rule_name
			from passport_evidence_statements l
			join xapi_statements s on s.tenant_id = l.tenant_id and s.id = l.statement_id
			join xapi_clients c on c.id = s.client_id
			join xapi_evidence_rules r on r.id = l.rule_id
			where l.tenant_id = ${tenantId} and l.evidence_id = any(${sql.param(evidenceIds)}::uuid[])
			order by s.timestamp, s.id`,
	)
	return rows.map((row) => ({
		evidenceId: row.evidence_id,
		statementId: row.statement_id,
		verbId: row.verb_id,
		activityId: row.activity_id,
		success: row.success,
		scaled: row.scaled === null ? null : Number(row.scaled),
		raw: row.raw === null ? null : Number(row.raw),
		timestamp: new Date(row.timestamp),
		client: row.client,
		ruleName: row.rule_name,
	}))
}

/**
 * Of the given pieces of evidence, those from xAPI statements that no longer have any: their
 * statements were erased or passed the unit's retention (ADR 039, "Privacy"). The evidence stays;
 * the history says its records are gone.
 */
export async function listEvidenceWithErasedStatements(db: Database, { evidenceIds }: { evidenceIds: string[] }): Promise<string[]> {
	if (evidenceIds.length === 0) return []
	const rows = await selectRows<{ id: string }>(
		db,
		sql`select e.id from passport_evidence e
			where e.id = any(${sql.param(evidenceIds)}::uuid[]) and e.source_kind = 'xapi_statement'
				and not exists (select 1 from passport_evidence_statements l where l.evidence_id = e.id)`,
	)
	return rows.map((row) => row.id)
}

/** The names of some of the unit's people, by name: a preview's sample. */
export async function listPeopleNames(db: Database, { tenantId, ids }: { tenantId: string; ids: string[] }): Promise<string[]> {
	if (ids.length === 0) return []
	const rows = await db
		.select({ name: users.name })
		.from(users)
		.where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)))
		.orderBy(asc(users.name))
	return rows.map((row) => row.name)
}

/** The unit's people whose dot for the competency is green now (a rule's preview compares before and after). */
export async function listGreenPeople(db: Database, { tenantId, competencyId }: { tenantId: string; competencyId: string }): Promise<string[]> {
	const rows = await db
		.select({ userId: passportStatus.userId })
		.from(passportStatus)
		.where(and(eq(passportStatus.tenantId, tenantId), eq(passportStatus.competencyId, competencyId), eq(passportStatus.status, 'green')))
	return rows.map((row) => row.userId)
}

export type EvidenceRestingOn = { evidenceId: string; userId: string; ruleId: string; occurredOn: string }

/** The pieces of evidence that still count and rest on one of these statements, each once with its rule and day. */
export async function listEvidenceRestingOn(db: Database, { tenantId, statementIds }: { tenantId: string; statementIds: string[] }): Promise<EvidenceRestingOn[]> {
	if (statementIds.length === 0) return []
	const rows = await selectRows<{ evidence_id: string; user_id: string; rule_id: string; occurred_on: string }>(
		db,
		sql`select distinct e.id as evidence_id, e.user_id, l.rule_id, e.occurred_on::text as occurred_on
			from passport_evidence_statements l join passport_evidence e on e.id = l.evidence_id
			where l.tenant_id = ${tenantId} and l.statement_id = any(${sql.param(statementIds)}::uuid[]) and e.revoked_at is null and e.superseded_by is null`,
	)
	return rows.map((row) => ({ evidenceId: row.evidence_id, userId: row.user_id, ruleId: row.rule_id, occurredOn: row.occurred_on }))
}

/** The unit's rules with these ids, switched on or off (a rule that gave evidence may be off now). */
export async function listXapiEvidenceRulesById(db: Database, { tenantId, ids }: { tenantId: string; ids: string[] }): Promise<XapiEvidenceRuleRow[]> {
	if (ids.length === 0) return []
	return db.select().from(xapiEvidenceRules).where(and(eq(xapiEvidenceRules.tenantId, tenantId), inArray(xapiEvidenceRules.id, ids)))
}

/**
 * Puts `personIds` on the unit's backlog of people whose rules are still to be weighed (ADR 039,
 * "Evaluated after the answer"), in the batch's own transaction — only while the unit has an active
 * rule. A person already waiting keeps their place (and its time: the backlog's age is the lag),
 * and the row is locked until this commit: a round of weighing that starts before then skips them
 * rather than reading their statements without this batch's. Answers how many people are queued.
 */
export async function queueXapiRuleEvaluation(db: Database, { tenantId, personIds, now }: { tenantId: string; personIds: string[]; now: Date }): Promise<number> {
	if (personIds.length === 0) return 0
	const queued = await selectRows<{ person_id: string }>(
		db,
		sql`insert into xapi_rule_backlog (tenant_id, person_id, queued_at)
			select ${tenantId}, person_id, ${now.toISOString()}::timestamptz from unnest(${sql.param(personIds)}::uuid[]) as person_id
			where exists (select 1 from xapi_evidence_rules where tenant_id = ${tenantId} and active)
			on conflict (tenant_id, person_id) do update set queued_at = xapi_rule_backlog.queued_at
			returning person_id`,
	)
	return queued.length
}

/**
 * Takes up to `limit` people off the unit's backlog, the longest waiting first, for the caller's
 * transaction: the rows go at its commit, and stay when it fails. Rows another process is taking,
 * or a batch is still adding to, are skipped (SKIP LOCKED): several portals weigh the backlog side
 * by side without waiting, and a person whose batch commits later is weighed after it.
 */
export async function takeXapiRuleBacklog(db: Database, { tenantId, limit }: { tenantId: string; limit: number }): Promise<string[]> {
	const rows = await selectRows<{ person_id: string }>(
		db,
		sql`delete from xapi_rule_backlog where tenant_id = ${tenantId} and person_id in (
				select person_id from xapi_rule_backlog where tenant_id = ${tenantId} order by queued_at limit ${limit} for update skip locked)
			returning person_id`,
	)
	return rows.map((row) => row.person_id)
}

/**
 * Lets the caller's transaction commit without waiting for its WAL to reach the disk
 * (`synchronous_commit = off`, this transaction only). Only for work a crash may undo because it
 * is done again: a round of the rule backlog, whose rows come back with the rollback.
 */
export async function commitWithoutWaitingForDisk(db: Database): Promise<void> {
	await db.execute(sql`set local synchronous_commit = off`)
}
