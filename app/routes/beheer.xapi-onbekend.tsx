import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parsePage, type DescribedAgentKey } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection, ChangeNotice } from '../components/admin-list.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { Pagination } from '../components/pagination.tsx'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { rematchXapiPeople, saveXapiPersonIdentifier, showXapiPeople, type XapiPeopleView } from '../features/xapi/manage-xapi-people.server.ts'
import { ownUnitSettings, personIdentifierConstraint, personIdentifierSchema } from '../features/xapi/people-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

// The unit's xAPI statements about people Leerplein does not know (ADR 039, "People"): how the
// unit's systems name employees, matching again, and the unmatched actors, for its coordinators.

const PATH = '/beheer/xapi-onbekend'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSettings)
	const url = new URL(request.url)
	const page = parsePage(url.searchParams.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const view = valueOrThrow(await showXapiPeople(context, { actor, page: page.value }))
	const t = await i18next.getFixedT(request)
	const matched = countFromQuery(url, 'gekoppeld')
	const unmatched = countFromQuery(url, 'onbekend')
	return {
		title: `${t('xapiPeople.title')} – ${t('app.name')}`,
		view,
		saved: url.searchParams.has('opgeslagen'),
		rematched: matched !== null && unmatched !== null ? { matched, unmatched } : null,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSettings)
	const form = await readForm(request)
	switch (requireIntent(form, ['identifier', 'rematch'])) {
		case 'identifier': {
			const submission = parseForm(form, personIdentifierSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			valueOrThrow(await saveXapiPersonIdentifier(context, { actor, input: submission.value }))
			return redirect(`${PATH}?opgeslagen=1`, 303)
		}
		case 'rematch': {
			const outcome = valueOrThrow(await rematchXapiPeople(context, { actor }))
			return redirect(`${PATH}?gekoppeld=${outcome.matched}&onbekend=${outcome.unmatched}#opnieuw-koppelen`, 303)
		}
	}
}

export default function XapiPeople() {
	const { view, saved, rematched } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const busy = navigation.state === 'submitting'
	return (
		<div className="container page">
			<h1>{t('xapiPeople.title')}</h1>
			<p className="lead">{t('xapiPeople.intro')}</p>

			<AdminSection id="instelling" heading={t('xapiPeople.settingTitle')}>
				<ChangeNotice text={saved ? t('xapiPeople.saved') : null} />
				{view.setting === null ? <p>{t('xapiPeople.settingNone')}</p> : null}
				<IdentifierForm key={JSON.stringify(view.setting)} setting={view.setting} busy={busy} />
			</AdminSection>

			<AdminSection id="opnieuw-koppelen" heading={t('xapiPeople.rematchTitle')}>
				<ChangeNotice text={rematched ? t('xapiPeople.rematched', rematched) : null} />
				<p>{t('xapiPeople.rematchIntro', { count: view.unmatchedStatements })}</p>
				<Form method="post">
					<input type="hidden" name="intent" value="rematch" />
					<button type="submit" className="button" disabled={busy}>
						{t('xapiPeople.rematch')}
					</button>
				</Form>
			</AdminSection>

			<AdminList
				id="onbekende-personen"
				heading={t('xapiPeople.listTitle', { count: view.actorCount })}
				columns={[t('xapiPeople.person'), t('xapiPeople.statements'), t('xapiPeople.firstStored'), t('xapiPeople.lastStored'), t('xapiPeople.clients')]}
				empty={view.actors.length === 0}
				emptyText={t('xapiPeople.empty')}
			>
				{view.actors.map((actor) => (
					<tr key={actor.actorKey}>
						<th scope="row">
							<IdentifierText identifier={actor.identifier} />
						</th>
						<td>{actor.statements}</td>
						<td>{formatDateTime(new Date(actor.firstStored), i18n.language)}</td>
						<td>{formatDateTime(new Date(actor.lastStored), i18n.language)}</td>
						<td>{actor.clients.join(', ')}</td>
					</tr>
				))}
			</AdminList>
			<Pagination page={view.page} pages={view.pages} label={t('xapiPeople.pagination')} anchor="onbekende-personen" />
		</div>
	)
}

/** An actor's identifier as the coordinator reads it. */
function IdentifierText({ identifier }: { identifier: DescribedAgentKey }) {
	const { t } = useTranslation()
	switch (identifier.kind) {
		case 'account':
			return t('xapiPeople.kindAccount', { name: identifier.name, homePage: identifier.homePage })
		case 'mbox':
			return t('xapiPeople.kindMbox', { address: identifier.address })
		case 'mbox_sha1sum':
			return t('xapiPeople.kindSha1', { hash: identifier.hash })
		case 'openid':
			return t('xapiPeople.kindOpenid', { uri: identifier.uri })
		case 'unknown':
			return t('xapiPeople.kindUnknown', { key: identifier.key })
	}
}

/** The unit's identifier; the home page beside it matters only for an account. Errors beside their fields. */
function IdentifierForm({ setting, busy }: { setting: XapiPeopleView['setting']; busy: boolean }) {
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'xapi-identifier',
		lastResult,
		constraint: personIdentifierConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: personIdentifierSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { personIdentifier: setting?.personIdentifier ?? '', accountHomePage: setting?.accountHomePage ?? '' },
	})
	const labels = { personIdentifier: t('xapiPeople.identifier'), accountHomePage: t('xapiPeople.homePage') }
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="identifier" />
			<ErrorSummary form={form} fields={(['personIdentifier', 'accountHomePage'] as const).map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field
				meta={fields.personIdentifier}
				label={labels.personIdentifier}
				hint={t('xapiPeople.identifierHint')}
				as="select"
				options={[
					{ value: '', label: t('xapiPeople.identifierChoose') },
					{ value: 'account', label: t('xapiPeople.identifierAccount') },
					{ value: 'mbox', label: t('xapiPeople.identifierMbox') },
				]}
			/>
			<Field meta={fields.accountHomePage} label={labels.accountHomePage} hint={t('xapiPeople.homePageHint')} type="url" controlProps={{ autoComplete: 'off', spellCheck: false }} />
			<button type="submit" className="button" disabled={busy}>
				{t('xapiPeople.save')}
			</button>
		</Form>
	)
}
