import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChangeNotice } from '../components/admin-list.tsx'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { slugParam } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { removeUnitSsoSetting } from '../features/identity/remove-unit-sso-setting.server.ts'
import { saveUnitSsoSetting } from '../features/identity/save-unit-sso-setting.server.ts'
import { showUnitSsoSetting } from '../features/identity/show-unit-sso-setting.server.ts'
import { ssoSettingsFormValues, ssoSettingsSchema } from '../features/identity/sso-settings-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

const NOTICES = ['opgeslagen', 'verwijderd'] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'sso_settings' })
	const slug = slugParam(params, 'slug', 'TENANT_NOT_FOUND')
	const setting = valueOrThrow(await showUnitSsoSetting(context, { actor, slug, secretFromEnv: context.config.secretFromEnv }))
	const url = new URL(request.url)
	const t = await i18next.getFixedT(request)
	return {
		...setting,
		confirmRemove: url.searchParams.get('verwijderen') === 'bevestigen',
		notice: NOTICES.find((known) => known === url.searchParams.get('gedaan')) ?? null,
		title: `${t('ssoSettings.unitTitle', { unit: setting.unit.shortName })} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'sso_settings' })
	const slug = slugParam(params, 'slug', 'TENANT_NOT_FOUND')
	const form = await readForm(request)
	switch (requireIntent(form, ['save', 'remove'])) {
		case 'save': {
			const submission = parseForm(form, ssoSettingsSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const saved = await saveUnitSsoSetting(context, { actor, slug, input: submission.value })
			if (!saved.ok) return saved.field ? refusedForm(submission, saved) : throwFailure(saved)
			return redirect(`/beheer/inloggen/${slug}?gedaan=opgeslagen`, 303)
		}
		case 'remove': {
			valueOrThrow(await removeUnitSsoSetting(context, { actor, slug }))
			return redirect(`/beheer/inloggen/${slug}?gedaan=verwijderd`, 303)
		}
	}
}

export default function UnitSsoSetting() {
	const { unit, config, confirmRemove, notice } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<div className="container page">
			<p>
				<Link to="/beheer/inloggen">{t('ssoSettings.back')}</Link>
			</p>
			<h1>{t('ssoSettings.unitTitle', { unit: unit.name })}</h1>
			<ChangeNotice text={notice === 'opgeslagen' ? t('ssoSettings.saved') : notice === 'verwijderd' ? t('ssoSettings.removed') : null} />

			<section aria-labelledby="nu">
				<h2 id="nu">{t('ssoSettings.currentTitle')}</h2>
				{config ? (
					<>
						<dl className="facts">
							<dt>{t('ssoSettings.issuer')}</dt>
							<dd>
								<code>{config.issuer}</code>
							</dd>
							<dt>{t('ssoSettings.clientId')}</dt>
							<dd>
								<code>{config.clientId}</code>
							</dd>
							<dt>{t('ssoSettings.clientSecretEnv')}</dt>
							<dd>
								<code>{config.clientSecretEnv}</code>
							</dd>
							<dt>{t('ssoSettings.employeeNumberClaim')}</dt>
							<dd>
								<code>{config.employeeNumberClaim}</code>
							</dd>
							<dt>{t('ssoSettings.extraScopes')}</dt>
							<dd>{config.extraScopes.length > 0 ? <code>{config.extraScopes.join(' ')}</code> : t('ssoSettings.emptyList')}</dd>
							<dt>{t('ssoSettings.mfaAcrValues')}</dt>
							<dd>{config.mfaAcrValues.length > 0 ? <code>{config.mfaAcrValues.join(' ')}</code> : t('ssoSettings.emptyList')}</dd>
							<dt>{t('ssoSettings.lastChanged')}</dt>
							<dd>{formatDateTime(new Date(config.updatedAt), i18n.language)}</dd>
						</dl>
						<p role="status">
							{config.secretSet ? t('ssoSettings.secretStatusSet', { name: config.clientSecretEnv }) : <strong>{t('ssoSettings.secretStatusMissing', { name: config.clientSecretEnv })}</strong>}
						</p>
					</>
				) : (
					<p>{t('ssoSettings.notConfigured', { unit: unit.name })}</p>
				)}
			</section>

			{/* A new form after a save, so it starts from the stored values. */}
			<SsoSettingsForm key={config ? String(config.updatedAt) : 'none'} config={config} />

			{config ? (
				<section aria-labelledby="verwijderen">
					<h2 id="verwijderen">{t('ssoSettings.removeTitle')}</h2>
					<p>{t('ssoSettings.removeIntro')}</p>
					{confirmRemove ? (
						<ConfirmAction
							id="verwijderen-bevestigen"
							headingLevel="h3"
							title={t('ssoSettings.removeConfirmTitle', { unit: unit.name })}
							text={t('ssoSettings.removeConfirm', { unit: unit.name })}
							fields={{ intent: 'remove' }}
							confirmLabel={t('ssoSettings.remove')}
							cancelTo={`/beheer/inloggen/${unit.slug}`}
							cancelLabel={t('ssoSettings.cancel')}
						/>
					) : (
						<Link to="?verwijderen=bevestigen#verwijderen-bevestigen">{t('ssoSettings.remove')}</Link>
					)}
				</section>
			) : null}
		</div>
	)
}

function SsoSettingsForm({ config }: { config: Parameters<typeof ssoSettingsFormValues>[0] }) {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'sso-settings',
		lastResult: actionData,
		constraint: getZodConstraint(ssoSettingsSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ssoSettingsSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: ssoSettingsFormValues(config),
	})
	const labelled = [
		{ meta: fields.issuer, label: t('ssoSettings.issuer') },
		{ meta: fields.clientId, label: t('ssoSettings.clientId') },
		{ meta: fields.clientSecretEnv, label: t('ssoSettings.clientSecretEnv') },
		{ meta: fields.employeeNumberClaim, label: t('ssoSettings.employeeNumberClaim') },
		{ meta: fields.extraScopes, label: t('ssoSettings.extraScopes') },
		{ meta: fields.mfaAcrValues, label: t('ssoSettings.mfaAcrValues') },
	]
	return (
		<section aria-labelledby="instellen">
			<h2 id="instellen">{t('ssoSettings.formTitle')}</h2>
			<p>{t('ssoSettings.formIntro')}</p>
			<Form method="post" className="form" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				<ErrorSummary form={form} fields={labelled} formError={errorText(form.errors)} />
				<Field meta={fields.issuer} label={t('ssoSettings.issuer')} hint={t('ssoSettings.issuerHint')} type="url" controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<Field meta={fields.clientId} label={t('ssoSettings.clientId')} hint={t('ssoSettings.clientIdHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<Field meta={fields.clientSecretEnv} label={t('ssoSettings.clientSecretEnv')} hint={t('ssoSettings.clientSecretEnvHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<Field meta={fields.employeeNumberClaim} label={t('ssoSettings.employeeNumberClaim')} hint={t('ssoSettings.employeeNumberClaimHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<Field meta={fields.extraScopes} label={t('ssoSettings.extraScopes')} hint={t('ssoSettings.extraScopesHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<Field meta={fields.mfaAcrValues} label={t('ssoSettings.mfaAcrValues')} hint={t('ssoSettings.mfaAcrValuesHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
				<div className="form-actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('ssoSettings.save')}
					</button>
				</div>
			</Form>
		</section>
	)
}
