import type { EnrolmentRuleKey, PoSettings, RuleInputError } from '@leerplein/domain'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatPrice } from '../../utils/format.ts'

// The P&O rules as a unit's page and the concern defaults page show and edit them: one way to
// render a rule's value, and one input per rule, so both pages read the same.

export type ShownRule = { [K in keyof PoSettings]: { key: K; value: PoSettings[K] } }[keyof PoSettings]
export type RuleErrors = Partial<Record<EnrolmentRuleKey, RuleInputError>>

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
 * The input(s) for one rule, named `<key>.value` (and `approval.threshold`), showing `value`
 * unless the person just submitted something else. `label` names the input for assistive tech.
 */
export function RuleInput<K extends EnrolmentRuleKey>({
	ruleKey,
	value,
	label,
	error,
	submitted,
}: {
	ruleKey: K
	value: PoSettings[K]
	label: string
	error: RuleInputError | undefined
	submitted: Record<string, string> | null
}): ReactNode {
	const { t, i18n } = useTranslation()
	const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', i18n.language === 'nl' ? ',' : '.')
	const current = (fallback: string) => submitted?.[`${ruleKey}.value`] ?? fallback
	const describedBy = error ? `${ruleKey}-fout` : undefined
	const select = (options: [string, string][], fallback: string) => (
		<select id={`${ruleKey}-value`} name={`${ruleKey}.value`} aria-label={label} defaultValue={current(fallback)} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
			{options.map(([option, text]) => (
				<option key={option} value={option}>
					{text}
				</option>
			))}
		</select>
	)
	const yesNo: [string, string][] = [
		['true', t('unitRules.yes')],
		['false', t('unitRules.no')],
	]
	const key: EnrolmentRuleKey = ruleKey
	switch (key) {
		case 'approval': {
			const approval = value as PoSettings['approval']
			return (
				<>
					{select(
						[
							['never', t('unitRules.approvalNever')],
							['always', t('unitRules.approvalAlways')],
							['above_price', t('unitRules.approvalAbovePrice', { price: '…' })],
						],
						approval.mode,
					)}
					<label htmlFor="approval-threshold">{t('rulesForm.threshold')}</label>
					<input
						type="text"
						inputMode="decimal"
						id="approval-threshold"
						name="approval.threshold"
						defaultValue={submitted?.['approval.threshold'] ?? (approval.mode === 'above_price' ? euro(approval.thresholdCents) : '')}
						aria-describedby={describedBy}
						aria-invalid={error ? true : undefined}
					/>
				</>
			)
		}
		case 'approvers':
			return select(
				[
					['manager', t('unitRules.approvers_manager')],
					['manager_then_coordinator', t('unitRules.approvers_manager_then_coordinator')],
				],
				String(value),
			)
		case 'yearlyBudgetCents':
			return (
				<input
					type="text"
					inputMode="decimal"
					id={`${ruleKey}-value`}
					name={`${ruleKey}.value`}
					aria-label={`${label} (${t('rulesForm.amount')})`}
					defaultValue={current(euro(value as number))}
					aria-describedby={describedBy}
					aria-invalid={error ? true : undefined}
				/>
			)
		case 'budgetExceeded':
			return select(
				[
					['block', t('unitRules.budgetExceeded_block')],
					['require_approval', t('unitRules.budgetExceeded_require_approval')],
					['allow', t('unitRules.budgetExceeded_allow')],
				],
				String(value),
			)
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
			return select(yesNo, String(value))
		case 'freeCancellationDays':
			return (
				<input
					type="number"
					min={0}
					max={90}
					id={`${ruleKey}-value`}
					name={`${ruleKey}.value`}
					aria-label={`${label} (${t('rulesForm.daysLabel')})`}
					defaultValue={current(String(value))}
					aria-describedby={describedBy}
					aria-invalid={error ? true : undefined}
				/>
			)
		case 'noShowPolicy':
			return select(
				[
					['none', t('unitRules.noShow_none')],
					['warn', t('unitRules.noShow_warn')],
					['charge', t('unitRules.noShow_charge')],
				],
				String(value),
			)
		default: {
			const unreachable: never = key
			return unreachable
		}
	}
}
