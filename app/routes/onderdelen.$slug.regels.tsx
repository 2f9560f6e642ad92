import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ENROLMENT_RULE_KEYS as EDITABLE_RULES, type EnrolmentRuleKey as EditableRule } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { slugParam } from '../core/route-params.server.ts'
import { ownData, ownUnit, requirePermission } from '../features/identity/guard.server.ts'
import { RuleSourceChoice, RuleValue, RuleValueFields, type ShownRule } from '../features/po-rules/po-rules.tsx'
import { rulesFormValues, unitRulesSchema, type EnrolmentRules } from '../features/po-rules/rules-schema.ts'
import { showUnitRules, type RuleDefaults, type RuleRow } from '../features/po-rules/show-unit-rules.server.ts'
import { updateUnitRules } from '../features/po-rules/update-unit-rules.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	// Anyone signed in may ask; the service decides per unit: 404 for no such unit, 403 for another's rules.
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const unit = valueOrThrow(await showUnitRules(context, { actor, slug: slugParam(params, 'slug', 'TENANT_NOT_FOUND') }))
	const t = await i18next.getFixedT(request)
	return { ...unit, title: `${t('unitRules.title', { unit: unit.tenant.name })} – ${t('app.name')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	// Only a coordinator gets past the guard; the service checks it is the unit in the URL.
	const { actor } = await requirePermission(request, context, 'update', ownUnit)
	const slug = slugParam(params, 'slug', 'TENANT_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['save'])
	const submission = parseForm(form, unitRulesSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	valueOrThrow(await updateUnitRules(context, { actor, slug, own: submission.value }))
	return redirect(`/onderdelen/${slug}/regels?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function UnitRules() {
	const { tenant, rules, defaults, editable } = useLoaderData<typeof loader>()
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
			{/* A new form after a save, so it starts from the stored rules. */}
			{editable ? <RulesForm key={JSON.stringify(rules)} rules={rules} defaults={defaults} /> : null}
		</div>
	)
}

function RulesForm({ rules, defaults }: { rules: RuleRow[]; defaults: RuleDefaults }) {
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const byKey = new Map(rules.map((rule) => [rule.key, rule]))
	const inForce = Object.fromEntries(EDITABLE_RULES.map((key) => [key, byKey.get(key)?.value ?? defaults[key]])) as EnrolmentRules
	const [form, fields] = useForm({
		id: 'unit-rules',
		lastResult,
		constraint: getZodConstraint(unitRulesSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: unitRulesSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: rulesFormValues(inForce, i18n.language, (key) => byKey.get(key)?.own ?? false),
	})
	const summaryFields = EDITABLE_RULES.flatMap((key: EditableRule) => [
		{ meta: fields[key].getFieldset().value, label: t(`unitRules.${key}`) },
		...(key === 'approval' ? [{ meta: fields.approval.getFieldset().threshold, label: `${t('unitRules.approval')}: ${t('rulesForm.threshold')}` }] : []),
	])
	return (
		<section className="panel" aria-labelledby="regels-wijzigen">
			<h2 id="regels-wijzigen">{t('rulesForm.edit')}</h2>
			<p>{t('rulesForm.intro')}</p>
			<ErrorSummary form={form} fields={summaryFields} />
			<Form method="post" className="form-stack" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				{EDITABLE_RULES.map((key) => (
					<fieldset key={key} className="field">
						<legend>{t(`unitRules.${key}`)}</legend>
						<RuleSourceChoice meta={fields[key]} concernRule={{ key, value: defaults[key] } as ShownRule} />
						<RuleValueFields ruleKey={key} meta={fields[key]} />
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
