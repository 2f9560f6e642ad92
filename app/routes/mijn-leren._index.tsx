import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { BlendedProgress, EnrolmentStatus } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showMyLearning } from '../features/enrolment/show-my-learning.server.ts'
import { formatDate, formatPrice, formatTimeRange } from '../utils/format.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const learning = valueOrThrow(await showMyLearning(context, { actor }))
	const t = await i18next.getFixedT(request)
	return { ...learning, title: `${t('myLearning.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = {
	id: string
	status: EnrolmentStatus
	startsAt: string | Date
	endsAt: string | Date
	courseId: string
	courseTitle: string
	city: string | null
	waitlistPosition: number | null
	decisionNote: string | null
	/** Only for someone who holds a seat (the query and the link's policy both see to it). */
	onlineLink: string | null
	participantNote: string | null
	onlineParts: { resourceLinkId: string; title: string; score: { given: number; maximum: number } | null; completedAt: string | Date | null }[]
	/** A blended programme's progress per part (ADR 033); null for any other course. */
	blended: BlendedProgress | null
}

export default function MyLearning() {
	const { evaluations, budgets, enrolled, waitlisted, awaiting, history } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const columns = (kind: 'enrolled' | 'waitlisted' | 'awaiting' | 'history'): DataColumn<Row>[] => [
		{
			id: 'opleiding',
			header: t('myLearning.course'),
			accessorFn: (row) => row.courseTitle,
			cell: ({ row }) => <Link to={`/catalogus/${row.original.courseId}`}>{row.original.courseTitle}</Link>,
		},
		{
			id: 'datum',
			header: t('myLearning.date'),
			accessorFn: (row) => new Date(row.startsAt).getTime(),
			cell: ({ row }) =>
				`${formatDate(new Date(row.original.startsAt), language)}, ${formatTimeRange(new Date(row.original.startsAt), new Date(row.original.endsAt), language)}`,
		},
		{
			id: 'plaats',
			header: t('myLearning.place'),
			accessorFn: (row) => row.city ?? t('course.online'),
			cell: ({ row }) => (
				<>
					{row.original.city ?? t('course.online')}
					{row.original.onlineLink && kind === 'enrolled' ? (
						<>
							<br />
							<a href={row.original.onlineLink} target="_blank" rel="noopener noreferrer" aria-label={t('myLearning.meetingLinkFor', { title: row.original.courseTitle })}>
								{t('myLearning.meetingLink')}
							</a>
						</>
					) : null}
					{row.original.participantNote && kind === 'enrolled' ? (
						<>
							<br />
							{t('myLearning.note', { note: row.original.participantNote })}
						</>
					) : null}
				</>
			),
		},
		{
			id: 'stand',
			header: t('myLearning.status'),
			accessorFn: (row) => t(`enrolmentStatus.${row.status}`),
			cell: ({ row }) => (
				<>
					{t(`enrolmentStatus.${row.original.status}`)}
					{row.original.waitlistPosition ? ` – ${t('myLearning.position', { position: row.original.waitlistPosition })}` : null}
					{row.original.decisionNote && (row.original.status === 'declined' || row.original.status === 'cancelled') ? (
						<>
							<br />
							{t('myLearning.reason', { reason: row.original.decisionNote })}
						</>
					) : null}
					{row.original.blended ? (
						<>
							<br />
							{t('myLearning.blendedProgress', { done: row.original.blended.done, required: row.original.blended.required })}
							<ul className="plain-list" aria-label={t('myLearning.blendedParts', { title: row.original.courseTitle })}>
								{row.original.blended.parts.map((part) => {
									if (part.kind === 'classroom') return <li key="classroom">{t(`myLearning.classroomPart_${part.state}`)}</li>
									const online = row.original.onlineParts.find((candidate) => candidate.resourceLinkId === part.id)
									return (
										<li key={part.id}>
											{t('myLearning.onlineModule', { title: part.title, progress: part.done ? t('myLearning.onlineModuleDone') : t('myLearning.onlineModuleNotYet') })}
											{online?.completedAt ? ` (${formatDate(new Date(online.completedAt), language)})` : null}
											{online?.score ? `, ${t('lti.parts.score', { given: online.score.given, maximum: online.score.maximum })}` : null}
										</li>
									)
								})}
							</ul>
						</>
					) : row.original.onlineParts.length > 0 ? (
						<ul className="plain-list">
							{row.original.onlineParts.map((part) => (
								<li key={part.resourceLinkId}>
									{t('myLearning.onlinePart', {
										title: part.title,
										progress: part.completedAt ? t('lti.parts.completed', { date: formatDate(new Date(part.completedAt), language) }) : t('lti.parts.notCompleted'),
									})}
									{part.score ? `, ${t('lti.parts.score', { given: part.score.given, maximum: part.score.maximum })}` : null}
								</li>
							))}
						</ul>
					) : null}
				</>
			),
		},
		...(kind === 'history'
			? [
					{
						id: 'acties',
						header: t('myLearning.actions'),
						enableSorting: false,
						// A card to self (ADR 042) is written for a course one took part in, and read back there.
						cell: ({ row }) =>
							row.original.status === 'attended' || row.original.status === 'completed' ? (
								<Link to={`/mijn-leren/kaart/${row.original.id}`} aria-label={t('selfCard.learningLinkFor', { title: row.original.courseTitle })}>
									{t('selfCard.learningLink')}
								</Link>
							) : null,
					} satisfies DataColumn<Row>,
				]
			: [
					{
						id: 'acties',
						header: t('myLearning.actions'),
						enableSorting: false,
						cell: ({ row }) => (
							<span className="form-actions">
								{kind === 'enrolled' ? (
									<a href={`/mijn-leren/agenda/${row.original.id}`} aria-label={t('myLearning.calendarFor', { title: row.original.courseTitle })}>
										{t('myLearning.calendar')}
									</a>
								) : null}
								<Link to={`/mijn-leren/${row.original.id}/annuleren`} aria-label={t('myLearning.cancelFor', { title: row.original.courseTitle })}>
									{t('myLearning.cancel')}
								</Link>
							</span>
						),
					} satisfies DataColumn<Row>,
				]),
	]
	return (
		<div className="container page">
			<h1>{t('myLearning.title')}</h1>
			<p className="lead">{t('myLearning.intro')}</p>
			{searchParams.has('geannuleerd') ? (
				<p className="notice notice--success" role="status">
					{t('myLearning.cancelled')}
				</p>
			) : null}
			{evaluations.length > 0 ? (
				<section aria-labelledby="te-evalueren">
					<h2 id="te-evalueren">{t('evaluation.tasksTitle')}</h2>
					<ul>
						{evaluations.map((evaluation) => (
							<li key={evaluation.id}>
								<Link to={`/mijn-leren/evaluatie/${evaluation.id}`}>{t(evaluation.kind === 'manager' ? 'evaluation.managerTaskLink' : evaluation.kind === 'follow_up' ? 'evaluation.followUpTaskLink' : 'evaluation.taskLink', { course: evaluation.courseTitle, participant: evaluation.participantName ?? '' })}</Link> ({t('evaluation.taskDate', { date: formatDate(new Date(evaluation.startsAt), language) })})
							</li>
						))}
					</ul>
				</section>
			) : null}
			{budgets.map((budget) => (
				<p key={budget.year}>
					{budget.remainingCents < 0
						? t('myLearning.budgetOverspent', { year: budget.year, over: formatPrice(-budget.remainingCents, language), total: formatPrice(budget.totalCents, language) })
						: t('myLearning.budget', { year: budget.year, remaining: formatPrice(budget.remainingCents, language), total: formatPrice(budget.totalCents, language) })}
				</p>
			))}
			<h2>{t('myLearning.upcoming')}</h2>
			<DataTable name="ingeschreven" caption={t('myLearning.upcoming')} columns={columns('enrolled')} rows={enrolled} empty={t('myLearning.emptyUpcoming')} initialSort={{ id: 'datum', desc: false }} />
			<h2>{t('myLearning.waitlisted')}</h2>
			<DataTable name="wachtlijst" caption={t('myLearning.waitlisted')} columns={columns('waitlisted')} rows={waitlisted} empty={t('myLearning.emptyWaitlisted')} initialSort={{ id: 'datum', desc: false }} />
			<h2>{t('myLearning.awaiting')}</h2>
			<DataTable name="goedkeuring" caption={t('myLearning.awaiting')} columns={columns('awaiting')} rows={awaiting} empty={t('myLearning.emptyAwaiting')} initialSort={{ id: 'datum', desc: false }} />
			<h2>{t('myLearning.history')}</h2>
			<DataTable name="geschiedenis" caption={t('myLearning.history')} columns={columns('history')} rows={history} empty={t('myLearning.emptyHistory')} initialSort={{ id: 'datum', desc: true }} />
		</div>
	)
}
