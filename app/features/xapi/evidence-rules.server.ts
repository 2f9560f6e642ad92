import { settlePendingPassports, type Database } from '@leerplein/db'
import { insertRuleEvidence, listActiveXapiEvidenceRules, listEvidenceRestingOn, listGreenPeople, listXapiEvidenceRulesById, listRuleStatements, type RuleEvidence, type RuleStatementRow, type XapiEvidenceRuleRow } from '@leerplein/db/xapi'
import { revokeEvidence } from '@leerplein/db/passport'
import { amsterdamDate, ruleEvidenceRef, ruleMetOn, ruleOutcome, type StatementRule } from '@leerplein/domain'
import { XAPI_VOIDED_REASON } from './evidence-rule-schema.ts'

// Statements that count (ADR 039): for a batch's people on the backlog (rule-backlog.server.ts),
// after a rule is switched on, after people are matched again — in the caller's transaction, so the evidence trigger settles the
// dots before the commit. A fixed number of queries whatever the batch: the active rules, the
// people's statements with the rules' verbs, one insert of evidence with its statements.

/** A stored rule as the domain reads it. */
export function ruleOf(row: Pick<XapiEvidenceRuleRow, 'verbId' | 'activityMatch' | 'activityPattern' | 'requiresSuccess' | 'minScoreKind' | 'minScore' | 'requiredCount' | 'periodMonths'>): StatementRule {
	return {
		verbId: row.verbId,
		activity: { by: row.activityMatch, pattern: row.activityPattern },
		requiresSuccess: row.requiresSuccess,
		minimumScore: row.minScoreKind === null || row.minScore === null ? null : { kind: row.minScoreKind, value: row.minScore },
		count: row.requiredCount,
		periodMonths: row.periodMonths,
	}
}

type RuleForEvidence = Pick<XapiEvidenceRuleRow, 'id' | 'tenantId' | 'competencyId' | 'grantsLevel'> & Parameters<typeof ruleOf>[0]

/** Per person, the piece of evidence each rule gives them from these statements (the domain's `ruleOutcome`). */
export function evidenceFrom(rules: RuleForEvidence[], statements: RuleStatementRow[], { now }: { now: Date }): RuleEvidence[] {
	const byPerson = new Map<string, RuleStatementRow[]>()
	for (const statement of statements) {
		const own = byPerson.get(statement.personId)
		if (own) own.push(statement)
		else byPerson.set(statement.personId, [statement])
	}
	return rules.flatMap((rule) =>
		[...byPerson].flatMap(([userId, own]) => {
			const outcome = ruleOutcome(ruleOf(rule), own, { now })
			if (!outcome) return []
			return [
				{
					tenantId: rule.tenantId,
					userId,
					competencyId: rule.competencyId,
					ruleId: rule.id,
					level: rule.grantsLevel,
					sourceRef: ruleEvidenceRef(rule.id, amsterdamDate(outcome.completedBy.timestamp)),
					occurredAt: outcome.completedBy.timestamp,
					statementIds: outcome.restsOn.map((statement) => statement.id),
				},
			]
		}),
	)
}

/**
 * Evaluates the unit's active rules (or the given ones) for `personIds` (null: every matched
 * person) and writes the evidence they give, once. Answers how many pieces were new.
 */
export async function evaluateXapiEvidenceRules(
	tx: Database,
	{ tenantId, personIds, rules, now, recordedBy = null }: { tenantId: string; personIds: string[] | null; rules?: RuleForEvidence[]; now: Date; recordedBy?: string | null },
): Promise<number> {
	if (personIds?.length === 0) return 0
	const active = rules ?? (await listActiveXapiEvidenceRules(tx, { tenantId }))
	if (active.length === 0) return 0
	const statements = await listRuleStatements(tx, { tenantId, verbIds: [...new Set(active.map((rule) => rule.verbId))], personIds })
	return insertRuleEvidence(tx, { evidence: evidenceFrom(active, statements, { now }), recordedBy })
}

/** Carries a preview's outcome out of the savepoint it rolls back. */
class PreviewOutcome extends Error {
	constructor(readonly outcome: { evidence: number; greened: string[] }) {
		super('preview rolled back')
	}
}

/**
 * What switching `rule` on would do now, found by doing it and undoing it: in a savepoint, the
 * rule is evaluated over every matched person's statements and their dots settled as at a commit;
 * the pieces of evidence it wrote and the people whose dot for its competency turned green are
 * counted, then the savepoint is rolled back. So the preview weighs validity, levels and the
 * person's requirements exactly as switching on will, and nothing is kept.
 */
export async function previewXapiEvidenceRule(tx: Database, { tenantId, rule, now }: { tenantId: string; rule: RuleForEvidence; now: Date }): Promise<{ evidence: number; greened: string[] }> {
	const greenBefore = new Set(await listGreenPeople(tx, { tenantId, competencyId: rule.competencyId }))
	try {
		await tx.transaction(async (savepoint) => {
			const evidence = await evaluateXapiEvidenceRules(savepoint, { tenantId, personIds: null, rules: [rule], now })
			await settlePendingPassports(savepoint, { now, currentTenantId: tenantId })
			const greened = (await listGreenPeople(savepoint, { tenantId, competencyId: rule.competencyId })).filter((userId) => !greenBefore.has(userId))
			throw new PreviewOutcome({ evidence, greened })
		})
	} catch (error) {
		if (error instanceof PreviewOutcome) return error.outcome
		throw error
	}
	throw new Error('previewXapiEvidenceRule: the savepoint ended without an outcome')
}

/**
 * After statements are voided, in the voiding batch's transaction: each piece of evidence that
 * rested on one of them is weighed again without them. A piece whose day its rule no longer meets
 * is revoked by Leerplein (`xapi_statement_voided`); then the unit's rules are evaluated again for
 * those people, as another day may count now. Answers how many pieces were revoked.
 */
export async function withdrawEvidenceOfVoided(tx: Database, { tenantId, voidedIds, now }: { tenantId: string; voidedIds: string[]; now: Date }): Promise<number> {
	const pieces = await listEvidenceRestingOn(tx, { tenantId, statementIds: voidedIds })
	if (pieces.length === 0) return 0
	const rules = await listXapiEvidenceRulesById(tx, { tenantId, ids: [...new Set(pieces.map((piece) => piece.ruleId))] })
	const personIds = [...new Set(pieces.map((piece) => piece.userId))]
	// Read after the voiding: the voided statements are left out (listRuleStatements reads unvoided ones).
	const statements = await listRuleStatements(tx, { tenantId, verbIds: [...new Set(rules.map((rule) => rule.verbId))], personIds })
	let revoked = 0
	for (const piece of pieces) {
		const rule = rules.find((candidate) => candidate.id === piece.ruleId)!
		const own = statements.filter((statement) => statement.personId === piece.userId)
		if (ruleMetOn(ruleOf(rule), own, piece.occurredOn, { now })) continue
		if (await revokeEvidence(tx, { evidenceId: piece.evidenceId, revokedBy: null, revokedAt: now, reason: XAPI_VOIDED_REASON })) revoked++
	}
	await evaluateXapiEvidenceRules(tx, { tenantId, personIds, now })
	return revoked
}
