import { findCompetency, listCompetencies } from '@leerplein/db/passport'
import { getXapiEvidenceRule, insertXapiEvidenceRule, listPeopleNames, listXapiEvidenceRules, setXapiEvidenceRuleActive, type XapiEvidenceRuleRow } from '@leerplein/db/xapi'
import type { Actor } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { xapiUnitChoice, xapiUnitFor } from './clients.server.ts'
import type { EvidenceRuleInput } from './evidence-rule-schema.ts'
import { evaluateXapiEvidenceRules, previewXapiEvidenceRule } from './evidence-rules.server.ts'

// A unit's statements that count (ADR 039), on /beheer/xapi-regels: the rules that turn its xAPI
// statements into passport evidence — added switched off, previewed against the statements
// already stored, switched on (which evaluates them at once) and off; never deleted; audited.
// Kept by the unit's coordinators, or the concern administrator for the unit the page names
// (`?eenheid=`, as on the systems and privacy pages): every verb runs in that unit's tenant
// context, so row-level security decides which rules exist, and its own audit trail records it.

export const PREVIEW_SAMPLE = 5

export type EvidenceRuleView = Omit<XapiEvidenceRuleRow, 'createdAt' | 'updatedAt' | 'createdBy'> & { competencyName: string; competencyLevels: string[] }

/** What switching a rule on would do now: the pieces of evidence it would write, the dots it would make green, a sample of their people's names. */
export type RulePreview = { rule: EvidenceRuleView; evidence: number; greened: number; sample: string[] }

export type XapiRulesView = {
	/** Every unit, when the asker may act for any (the concern administrator); null for a coordinator. */
	units: { id: string; name: string }[] | null
	/** The unit whose rules are shown; null until the concern administrator chooses one. */
	unit: { id: string; name: string } | null
	rules: EvidenceRuleView[]
	competencies: { id: string; name: string; levels: string[] }[]
	preview: RulePreview | null
}

/** The unit's rules, the competencies to choose, and — when asked — one rule's preview; for the concern administrator the units to choose from. */
export async function showXapiEvidenceRules(
	ctx: ServiceContext,
	{ actor, unitId, previewId }: { actor: Actor; unitId: string | null; previewId: string | null },
): Promise<ServiceResult<XapiRulesView>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	return inTenant(
		ctx,
		{ tenantId: tenantId ?? actor.tenantId, userId: actor.userId },
		async (tx) => {
			const { units, unit: shown } = await xapiUnitChoice(tx, actor, tenantId)
			if (!tenantId || !shown) {
				// No unit chosen yet: no rule of any unit is there to preview.
				if (previewId !== null) throw refusal('not_found', 'XAPI_RULE_NOT_FOUND')
				return { units, unit: null, rules: [], competencies: [], preview: null }
			}
			const rules = (await listXapiEvidenceRules(tx, { tenantId })).map(({ createdAt: _created, updatedAt: _updated, createdBy: _by, ...rule }) => rule)
			const all = await listCompetencies(tx)
			let preview: RulePreview | null = null
			if (previewId !== null) {
				const rule = rules.find((candidate) => candidate.id === previewId)
				if (!rule) throw refusal('not_found', 'XAPI_RULE_NOT_FOUND')
				const { evidence, greened } = await previewXapiEvidenceRule(tx, { tenantId, rule, now: ctx.clock.now() })
				preview = { rule, evidence, greened: greened.length, sample: (await listPeopleNames(tx, { tenantId, ids: greened })).slice(0, PREVIEW_SAMPLE) }
			}
			return { units, unit: shown, rules, competencies: all.filter((competency) => competency.active).map(({ id, name, levels }) => ({ id, name, levels })), preview }
		},
		// A preview writes and rolls back in a savepoint (previewXapiEvidenceRule); the plain list only reads.
		{ readOnly: previewId === null },
	)
}

/** Adds a rule, switched off (a preview comes first); audited. A level must be one of the competency's, beside the field otherwise. */
export async function addXapiEvidenceRule(
	ctx: ServiceContext,
	{ actor, unitId, input }: { actor: Actor; unitId: string | null; input: EvidenceRuleInput },
): Promise<ServiceResult<{ ruleId: string }>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	if (!tenantId) return refuse('not_found', 'UNIT_UNKNOWN')
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		// A unit named that does not exist is not found, rather than a rule no unit owns.
		await xapiUnitChoice(tx, actor, tenantId)
		const competency = await findCompetency(tx, { competencyId: input.competencyId })
		if (!competency || !competency.active) throw refusal('invalid', 'XAPI_RULE_COMPETENCY_REQUIRED', { field: 'competencyId' })
		if (input.grantsLevel !== null) {
			if (competency.levels.length === 0) throw refusal('invalid', 'LEVEL_WITHOUT_LEVELS', { field: 'grantsLevel' })
			if (input.grantsLevel > competency.levels.length) throw refusal('invalid', 'LEVEL_INVALID', { field: 'grantsLevel' })
		}
		const rule = await insertXapiEvidenceRule(tx, { tenantId, createdBy: actor.userId, ...input })
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.rule.create', objectType: 'xapi_evidence_rule', objectId: rule.id, before: null, after: input })
		return { ruleId: rule.id }
	})
}

/**
 * Switches a rule on (evaluating it at once over the statements already stored, in the same
 * transaction: the dots are settled before the commit) or off (the evidence it gave stays; new
 * statements no longer count). Audited; answers how many pieces of evidence were new.
 */
export async function switchXapiEvidenceRule(
	ctx: ServiceContext,
	{ actor, unitId, ruleId, active }: { actor: Actor; unitId: string | null; ruleId: string; active: boolean },
): Promise<ServiceResult<{ evidence: number }>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	if (!tenantId) return refuse('not_found', 'XAPI_RULE_NOT_FOUND')
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		const now = ctx.clock.now()
		const rule = await setXapiEvidenceRuleActive(tx, { tenantId, ruleId, active, now })
		if (!rule) {
			if (!(await getXapiEvidenceRule(tx, { tenantId, ruleId }))) throw refusal('not_found', 'XAPI_RULE_NOT_FOUND')
			throw refusal('conflict', 'XAPI_RULE_ALREADY_SWITCHED')
		}
		const evidence = active ? await evaluateXapiEvidenceRules(tx, { tenantId, personIds: null, rules: [rule], now, recordedBy: actor.userId }) : 0
		await audit(ctx, tx, { actor, tenantId, action: active ? 'xapi.rule.activate' : 'xapi.rule.deactivate', objectType: 'xapi_evidence_rule', objectId: ruleId, before: { active: !active }, after: { active, evidence } })
		return { evidence }
	})
}
