import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { amsterdamDate, isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { correctEvidence } from '../features/passport/correct-evidence.server.ts'
import { levelName } from '../features/passport/levels.ts'
import { correctEvidenceConstraint, correctEvidenceSchema, revokeEvidenceConstraint, revokeEvidenceSchema } from '../features/passport/evidence-change-schema.ts'
import { askedMatrix } from '../features/passport/passport-matrix.server.ts'
import { PassportDots, PassportHistory, PassportTodo } from '../features/passport/passport-view.tsx'
import { systemRevocationKey } from '../features/passport/revocation-reason.ts'
import { revokeEvidence } from '../features/passport/revoke-evidence.server.ts'
import { showPersonPassport } from '../features/passport/show-person-passport.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

// One person's passport for their manager and their unit's coordinators (ADR 031, evidence on a
// screen): the dots, every piece of evidence with its state, and the history. A coordinator revokes
// a piece or corrects its day after a confirmation, with a reason; the dots are settled before the
// change commits, so the page shows the new dot straight after.

const pathOf = (userId: string) => `/paspoorten/medewerker/${userId}`

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', askedMatrix(new URL(request.url)))
	const userId = params.userId ?? ''
	invariantResponse(isUuid(userId), 404, 'PASSPORT_PERSON_NOT_FOUND')
	const view = valueOrThrow(await showPersonPassport(context, { actor, userId }))
	const url = new URL(request.url)
	// `?intrekken=` or `?corrigeren=` names a piece of this person's evidence to change; anything else is not found.
	const pieceOf = (name: string) => {
		const id = url.searchParams.get(name)
		if (id === null) return null
		const piece = view.mayChange ? view.evidence.find((row) => row.id === id) : undefined
		invariantResponse(piece, 404, 'EVIDENCE_NOT_FOUND')
		return piece
	}
	const done = url.searchParams.get('klaar')
	const t = await i18next.getFixedT(request)
	return {
		...view,
		revoking: pieceOf('intrekken'),
		correcting: pieceOf('corrigeren'),
		done: done === 'ingetrokken' ? ('revoked' as const) : done === 'gecorrigeerd' ? ('corrected' as const) : null,
		today: amsterdamDate(context.clock.now()),
		title: `${t('passportPerson.title', { name: view.person.name })} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', (actor) => ({ kind: 'passport_evidence', tenantId: actor.tenantId, userId: params.userId ?? null }))
	const userId = params.userId ?? ''
	invariantResponse(isUuid(userId), 404, 'PASSPORT_PERSON_NOT_FOUND')
	const form = await readForm(request, { multiline: ['reason'] })
	switch (requireIntent(form, ['revoke', 'correct'])) {
		case 'revoke': {
			const submission = parseForm(form, revokeEvidenceSchema)
			if (submission.status !== 'success') {
				// An id that is no evidence is not found, not a field to correct.
				invariantResponse(!submission.error?.evidenceId, 404, 'EVIDENCE_NOT_FOUND')
				return invalidForm(submission)
			}
			const revoked = await revokeEvidence(context, { actor, userId, evidenceId: submission.value.evidenceId, reason: submission.value.reason })
			if (!revoked.ok) return revoked.kind === 'conflict' ? refusedForm(submission, revoked) : throwFailure(revoked)
			return redirect(`${pathOf(userId)}?klaar=ingetrokken`)
		}
		case 'correct': {
			const submission = parseForm(form, correctEvidenceSchema)
			if (submission.status !== 'success') {
				invariantResponse(!submission.error?.evidenceId, 404, 'EVIDENCE_NOT_FOUND')
				return invalidForm(submission)
			}
			const corrected = await correctEvidence(context, { actor, userId, ...submission.value })
			if (!corrected.ok) return corrected.kind === 'conflict' || corrected.kind === 'invalid' ? refusedForm(submission, corrected) : throwFailure(corrected)
			return redirect(`${pathOf(userId)}?klaar=gecorrigeerd`)
		}
	}
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Piece = Loaded['evidence'][number]

export default function PersonPassport() {
	const data = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const { person, dots, history, evidenceStatements, erasedEvidenceIds, evidence, revoking, correcting, done } = data
	const competencies = [...new Map(evidence.map((piece) => [piece.competencyId, piece.competencyName])).entries()]
	return (
		<div className="container page">
			<p>
				<Link to="/paspoorten">{t('passportPerson.back')}</Link>
			</p>
			<h1>{t('passportPerson.title', { name: person.name })}</h1>
			<p className="lead">{t('passportPerson.intro')}</p>
			{done ? (
				<p className="notice" role="status">
					{t(`passportPerson.${done}`)}
				</p>
			) : null}

			{revoking ? <ChangePanel data={data} piece={revoking} change="revoke" /> : null}
			{correcting ? <ChangePanel data={data} piece={correcting} change="correct" /> : null}

			<section aria-labelledby="person-dots-title">
				<h2 id="person-dots-title" className="visually-hidden">
					{t('passportPerson.dotsTitle')}
				</h2>
				{dots.length === 0 ? <p className="empty-state">{t('passportPerson.empty')}</p> : <PassportDots dots={dots} label={t('passportPerson.dotsTitle')} reader="other" />}
			</section>

			<PassportTodo dots={dots} person={{ name: person.name, mayAdd: data.mayAddToSession }} />

			<section aria-labelledby="person-evidence-title">
				<h2 id="person-evidence-title">{t('passportPerson.evidenceTitle')}</h2>
				<p>{t('passportPerson.evidenceIntro')}</p>
				{evidence.length === 0 ? <p className="empty-state">{t('passportPerson.evidenceEmpty')}</p> : null}
				{competencies.map(([competencyId, name]) => (
					<EvidenceTable key={competencyId} data={data} competencyId={competencyId} name={name} />
				))}
			</section>

			<PassportHistory history={history} reader="other" statements={evidenceStatements} erasedEvidenceIds={erasedEvidenceIds} />
		</div>
	)
}

/** The words for a piece: its source, its day, its competency (for labels and the confirmation). */
function usePieceWords() {
	const { t, i18n } = useTranslation()
	return (piece: Piece) => ({ source: t(`passportPerson.source_${piece.sourceKind}`), date: formatDate(calendarDay(piece.occurredOn), i18n.language), competency: piece.competencyName })
}

/** One competency's evidence: source, reference, day, who recorded it, its state, and for a coordinator the acts. */
function EvidenceTable({ data, competencyId, name }: { data: Loaded; competencyId: string; name: string }) {
	const { t, i18n } = useTranslation()
	const words = usePieceWords()
	const pieces = data.evidence.filter((piece) => piece.competencyId === competencyId)
	const titleId = `evidence-${competencyId}`
	const path = pathOf(data.person.id)
	const revocationReason = (piece: { revokedReason: string | null; revokedByName: string | null }) => {
		const key = systemRevocationKey(piece.revokedReason, { byPerson: piece.revokedByName !== null })
		return key ? t(key) : (piece.revokedReason ?? '')
	}
	return (
		<>
			<h3 id={titleId}>{t('passportPerson.evidenceCaption', { competency: name })}</h3>
			<ScrollRegion labelledBy={titleId}>
				<table className="sessions">
					<thead>
						<tr>
							<th scope="col">{t('passportPerson.source')}</th>
							<th scope="col">{t('passportPerson.day')}</th>
							<th scope="col">{t('passportPerson.reference')}</th>
							<th scope="col">{t('passportPerson.recordedBy')}</th>
							<th scope="col">{t('passportPerson.state')}</th>
							{data.mayChange ? <th scope="col">{t('passportPerson.actions')}</th> : null}
						</tr>
					</thead>
					<tbody>
						{pieces.map((piece) => {
							const counting = !piece.revokedAt && !piece.supersededBy
							return (
								<tr key={piece.id}>
									<th scope="row">
										{t(`passportPerson.source_${piece.sourceKind}`)}
										{piece.levels.length > 0 ? `, ${t('passportPerson.pieceLevel', { level: levelName(piece.levels, piece.level ?? 1) })}` : null}
									</th>
									<td>{formatDate(calendarDay(piece.occurredOn), i18n.language)}</td>
									<td className="passport-evidence__ref">{piece.sourceRef}</td>
									<td>{piece.recordedByName ?? t('passportPerson.recordedByNobody')}</td>
									<td>
										{piece.revokedAt
											? t('passportPerson.revokedOn', {
													date: formatDate(new Date(piece.revokedAt), i18n.language),
													who: piece.revokedByName ?? t('passportPerson.revokedBySystem'),
													reason: revocationReason(piece),
												})
											: piece.supersededBy
												? piece.supersededReason
													? t('passportPerson.supersededWithReason', {
															date: piece.supersededByOn ? formatDate(calendarDay(piece.supersededByOn), i18n.language) : '',
															correctedOn: piece.supersededAt ? formatDate(new Date(piece.supersededAt), i18n.language) : '',
															who: piece.supersededByName ?? t('passportPerson.revokedBySystem'),
															reason: piece.supersededReason,
														})
													: t('passportPerson.supersededBy', { date: piece.supersededByOn ? formatDate(calendarDay(piece.supersededByOn), i18n.language) : '' })
												: t('passportPerson.counting')}
										{piece.correctionReason ? (
											<>
												<br />
												{t('passportPerson.correctionOf', { reason: piece.correctionReason })}
											</>
										) : null}
									</td>
									{data.mayChange ? (
										<td>
											{counting ? (
												<>
													<Link to={`${path}?intrekken=${piece.id}#revoke-title`} aria-label={t('passportPerson.revokeLabel', words(piece))}>
														{t('passportPerson.revoke')}
													</Link>
													<br />
													<Link to={`${path}?corrigeren=${piece.id}#correct-title`} aria-label={t('passportPerson.correctLabel', words(piece))}>
														{t('passportPerson.correct')}
													</Link>
												</>
											) : null}
										</td>
									) : null}
								</tr>
							)
						})}
					</tbody>
				</table>
			</ScrollRegion>
		</>
	)
}

/**
 * Revoking or correcting a piece, asked once more: the reason (and for a correction the day) beside
 * its field; a conflict (revoked or corrected meanwhile) above the form.
 */
function ChangePanel({ data, piece, change }: { data: Loaded; piece: Piece; change: 'revoke' | 'correct' }) {
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const words = usePieceWords()
	const path = pathOf(data.person.id)
	const revoking = change === 'revoke'
	const schema = revoking ? revokeEvidenceSchema : correctEvidenceSchema
	const [form, fields] = useForm({
		id: `${change}-evidence`,
		lastResult,
		constraint: revoking ? revokeEvidenceConstraint : correctEvidenceConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: revoking ? {} : { occurredOn: piece.occurredOn },
	})
	const formError = useErrorText()(form.errors)
	const reasonLabel = t(revoking ? 'passportPerson.revokeReason' : 'passportPerson.correctReason')
	const dayField = revoking ? [] : [{ meta: fields.occurredOn, label: t('passportPerson.correctDay') }]
	return (
		<section className="confirm" aria-labelledby={`${change}-title`}>
			<h2 id={`${change}-title`}>{t(revoking ? 'passportPerson.revokeTitle' : 'passportPerson.correctTitle')}</h2>
			<p>{t(revoking ? 'passportPerson.revokeText' : 'passportPerson.correctText', words(piece))}</p>
			<Form method="post" action={`${path}?${revoking ? 'intrekken' : 'corrigeren'}=${piece.id}`} {...getFormProps(form)}>
				<input type="hidden" name="intent" value={change} />
				<input type="hidden" name="evidenceId" value={piece.id} />
				<ErrorSummary form={form} fields={[...dayField, { meta: fields.reason, label: reasonLabel }]} formError={formError} />
				{revoking ? null : <Field meta={fields.occurredOn} label={t('passportPerson.correctDay')} hint={t('passportPerson.correctDayHint')} type="date" controlProps={{ max: data.today }} />}
				<Field meta={fields.reason} label={reasonLabel} hint={revoking ? t('passportPerson.revokeReasonHint') : undefined} as="textarea" rows={3} />
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{t(revoking ? 'passportPerson.revokeConfirm' : 'passportPerson.correctConfirm')}
				</button>{' '}
				<Link to={path}>{t('passportPerson.cancel')}</Link>
			</Form>
		</section>
	)
}
