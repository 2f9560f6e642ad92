import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ENROLMENT_RULE_KEYS, type EnrolmentRuleKey, type PoSettings } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { RuleInput, RuleValue, type RuleErrors, type ShownRule } from '../features/po-rules/po-rules.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showConcernDefaults } from '../features/po-rules/show-concern-defaults.server.ts'
import { updateConcernDefaults } from '../features/po-rules/update-concern-defaults.server.ts'
import { invariantResponse } from '../core/http.server.ts'
import { readRule, submittedValues } from '../features/po-rules/po-rules-form.ts'

const PATH = '/beheer/regels'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { person } = await requirePermission(request, context, 'read', { kind: 'po_defaults' })
	const t = await i18next.getFixedT(request)
	return { defaults: await showConcernDefaults(context, { tenantId: person.tenantId, userId: person.userId }), title: `${t('concernRules.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'update', { kind: 'po_defaults' })
	const form = await request.formData()
	const rules: Partial<Pick<PoSettings, EnrolmentRuleKey>> = {}
	const errors: RuleErrors = {}
	for (const key of ENROLMENT_RULE_KEYS) {
		const parsed = readRule(form, key)
		if (parsed.ok) Object.assign(rules, { [key]: parsed.value })
		else errors[key] = parsed.code
	}
	if (Object.keys(errors).length > 0) return data({ errors, submitted: submittedValues(form) }, { status: 400 })
	const result = await updateConcernDefaults(context, signedIn, { rules: rules as Pick<PoSettings, EnrolmentRuleKey> })
	invariantResponse(result.ok, 403, 'FORBIDDEN')
	return redirect(`${PATH}?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function ConcernRules() {
	const { defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const errors: RuleErrors = actionData?.errors ?? {}
	const submitted = actionData?.submitted ?? null
	return (
		<div className="container page">
			<h1>{t('concernRules.title')}</h1>
			<p className="lead">{t('concernRules.intro')}</p>
			{searchParams.has('opgeslagen') && !actionData ? (
				<p className="notice notice--success" role="status">
					{t('concernRules.saved')}
				</p>
			) : null}
			{actionData ? (
				<p className="error-summary" role="alert">
					{t('concernRules.errorSummary')}
				</p>
			) : null}
			<Form method="post" className="form-stack" noValidate>
				{ENROLMENT_RULE_KEYS.map((key) => (
					<fieldset key={key} className={`field${errors[key] ? ' field--invalid' : ''}`}>
						<legend>{t(`unitRules.${key}`)}</legend>
						<p className="hint">
							{t('concernRules.now')} <RuleValue rule={{ key, value: defaults[key] } as ShownRule} />
						</p>
						{errors[key] ? (
							<p className="field__error" id={`${key}-fout`}>
								{t(`rulesForm.${errors[key]}`)}
							</p>
						) : null}
						<RuleInput ruleKey={key} value={defaults[key]} label={t(`unitRules.${key}`)} error={errors[key]} submitted={submitted} />
					</fieldset>
				))}
				<div className="form-actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('concernRules.save')}
					</button>
				</div>
			</Form>
		</div>
	)
}
