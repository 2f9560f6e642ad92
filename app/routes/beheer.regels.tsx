import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ENROLMENT_RULE_KEYS } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { RuleValue, RuleValueFields, type ShownRule } from '../features/po-rules/po-rules.tsx'
import { concernDefaultsSchema, defaultPassMarkSchema, rulesFormValues, type EnrolmentRules } from '../features/po-rules/rules-schema.ts'
import { updateDefaultPassMark } from '../features/po-rules/update-default-pass-mark.server.ts'
import { showConcernDefaults } from '../features/po-rules/show-concern-defaults.server.ts'
import { updateConcernDefaults } from '../features/po-rules/update-concern-defaults.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const PATH = '/beheer/regels'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'po_defaults' })
	const { rules: defaults, defaultPassMarkPercent } = valueOrThrow(await showConcernDefaults(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { defaults, defaultPassMarkPercent, title: `${t('concernRules.title')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'po_defaults' })
	const form = await readForm(request)
	switch (requireIntent(form, ['save', 'pass-mark'])) {
		case 'save': {
			const submission = parseForm(form, concernDefaultsSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await updateConcernDefaults(context, { actor, rules: submission.value }))
			return redirect(`${PATH}?opgeslagen=1`)
		}
		case 'pass-mark': {
			const submission = parseForm(form, defaultPassMarkSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await updateDefaultPassMark(context, { actor, percent: submission.value.defaultPassMarkPercent }))
			return redirect(`${PATH}?cesuur-opgeslagen=1#cesuur`)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function ConcernRules() {
	const { defaults, defaultPassMarkPercent } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('concernRules.title')}</h1>
			<p className="lead">{t('concernRules.intro')}</p>
			{/* A new form after a save, so it starts from the stored values. */}
			<ConcernRulesForm key={JSON.stringify(defaults)} defaults={defaults} />
			<DefaultPassMarkForm key={defaultPassMarkPercent} percent={defaultPassMarkPercent} />
		</div>
	)
}

function ConcernRulesForm({ defaults }: { defaults: EnrolmentRules }) {
	const actionData = useActionData<typeof action>()
	// The page has two forms: only the reply to this one.
	const lastResult = actionData && 'initialValue' in actionData && actionData.initialValue?.intent === 'save' ? actionData : undefined
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

/** The pass mark a new online part gets when its learning tool sends none (Deep Linking; ADR 026). */
function DefaultPassMarkForm({ percent }: { percent: number }) {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation()
	const lastResult = actionData && 'initialValue' in actionData && actionData.initialValue?.intent === 'pass-mark' ? actionData : undefined
	const [form, fields] = useForm({
		id: 'default-pass-mark',
		lastResult,
		constraint: getZodConstraint(defaultPassMarkSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: defaultPassMarkSchema }),
		shouldValidate: 'onSubmit',
		defaultValue: { defaultPassMarkPercent: String(percent) },
	})
	return (
		<section aria-labelledby="cesuur">
			<h2 id="cesuur">{t('concernRules.passMarkTitle')}</h2>
			<p>{t('concernRules.passMarkIntro')}</p>
			{searchParams.has('cesuur-opgeslagen') && form.status !== 'error' ? (
				<p className="notice notice--success" role="status">
					{t('concernRules.passMarkSaved')}
				</p>
			) : null}
			<Form method="post" className="form" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="pass-mark" />
				<ErrorSummary form={form} fields={[{ meta: fields.defaultPassMarkPercent, label: t('concernRules.passMark') }]} />
				<Field meta={fields.defaultPassMarkPercent} label={t('concernRules.passMark')} hint={t('concernRules.passMarkHint')} controlProps={{ inputMode: 'numeric' }} />
				<div className="form-actions">
					<button type="submit" className="button">
						{t('concernRules.passMarkSave')}
					</button>
				</div>
			</Form>
		</section>
	)
}
