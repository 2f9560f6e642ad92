import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { EnrolmentRuleKey, PoSettings } from '@leerplein/domain'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/field.tsx'
import { formatPrice } from '../../utils/format.ts'
import type { RuleFields, RulesFormValues } from './rules-schema.ts'

// The P&O rules as a unit's page and the concern defaults page show and edit them: one way to
// render a rule's value, and one set of fields per rule, so both pages read the same.

export type ShownRule = { [K in keyof PoSettings]: { key: K; value: PoSettings[K] } }[keyof PoSettings]

/** One rule's fields in a rules form (rules-schema.ts): its value, the threshold of approval, and on a unit's page whether it follows the concern. */
export type RuleMeta = FieldMetadata<RuleFields | undefined, RulesFormValues, string[]>

/** A rule's value in words ("Nodig boven € 500,00", "14 dagen voor de start"). */
export function RuleValue({ rule }: { rule: ShownRule }) {
	const { t, i18n } = useTranslation()
	const yesNo = (value: boolean) => (value ? t('unitRules.yes') : t('unitRules.no'))
	switch (rule.key) {
		case 'approval':
			if (rule.value.mode === 'never') return t('unitRules.approvalNever')
			if (rule.value.mode === 'always') return t('unitRules.approvalAlways')
			return t('unitRules.approvalAbovePrice', { price: formatPrice(rule.value.thresholdCents, i18n.language) })
		case 'yearlyBudgetCents':
			return formatPrice(rule.value, i18n.language)
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
		case 'shareContactDetailsWithTools':
			return yesNo(rule.value)
		case 'freeCancellationDays':
			return t('unitRules.days', { count: rule.value })
		case 'noShowPolicy':
			return t(`unitRules.noShow_${rule.value}`)
		case 'defaultLanguage':
			return t(`courseLanguage.${rule.value}`)
		case 'approvers':
			return t(`unitRules.approvers_${rule.value}`)
		case 'budgetExceeded':
			return t(`unitRules.budgetExceeded_${rule.value}`)
		case 'branding':
			return null
		default: {
			const unreachable: never = rule
			return unreachable
		}
	}
}

/**
 * The control(s) for one rule's value, each a `Field` with its label, its value from the form (what
 * was shown or just typed) and its error beside it: a choice, an amount in euros, a number of days,
 * and for approval above a price also the threshold. The fieldset around them names the rule.
 */
export function RuleValueFields({ ruleKey, meta }: { ruleKey: EnrolmentRuleKey; meta: RuleMeta }): ReactNode {
	const { t } = useTranslation()
	const { value, threshold } = meta.getFieldset()
	const choice = (options: [string, string][]) => <Field meta={value} label={t('unitRules.value')} as="select" options={options.map(([option, label]) => ({ value: option, label }))} />
	const yesNo: [string, string][] = [
		['true', t('unitRules.yes')],
		['false', t('unitRules.no')],
	]
	switch (ruleKey) {
		case 'approval':
			return (
				<>
					{choice([
						['never', t('unitRules.approvalNever')],
						['always', t('unitRules.approvalAlways')],
						['above_price', t('unitRules.approvalAbovePrice', { price: '…' })],
					])}
					<Field meta={threshold} label={t('rulesForm.threshold')} controlProps={{ inputMode: 'decimal' }} />
				</>
			)
		case 'approvers':
			return choice([
				['manager', t('unitRules.approvers_manager')],
				['manager_then_coordinator', t('unitRules.approvers_manager_then_coordinator')],
			])
		case 'yearlyBudgetCents':
			return <Field meta={value} label={t('rulesForm.amount')} controlProps={{ inputMode: 'decimal' }} />
		case 'budgetExceeded':
			return choice([
				['block', t('unitRules.budgetExceeded_block')],
				['require_approval', t('unitRules.budgetExceeded_require_approval')],
				['allow', t('unitRules.budgetExceeded_allow')],
			])
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
			return choice(yesNo)
		case 'freeCancellationDays':
			return <Field meta={value} label={t('rulesForm.daysLabel')} type="number" controlProps={{ min: 0, max: 90 }} />
		case 'noShowPolicy':
			return choice([
				['none', t('unitRules.noShow_none')],
				['warn', t('unitRules.noShow_warn')],
				['charge', t('unitRules.noShow_charge')],
			])
		default: {
			const unreachable: never = ruleKey
			return unreachable
		}
	}
}

/** On a unit's page: follow the concern's rule (which it shows) or set an own value. */
export function RuleSourceChoice({ meta, concernRule }: { meta: RuleMeta; concernRule: ShownRule }) {
	const { t } = useTranslation()
	const { mode } = meta.getFieldset()
	// Two radios of one field: each needs its own id.
	const radio = (source: 'inherit' | 'override') => ({ ...getInputProps(mode, { type: 'radio', value: source, ariaAttributes: false }), id: `${mode.id}-${source}` })
	return (
		<>
			<label className="choice">
				<input {...radio('inherit')} />
				<span>
					{t('rulesForm.inherit')}
					<RuleValue rule={concernRule} />
				</span>
			</label>
			<label className="choice">
				<input {...radio('override')} />
				<span>{t('rulesForm.override')}</span>
			</label>
		</>
	)
}
