import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ENROLMENT_RULE_KEYS } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { RuleValue, RuleValueFields, type ShownRule } from '../features/po-rules/po-rules.tsx'
import { concernDefaultsSchema, rulesFormValues, type EnrolmentRules } from '../features/po-rules/rules-schema.ts'
import { showConcernDefaults } from '../features/po-rules/show-concern-defaults.server.ts'
import { updateConcernDefaults } from '../features/po-rules/update-concern-defaults.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/regels'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'po_defaults' })
	const defaults = valueOrThrow(await showConcernDefaults(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { defaults, title: `${t('concernRules.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'po_defaults' })
	const form = await readForm(request)
	requireIntent(form, ['save'])
	const submission = parseForm(form, concernDefaultsSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	valueOrThrow(await updateConcernDefaults(context, { actor, rules: submission.value }))
	return redirect(`${PATH}?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function ConcernRules() {
	const { defaults } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('concernRules.title')}</h1>
			<p className="lead">{t('concernRules.intro')}</p>
			{/* A new form after a save, so it starts from the stored values. */}
			<ConcernRulesForm key={JSON.stringify(defaults)} defaults={defaults} />
		</div>
	)
}

function ConcernRulesForm({ defaults }: { defaults: EnrolmentRules }) {
	const lastResult = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const [form, fields] = useForm({
		id: 'concern-rules',
		lastResult,
		constraint: getZodConstraint(concernDefaultsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: concernDefaultsSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: rulesFormValues(defaults, i18n.language),
	})
	const approval = fields.approval.getFieldset()
	const summaryFields = ENROLMENT_RULE_KEYS.flatMap((key) => [
		{ meta: fields[key].getFieldset().value, label: t(`unitRules.${key}`) },
		...(key === 'approval' ? [{ meta: approval.threshold, label: `${t('unitRules.approval')}: ${t('rulesForm.threshold')}` }] : []),
	])
	return (
		<>
			{searchParams.has('opgeslagen') && form.status !== 'error' ? (
				<p className="notice notice--success" role="status">
					{t('concernRules.saved')}
				</p>
			) : null}
			<ErrorSummary form={form} fields={summaryFields} />
			<Form method="post" className="form-stack" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				{ENROLMENT_RULE_KEYS.map((key) => (
					<fieldset key={key} className="field">
						<legend>{t(`unitRules.${key}`)}</legend>
						<p className="hint">
							{t('concernRules.now')} <RuleValue rule={{ key, value: defaults[key] } as ShownRule} />
						</p>
						<RuleValueFields ruleKey={key} meta={fields[key]} />
					</fieldset>
				))}
				<div className="form-actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('concernRules.save')}
					</button>
				</div>
			</Form>
		</>
	)
}
