import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { can, ENROLMENT_RULE_KEYS as EDITABLE_RULES, type EnrolmentRuleKey as EditableRule, type PoOverrides } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { actorOf, requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { updateUnitRules } from '../features/po-rules/update-unit-rules.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { findUnitRules, type RuleDefaults, type RuleRow } from '../features/po-rules/show-unit-rules.server.ts'
import { RuleInput, RuleValue, type RuleErrors, type ShownRule } from '../features/po-rules/po-rules.tsx'
import { readRule, submittedValues } from '../features/po-rules/po-rules-form.ts'
import { invariantResponse } from '../core/http.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const viewer = await requireSignedIn(request, context)
	const unit = await findUnitRules(context, { slug: params.slug ?? '', viewer: { tenantId: viewer.person.tenantId, userId: viewer.person.userId } })
	invariantResponse(unit, 404, 'TENANT_NOT_FOUND')
	const signedIn = await requirePermission(request, context, 'read', { kind: 'tenant', tenantId: unit.tenant.id })
	const t = await i18next.getFixedT(request)
	return {
		...unit,
		editable: can(actorOf(signedIn), 'update', { kind: 'tenant', tenantId: unit.tenant.id }),
		title: `${t('unitRules.title', { unit: unit.tenant.name })} – ${t('app.name')}`,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	// Guard before parsing: another unit's coordinator learns nothing from validation errors.
	const viewer = await requireSignedIn(request, context)
	const unit = await findUnitRules(context, { slug: params.slug ?? '', viewer: { tenantId: viewer.person.tenantId, userId: viewer.person.userId } })
	invariantResponse(unit, 404, 'TENANT_NOT_FOUND')
	const signedIn = await requirePermission(request, context, 'update', { kind: 'tenant', tenantId: unit.tenant.id })
	const form = await request.formData()
	const own: Record<string, unknown> = {}
	const errors: RuleErrors = {}
	// A rule set to "follow the concern" leaves the unit's overrides; an own value must be valid.
	for (const key of EDITABLE_RULES) {
		if (form.get(`${key}.mode`) !== 'override') continue
		const parsed = readRule(form, key)
		if (parsed.ok) own[key] = parsed.value
		else errors[key] = parsed.code
	}
	if (Object.keys(errors).length > 0) return data({ errors, submitted: submittedValues(form) }, { status: 400 })
	const result = await updateUnitRules(context, signedIn, { slug: params.slug ?? '', own: own as Partial<PoOverrides> })
	invariantResponse(result.ok, 403, 'FORBIDDEN')
	return redirect(`/onderdelen/${params.slug}/regels?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function UnitRules() {
	const { tenant, rules, defaults, editable } = useLoaderData<typeof loader>()
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
			<ScrollRegion label={t('unitRules.title', { unit: tenant.name })}>
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
								<td>
									{rule.own ? t('unitRules.own') : t('unitRules.concern')}
									{rule.own && rule.key in defaults ? (
										<>
											{' '}
											({t('unitRules.concernValue')} <RuleValue rule={{ key: rule.key, value: defaults[rule.key as EditableRule] } as ShownRule} />)
										</>
									) : null}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
			{editable ? <RulesForm rules={rules} defaults={defaults} errors={actionData?.errors ?? {}} submitted={actionData?.submitted ?? null} /> : null}
		</div>
	)
}

function RulesForm({ rules, defaults, errors, submitted }: { rules: RuleRow[]; defaults: RuleDefaults; errors: RuleErrors; submitted: Record<string, string> | null }) {
	const { t } = useTranslation()
	const byKey = new Map(rules.map((rule) => [rule.key, rule]))
	const own = (key: EditableRule) => (submitted ? submitted[`${key}.mode`] === 'override' : (byKey.get(key)?.own ?? false))
	const valueOf = <K extends EditableRule>(key: K) => (byKey.get(key)?.value ?? defaults[key]) as RuleDefaults[K]
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
								<RuleValue rule={{ key, value: defaults[key] } as ShownRule} />
							</span>
						</label>
						<label className="choice">
							<input type="radio" name={`${key}.mode`} value="override" defaultChecked={own(key)} />
							<span>{t('rulesForm.override')}</span>
						</label>
						<RuleInput ruleKey={key} value={valueOf(key)} label={`${t(`unitRules.${key}`)}: ${t('rulesForm.override')}`} error={errors[key]} submitted={submitted} />
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
