import { getCollectionProps, getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection, ChangeNotice, RowActions, RowButton, RowLink } from '../components/admin-list.tsx'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { rowFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { XAPI_CLIENT_VERSIONS, XAPI_SCOPES, xapiClientConstraint, xapiClientSchema, xapiClientStateSchema } from '../features/xapi/client-schema.ts'
import { askedUnit, changeXapiClient, PREVIOUS_SECRET_DAYS, registerXapiClient, renewXapiClientSecret, setXapiClientActive, showXapiClients, xapiClientsOf } from '../features/xapi/clients.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { UnitPicker } from '../features/xapi/unit-picker.tsx'

const PATH = '/beheer/xapi-systemen'
const FLASHES = ['opgeslagen', 'gedeactiveerd', 'geactiveerd'] as const

/** This page's address for the unit the concern administrator chose (none for a coordinator's own unit), with `params`. */
function pageHref(unitParam: string | null, params: Record<string, string> = {}): string {
	const search = new URLSearchParams({ ...(unitParam ? { eenheid: unitParam } : {}), ...params }).toString()
	return search ? `${PATH}?${search}` : PATH
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const url = new URL(request.url)
	const asked = askedUnit(url)
	const page = valueOrThrow(await showXapiClients(context, { actor, unitId: asked }))
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('xapiClients.title')} – ${t('app.name')}`,
		...page,
		// Only a unit asked for by name stays in the page's links; a coordinator's own unit needs none.
		unitParam: asked && page.unit ? page.unit.id : null,
		// `?bewerk=`, `?deactiveer=` and `?vernieuw=` name a client of the unit; anything else is not found.
		editing: rowFromQuery(url, 'bewerk', page.clients, 'XAPI_CLIENT_NOT_FOUND'),
		deactivating: rowFromQuery(url, 'deactiveer', page.clients, 'XAPI_CLIENT_NOT_FOUND'),
		renewing: rowFromQuery(url, 'vernieuw', page.clients, 'XAPI_CLIENT_NOT_FOUND'),
		flash: FLASHES.find((key) => url.searchParams.has(key)) ?? null,
		endpoint: `${context.config.publicOrigin}/xapi/`,
		rateLimit: context.config.rateLimits.xapiClient,
		previousSecretDays: PREVIOUS_SECRET_DAYS,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const asked = askedUnit(new URL(request.url))
	const form = await readForm(request)
	const intent = requireIntent(form, ['register', 'save', 'renew', 'deactivate', 'activate'])
	switch (intent) {
		case 'register': {
			const submission = parseForm(form, xapiClientSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const registered = await registerXapiClient(context, { actor, unitId: asked, input: submission.value })
			if (!registered.ok) return refusedForm(submission, registered)
			// The secret is in this answer only: no redirect that could carry it, and no cache that could keep it.
			return data({ registered: registered.value }, { headers: { 'Cache-Control': 'no-store' } })
		}
		case 'save': {
			const submission = parseForm(form, xapiClientSchema)
			// A client that is not (or not this unit's) is not found, not a field to correct.
			invariantResponse(submission.status === 'success' || !submission.error?.id, 404, 'XAPI_CLIENT_NOT_FOUND')
			if (submission.status !== 'success') return invalidForm(submission)
			const changed = await changeXapiClient(context, { actor, unitId: asked, input: submission.value })
			if (!changed.ok) throwFailure(changed)
			return redirect(pageHref(asked, { opgeslagen: '1' }), 303)
		}
		case 'renew': {
			const submission = parseForm(form, xapiClientStateSchema)
			invariantResponse(submission.status === 'success', 404, 'XAPI_CLIENT_NOT_FOUND')
			const renewed = await renewXapiClientSecret(context, { actor, unitId: asked, clientId: submission.value.id })
			if (!renewed.ok) throwFailure(renewed)
			// As at registering: the new secret is in this answer only.
			return data({ renewed: renewed.value }, { headers: { 'Cache-Control': 'no-store' } })
		}
		default: {
			const submission = parseForm(form, xapiClientStateSchema)
			invariantResponse(submission.status === 'success', 404, 'XAPI_CLIENT_NOT_FOUND')
			const changed = await setXapiClientActive(context, { actor, unitId: asked, clientId: submission.value.id, active: intent === 'activate' })
			if (!changed.ok) throwFailure(changed)
			return redirect(pageHref(asked, { [intent === 'activate' ? 'geactiveerd' : 'gedeactiveerd']: '1' }), 303)
		}
	}
}

export default function XapiClients() {
	const { units, unit, unitParam, clients, editing, deactivating, renewing, flash, endpoint, rateLimit, previousSecretDays } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const busy = navigation.state === 'submitting'
	const renewed = actionData && 'renewed' in actionData ? actionData.renewed : null
	const registered = actionData && 'registered' in actionData ? actionData.registered : (renewed ?? null)
	const reply = actionData && 'initialValue' in actionData ? actionData : undefined
	const replyFor = (intent: 'register' | 'save') => (reply?.initialValue?.intent === intent ? reply : undefined)
	const flashText = { opgeslagen: t('xapiClients.saved'), gedeactiveerd: t('xapiClients.deactivated'), geactiveerd: t('xapiClients.activated') }
	const here = pageHref(unitParam)
	return (
		<div className="container page xapi-clients-page">
			<h1>{t('xapiClients.title')}</h1>
			<p className="lead">{t('xapiClients.intro')}</p>
			<ChangeNotice text={flash ? flashText[flash] : null} />

			{units ? (
				<UnitPicker
					units={units}
					chosen={unit?.id ?? null}
					texts={{ heading: t('xapiClients.unitTitle'), intro: t('xapiClients.unitIntro'), label: t('xapiClients.unit'), choose: t('xapiClients.unitChoose'), show: t('xapiClients.unitShow') }}
				/>
			) : null}

			{registered ? (
				<section className="notice notice--success xapi-secret" role="status" aria-labelledby="xapi-registered-title">
					<h2 id="xapi-registered-title">{t(renewed ? 'xapiClients.renewedTitle' : 'xapiClients.registeredTitle', { name: registered.name })}</h2>
					<p>
						<strong>{t('xapiClients.secretOnce')}</strong>
					</p>
					{renewed ? <p>{t('xapiClients.previousUntil', { date: formatDateTime(new Date(renewed.previousUntil), i18n.language) })}</p> : null}
					<dl>
						<dt>{t('xapiClients.endpoint')}</dt>
						<dd>
							<code>{endpoint}</code>
						</dd>
						<dt>{t('xapiClients.key')}</dt>
						<dd>
							<code>{registered.key}</code>
						</dd>
						<dt>{t('xapiClients.secret')}</dt>
						<dd>
							<code>{registered.secret}</code>
						</dd>
					</dl>
					<p>{t('xapiClients.howTo')}</p>
				</section>
			) : null}

			{unit ? (
				<>
					{renewing ? (
						<ConfirmAction
							id="renew-title"
							title={t('xapiClients.renewTitle', { name: renewing.name })}
							text={t('xapiClients.renewText', { name: renewing.name, count: previousSecretDays })}
							fields={{ intent: 'renew', id: renewing.id }}
							confirmLabel={t('xapiClients.confirmRenew')}
							cancelTo={here}
							cancelLabel={t('xapiClients.cancel')}
							busy={busy}
						/>
					) : null}
					{deactivating ? (
						<ConfirmAction
							id="confirm-title"
							title={t('xapiClients.confirmTitle', { name: deactivating.name })}
							text={t('xapiClients.confirmText', { name: deactivating.name })}
							fields={{ intent: 'deactivate', id: deactivating.id }}
							confirmLabel={t('xapiClients.confirmDeactivate')}
							cancelTo={here}
							cancelLabel={t('xapiClients.cancel')}
							busy={busy}
						/>
					) : null}

					<AdminList
						id="xapi-list-title"
						heading={units ? `${t('xapiClients.forUnit', { unit: unit.name })}: ${t('xapiClients.count', { count: clients.length })}` : t('xapiClients.count', { count: clients.length })}
						columns={[
							t('xapiClients.name'),
							t('xapiClients.key'),
							t('xapiClients.scopesShort'),
							t('xapiClients.version'),
							t('xapiClients.state'),
							t('xapiClients.lastUsed'),
							t('xapiClients.statementCount'),
							t('xapiClients.created'),
							t('xapiClients.actions'),
						]}
						empty={clients.length === 0}
						emptyText={t('xapiClients.empty')}
					>
						{clients.map((client) => (
							<tr key={client.id}>
								<th scope="row">{client.name}</th>
								<td>
									<code>{client.key}</code>
								</td>
								<td>{client.scopes.map((scope) => t(`xapiClients.scopeShort.${scope}`)).join(', ')}</td>
								<td>{client.xapiVersion ?? t('xapiClients.versionBoth')}</td>
								<td>{t(client.active ? 'xapiClients.active' : 'xapiClients.inactive')}</td>
								<td>{client.lastUsedAt ? formatDateTime(new Date(client.lastUsedAt), i18n.language) : t('xapiClients.never')}</td>
								<td>{client.statementCount.toLocaleString(i18n.language)}</td>
								<td>{formatDateTime(new Date(client.createdAt), i18n.language)}</td>
								<RowActions>
									<RowLink to={pageHref(unitParam, { bewerk: client.id })} label={t('xapiClients.edit')} row={client.name} />
									<RowLink to={pageHref(unitParam, { vernieuw: client.id })} label={t('xapiClients.renew')} row={client.name} />
									{client.active ? (
										<RowLink to={pageHref(unitParam, { deactiveer: client.id })} label={t('xapiClients.deactivate')} row={client.name} />
									) : (
										<RowButton intent="activate" id={client.id} label={t('xapiClients.activate')} row={client.name} />
									)}
								</RowActions>
							</tr>
						))}
					</AdminList>

					<AdminSection id="xapi-form-title" heading={editing ? t('xapiClients.editTitle', { name: editing.name }) : t('xapiClients.registerTitle')}>
						<ClientForm key={editing?.id ?? registered?.id ?? 'new'} editing={editing} unitParam={unitParam} lastResult={replyFor(editing ? 'save' : 'register')} busy={busy} />
					</AdminSection>

					<AdminSection id="xapi-use-title" heading={t('xapiClients.endpoint')}>
						<p>
							<code>{endpoint}</code>
						</p>
						<p>{t('xapiClients.howTo')}</p>
						<p>{t('xapiClients.rateLimit', { max: rateLimit.maxHits, seconds: rateLimit.windowSeconds })}</p>
						<p>{t('xapiClients.rotation')}</p>
					</AdminSection>
				</>
			) : null}
		</div>
	)
}

type Reply = Exclude<ReturnType<typeof useActionData<typeof action>>, { registered: unknown } | { renewed: unknown }>
type Editing = { id: string; name: string; scopes: string[]; xapiVersion: string | null } | null

/** Registers a client, or changes the one being edited: its name and its scopes as plain-language checkboxes; each error beside its field. */
function ClientForm({ editing, unitParam, lastResult, busy }: { editing: Editing; unitParam: string | null; lastResult: Reply; busy: boolean }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'xapi-client',
		lastResult,
		constraint: xapiClientConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: xapiClientSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: editing ? { name: editing.name, scopes: editing.scopes, xapiVersion: editing.xapiVersion ?? 'both' } : { scopes: ['statements/write'], xapiVersion: 'both' },
	})
	const scopesError = errorText(fields.scopes.errors)
	const boxes = getCollectionProps(fields.scopes, { type: 'checkbox', options: [...XAPI_SCOPES], ariaAttributes: false })
	const labels = { name: t('xapiClients.name'), scopes: t('xapiClients.scopes'), xapiVersion: t('xapiClients.versionLabel') }
	return (
		<Form method="post" action={pageHref(unitParam, editing ? { bewerk: editing.id } : {})} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value={editing ? 'save' : 'register'} />
			{editing ? <input type="hidden" name="id" value={editing.id} /> : null}
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.name, label: labels.name },
					// The summary's link goes to the first box, which carries the field's id.
					{ meta: fields.scopes, label: labels.scopes },
					{ meta: fields.xapiVersion, label: labels.xapiVersion },
				]}
			/>
			<Field meta={fields.name} label={labels.name} hint={t('xapiClients.nameHint')} />
			<fieldset className={['field', scopesError ? 'field--invalid' : null].filter(Boolean).join(' ')}>
				<legend>{labels.scopes}</legend>
				{boxes.map(({ key, ...box }, index) => (
					<div key={box.value} className="field__choice">
						<input
							key={key}
							{...box}
							id={index === 0 ? fields.scopes.id : `${fields.scopes.id}-${index}`}
							aria-invalid={scopesError ? true : undefined}
							aria-describedby={scopesError ? fields.scopes.errorId : undefined}
						/>{' '}
						<label htmlFor={index === 0 ? fields.scopes.id : `${fields.scopes.id}-${index}`}>{t(`xapiClients.scope.${box.value as (typeof XAPI_SCOPES)[number]}`)}</label>
					</div>
				))}
				{scopesError ? (
					<p className="field__error" id={fields.scopes.errorId}>
						{scopesError}
					</p>
				) : null}
			</fieldset>
			<Field
				meta={fields.xapiVersion}
				label={labels.xapiVersion}
				hint={t('xapiClients.versionHint')}
				as="select"
				options={XAPI_CLIENT_VERSIONS.map((value) => ({ value, label: value === 'both' ? t('xapiClients.versionBoth') : value }))}
			/>
			<p className="form-actions">
				<button type="submit" className="button" disabled={busy}>
					{editing ? t('xapiClients.save') : t('xapiClients.register')}
				</button>
				{editing ? <Link to={pageHref(unitParam)}>{t('xapiClients.cancel')}</Link> : null}
			</p>
		</Form>
	)
}
