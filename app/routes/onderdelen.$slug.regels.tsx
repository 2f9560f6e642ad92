import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { can, CONCERN_DEFAULT_PO_SETTINGS, ENROLMENT_RULE_KEYS as EDITABLE_RULES, type EnrolmentRuleKey as EditableRule, type PoOverrides } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { actorOf, requirePermission, requireSignedIn } from '../auth/guards.server.ts'
import { updateUnitRules } from '../services/update-unit-rules.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { findUnitRules, type RuleRow } from '../services/show-unit-rules.server.ts'
import { formatPrice } from '../utils/format.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	await requireSignedIn(request, context)
	const unit = await findUnitRules(context, { slug: params.slug ?? '' })
	invariantResponse(unit, 404, 'TENANT_NOT_FOUND')
	const signedIn = await requirePermission(request, context, 'read', { kind: 'tenant', tenantId: unit.tenant.id })
	const t = await i18next.getFixedT(request)
	return {
		...unit,
		editable: can(actorOf(signedIn), 'update', { kind: 'tenant', tenantId: unit.tenant.id }),
		title: `${t('unitRules.title', { unit: unit.tenant.name })} – ${t('app.name')}`,
	}
}

type RuleErrors = Partial<Record<EditableRule, 'invalidAmount' | 'invalidDays' | 'invalidChoice'>>

const euros = z
	.string()
	.trim()
	.regex(/^\d{1,7}([.,]\d{1,2})?$/)
	.transform((value) => Math.round(Number(value.replace(',', '.')) * 100))
const days = z.coerce.number().int().min(0).max(90)

/** Reads one rule's own value from the form; undefined when the unit follows the concern. */
function parseRule(form: FormData, key: EditableRule): { value?: PoOverrides[EditableRule]; error?: RuleErrors[EditableRule] } {
	if (form.get(`${key}.mode`) !== 'override') return {}
	const raw = String(form.get(`${key}.value`) ?? '')
	switch (key) {
		case 'approval': {
			if (raw === 'never' || raw === 'always') return { value: { mode: raw } }
			if (raw !== 'above_price') return { error: 'invalidChoice' }
			const threshold = euros.safeParse(String(form.get('approval.threshold') ?? ''))
			return threshold.success ? { value: { mode: 'above_price', thresholdCents: threshold.data } } : { error: 'invalidAmount' }
		}
		case 'yearlyBudgetCents': {
			const amount = euros.safeParse(raw)
			return amount.success ? { value: amount.data } : { error: 'invalidAmount' }
		}
		case 'freeCancellationDays': {
			const count = days.safeParse(raw)
			return count.success ? { value: count.data } : { error: 'invalidDays' }
		}
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
			return raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { error: 'invalidChoice' }
		case 'approvers':
			return raw === 'manager' || raw === 'manager_then_coordinator' ? { value: raw } : { error: 'invalidChoice' }
		case 'budgetExceeded':
			return raw === 'block' || raw === 'require_approval' || raw === 'allow' ? { value: raw } : { error: 'invalidChoice' }
		case 'noShowPolicy':
			return raw === 'none' || raw === 'warn' || raw === 'charge' ? { value: raw } : { error: 'invalidChoice' }
		default: {
			const unreachable: never = key
			return unreachable
		}
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	const form = await request.formData()
	const own: Record<string, unknown> = {}
	const errors: RuleErrors = {}
	for (const key of EDITABLE_RULES) {
		const { value, error } = parseRule(form, key)
		if (error) errors[key] = error
		else if (value !== undefined) own[key] = value
	}
	if (Object.keys(errors).length > 0) return data({ errors, submitted: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, { status: 400 })
	const result = await updateUnitRules(context, signedIn, { slug: params.slug ?? '', own: own as Partial<PoOverrides> })
	invariantResponse(result.ok, 403, 'FORBIDDEN')
	return redirect(`/onderdelen/${params.slug}/regels?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function UnitRules() {
	const { tenant, rules, editable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('unitRules.title', { unit: tenant.name })}</h1>
			<p className="lead">{t('unitRules.intro')}</p>
			{searchParams.has('opgeslagen') ? (
				<p className="notice notice--success" role="status">
					{t('rulesForm.saved')}
				</p>
			) : null}
			<div className="table-scroll">
				<table className="sessions">
					<thead>
						<tr>
							<th scope="col">{t('unitRules.rule')}</th>
							<th scope="col">{t('unitRules.value')}</th>
							<th scope="col">{t('unitRules.source')}</th>
						</tr>
					</thead>
					<tbody>
						{rules.map((rule) => (
							<tr key={rule.key}>
								<th scope="row">{t(`unitRules.${rule.key}`)}</th>
								<td>
									<RuleValue rule={rule} />
								</td>
								<td>{rule.own ? t('unitRules.own') : t('unitRules.concern')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{editable ? <RulesForm rules={rules} errors={actionData?.errors ?? {}} submitted={actionData?.submitted ?? null} /> : null}
		</div>
	)
}

function RulesForm({ rules, errors, submitted }: { rules: RuleRow[]; errors: RuleErrors; submitted: Record<string, string> | null }) {
	const { t, i18n } = useTranslation()
	const byKey = new Map(rules.map((rule) => [rule.key, rule]))
	const defaults = CONCERN_DEFAULT_PO_SETTINGS
	const concernText = (key: EditableRule) => <RuleValue rule={{ key, value: defaults[key], own: false } as RuleRow} />
	const euro = (cents: number) => (cents / 100).toFixed(2).replace('.', i18n.language === 'nl' ? ',' : '.')
	const current = (key: EditableRule, fallback: string) => submitted?.[`${key}.value`] ?? fallback
	const own = (key: EditableRule) => (submitted ? submitted[`${key}.mode`] === 'override' : (byKey.get(key)?.own ?? false))
	const select = (key: EditableRule, options: [string, string][], value: string) => (
		<select
			id={`${key}-value`}
			name={`${key}.value`}
			aria-label={`${t(`unitRules.${key}`)}: ${t('rulesForm.override')}`}
			defaultValue={current(key, value)}
			aria-describedby={errors[key] ? `${key}-fout` : undefined}
		>
			{options.map(([option, label]) => (
				<option key={option} value={option}>
					{label}
				</option>
			))}
		</select>
	)
	const yesNo: [string, string][] = [
		['true', t('unitRules.yes')],
		['false', t('unitRules.no')],
	]
	const valueOf = <K extends EditableRule>(key: K) => (byKey.get(key)?.value ?? defaults[key]) as (typeof defaults)[K]
	const approval = valueOf('approval')
	const inputs: Record<EditableRule, React.ReactNode> = {
		approval: (
			<>
				{select(
					'approval',
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
				/>
			</>
		),
		approvers: select('approvers', [['manager', t('unitRules.approvers_manager')], ['manager_then_coordinator', t('unitRules.approvers_manager_then_coordinator')]], valueOf('approvers')),
		yearlyBudgetCents: <input type="text" inputMode="decimal" id="yearlyBudgetCents-value" name="yearlyBudgetCents.value" aria-label={t('rulesForm.amount')} defaultValue={current('yearlyBudgetCents', euro(valueOf('yearlyBudgetCents')))} aria-describedby={errors.yearlyBudgetCents ? 'yearlyBudgetCents-fout' : undefined} />,
		budgetExceeded: select('budgetExceeded', [['block', t('unitRules.budgetExceeded_block')], ['require_approval', t('unitRules.budgetExceeded_require_approval')], ['allow', t('unitRules.budgetExceeded_allow')]], valueOf('budgetExceeded')),
		costCentreRequired: select('costCentreRequired', yesNo, String(valueOf('costCentreRequired'))),
		freeCancellationDays: <input type="number" min={0} max={90} id="freeCancellationDays-value" name="freeCancellationDays.value" aria-label={t('rulesForm.daysLabel')} defaultValue={current('freeCancellationDays', String(valueOf('freeCancellationDays')))} aria-describedby={errors.freeCancellationDays ? 'freeCancellationDays-fout' : undefined} />,
		noShowPolicy: select('noShowPolicy', [['none', t('unitRules.noShow_none')], ['warn', t('unitRules.noShow_warn')], ['charge', t('unitRules.noShow_charge')]], valueOf('noShowPolicy')),
		acceptsOtherUnits: select('acceptsOtherUnits', yesNo, String(valueOf('acceptsOtherUnits'))),
	}
	return (
		<section className="panel" aria-labelledby="regels-wijzigen">
			<h2 id="regels-wijzigen">{t('rulesForm.edit')}</h2>
			<p>{t('rulesForm.intro')}</p>
			<Form method="post" className="form-stack" noValidate>
				{EDITABLE_RULES.map((key) => (
					<fieldset key={key} className={`field${errors[key] ? ' field--invalid' : ''}`}>
						<legend>{t(`unitRules.${key}`)}</legend>
						{errors[key] ? (
							<p className="field__error" id={`${key}-fout`}>
								{t(`rulesForm.${errors[key]}`)}
							</p>
						) : null}
						<label className="choice">
							<input type="radio" name={`${key}.mode`} value="inherit" defaultChecked={!own(key)} />
							<span>
								{t('rulesForm.inherit')}
								{concernText(key)}
							</span>
						</label>
						<label className="choice">
							<input type="radio" name={`${key}.mode`} value="override" defaultChecked={own(key)} />
							<span>{t('rulesForm.override')}</span>
						</label>
						{inputs[key]}
					</fieldset>
				))}
				<div className="form-actions">
					<button type="submit" className="button">
						{t('rulesForm.save')}
					</button>
				</div>
			</Form>
		</section>
	)
}

function RuleValue({ rule }: { rule: RuleRow }) {
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
