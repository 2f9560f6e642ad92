import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminList, ChangeNotice } from '../components/admin-list.tsx'
import { useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { addParticipantSchema } from '../features/enrolment/add-participant-schema.ts'
import { addParticipant } from '../features/enrolment/add-participant.server.ts'
import { showParticipantOptions, type ParticipantOption } from '../features/enrolment/show-participant-options.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownUnitSession } from '../features/sessions/own-unit-session.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate, formatPrice, formatTimeRange } from '../utils/format.ts'

// A coordinator adds an employee of the unit to one of the unit's sessions, on their behalf
// (issue 14, item 6): the same request as the employee's own, under the employee's unit's rules,
// with what it will do said before the click.

const ADDED = ['enrolled', 'waitlisted', 'awaiting_approval'] as const

const pagePath = (sessionId: string) => `/uitvoeringen/${sessionId}/deelnemer-toevoegen`

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const url = new URL(request.url)
	const query = (url.searchParams.get('zoek') ?? '').slice(0, 100)
	const shown = valueOrThrow(await showParticipantOptions(context, { actor, sessionId, query }))
	// After adding: `?toegevoegd=<status>&wie=<id>` names one of the people shown (the search is repeated).
	const status = ADDED.find((candidate) => candidate === url.searchParams.get('toegevoegd')) ?? null
	const who = shown.people.find((person) => person.id === url.searchParams.get('wie'))
	const t = await i18next.getFixedT(request)
	return { ...shown, query, added: status && who ? { status, name: who.name } : null, title: `${t('addParticipant.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnitSession)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['add'])
	const submission = parseForm(form, addParticipantSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { employeeId } = submission.value
	const result = await addParticipant(context, { actor, sessionId, employeeId })
	if (!result.ok && result.code === 'SESSION_NOT_FOUND') throwFailure(result)
	// Any other refusal is about adding this person: it shows above the list.
	if (!result.ok) return refusedForm(submission, { ...result, field: undefined })
	const query = new URL(request.url).searchParams.get('zoek') ?? ''
	return redirect(`${pagePath(sessionId)}?${new URLSearchParams({ zoek: query, toegevoegd: result.value.status, wie: employeeId })}`, 303)
}

export default function AddParticipant() {
	const { session, people, query, added } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const refused = errorText(lastResult?.error?.[''] ?? undefined)
	const when = `${formatDate(new Date(session.startsAt), i18n.language)}, ${formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), i18n.language)}`
	const place = session.city ?? t('addParticipant.online')
	return (
		<div className="container page">
			<h1>{t('addParticipant.title')}</h1>
			<p className="lead">{t('addParticipant.intro', { title: session.courseTitle, date: `${when} (${place})` })}</p>
			<ChangeNotice text={added ? t(`addParticipant.added_${added.status}`, { name: added.name }) : null} />
			{refused ? (
				<div className="error-summary" role="alert">
					<p>{refused}</p>
				</div>
			) : null}
			<Form method="get" role="search" className="inline-search">
				<label htmlFor="participant-search">{t('addParticipant.search')}</label>
				<input id="participant-search" type="search" name="zoek" defaultValue={query} maxLength={100} autoComplete="off" />
				<button type="submit" className="button button--secondary">
					{t('addParticipant.searchSubmit')}
				</button>
			</Form>
			{query.trim().length < 2 ? (
				<p className="hint">{t('addParticipant.searchFirst')}</p>
			) : (
				<AdminList
					id="participant-results-title"
					heading={t('addParticipant.results', { count: people.length })}
					columns={[t('addParticipant.name'), t('addParticipant.email'), t('addParticipant.effect'), t('addParticipant.action')]}
					empty={people.length === 0}
					emptyText={t('addParticipant.noneFound', { query })}
				>
					{people.map((person) => (
						<tr key={person.id}>
							<th scope="row">{person.name}</th>
							<td>{person.email}</td>
							<td id={`effect-${person.id}`}>{person.alreadyIn ? t('addParticipant.alreadyIn') : <EffectText person={person} />}</td>
							<td>
								{person.alreadyIn || person.preview.kind === 'refused' ? null : (
									<Form method="post" action={`${pagePath(session.id)}?${new URLSearchParams({ zoek: query })}`} className="inline-form">
										<input type="hidden" name="intent" value="add" />
										<input type="hidden" name="employeeId" value={person.id} />
										<button type="submit" className="button button--secondary" aria-label={`${t('addParticipant.add')}: ${person.name}`} aria-describedby={`effect-${person.id}`}>
											{t('addParticipant.add')}
										</button>
									</Form>
								)}
							</td>
						</tr>
					))}
				</AdminList>
			)}
			<p>
				<Link to={`/uitvoeringen/${session.id}`}>{t('addParticipant.back')}</Link>
			</p>
		</div>
	)
}

/** What adding this person will do, in the third person: at once or after whose approval (why), or not at all; and the budget after. */
function EffectText({ person }: { person: ParticipantOption }) {
	const { t, i18n } = useTranslation()
	const { preview } = person
	const money = (cents: number) => formatPrice(cents, i18n.language)
	if (preview.kind === 'refused') return <>{t(`errors.${preview.code}`)}</>
	const paid = preview.priceCents > 0
	const after = !paid ? '' : preview.remainingAfterCents < 0 ? t('addParticipant.afterOver', { over: money(-preview.remainingAfterCents) }) : t('addParticipant.after', { after: money(preview.remainingAfterCents) })
	if (preview.kind === 'enrols') {
		const what = paid ? t('addParticipant.enrolsPaid', { price: money(preview.priceCents), year: preview.budgetYear }) : t('addParticipant.enrolsFree')
		return <>{[what, after].filter(Boolean).join(' ')}</>
	}
	const who = t(`addParticipant.approval_${person.firstApprover}`, { reason: t(`addParticipant.reason_${preview.approvalReason ?? 'unit_always'}`) })
	const cost = paid ? t('addParticipant.approvalPaid', { price: money(preview.priceCents), year: preview.budgetYear }) : ''
	return <>{[who, cost, after].filter(Boolean).join(' ')}</>
}
