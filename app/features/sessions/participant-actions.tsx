import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { BulkOutcome } from '../../components/bulk-outcome.tsx'
import { useErrorText } from '../../components/field.tsx'
import type { ErrorCode } from '../../core/error-codes.ts'
import { formatDate, formatTimeRange } from '../../utils/format.ts'

// The session page's bulk actions on its participants (ADR 030 addendum): the preview of
// cancelling or moving the ticked people, with the form that does it on exactly those, and the
// outcome of an action per person: who failed and why, and that the rest was saved.

/** The name of the participant list's form: the checkboxes in both tables belong to it. */
export const PARTICIPANT_FORM = 'deelnemers-acties'

export type ParticipantPreviewShown = {
	action: 'cancel' | 'move'
	people: { id: string; name: string; status: string }[]
	notOnList: number
	move: {
		toSessionId: string
		startsAt: string | Date
		endsAt: string | Date
		city: string | null
		free: number
		seated: number
		waitlisted: number
		refused: number
		/** Per person, by the move's own rule: a seat, the waitlist, or the code of the refusal. */
		forecast: { id: string; outcome: 'enrolled' | 'waitlisted' | ErrorCode }[]
	} | null
	reason: string
}

export type ParticipantOutcomeShown = {
	action: 'cancel' | 'move' | 'mail'
	done: number
	results: { id: string; name: string | null; ok: boolean; code: ErrorCode | null }[]
}

/** What cancelling or moving would do, with the form that does it on exactly these people. */
export function ParticipantPreview({ preview }: { preview: ParticipantPreviewShown }) {
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const location = useLocation()
	const navigation = useNavigation()
	const heading = useRef<HTMLHeadingElement>(null)
	useEffect(() => heading.current?.focus(), [preview])
	const count = preview.people.length
	const move = preview.move
	const errorText = useErrorText()
	const forecast = new Map((move?.forecast ?? []).map((row) => [row.id, row.outcome]))
	const forecastText = (outcome: 'enrolled' | 'waitlisted' | ErrorCode) =>
		outcome === 'enrolled'
			? t('participantActions.forecastSeat')
			: outcome === 'waitlisted'
				? t('participantActions.forecastWaitlist')
				: t('participantActions.forecastRefused', { reason: errorText([outcome]) })
	const session = move ? `${formatDate(new Date(move.startsAt), language)} ${formatTimeRange(new Date(move.startsAt), new Date(move.endsAt), language)}${move.city ? `, ${move.city}` : ''}` : ''
	return (
		<section className="confirm decision-preview" aria-labelledby="deelnemers-voorvertoning">
			<h2 id="deelnemers-voorvertoning" tabIndex={-1} ref={heading}>
				{preview.action === 'cancel' ? t('participantActions.previewCancelTitle') : t('participantActions.previewMoveTitle')}
			</h2>
			{preview.action === 'cancel' ? (
				<p>{t('participantActions.previewCancelCount', { count, reason: preview.reason })}</p>
			) : move ? (
				<>
					<p>{t('participantActions.previewMoveCount', { count, session })}</p>
					<p>{t('participantActions.previewMoveFit', { free: move.free, seated: move.seated, waitlisted: move.waitlisted })}</p>
					{move.refused > 0 ? <p>{t('participantActions.previewMoveRefused', { count: move.refused })}</p> : null}
					<p className="field__hint">{t('participantActions.previewMoveEstimate')}</p>
				</>
			) : null}
			{preview.notOnList > 0 ? <p>{t('participantActions.previewNotOnList', { count: preview.notOnList })}</p> : null}
			<h3>{t('participantActions.previewPeople')}</h3>
			<ul className="plain-list">
				{preview.people.map((person) => (
					<li key={person.id}>
						{person.name} ({t(`enrolmentStatus.${person.status}` as 'enrolmentStatus.enrolled')})
						{forecast.has(person.id) ? `: ${forecastText(forecast.get(person.id)!)}` : null}
					</li>
				))}
			</ul>
			<Form method="post">
				<input type="hidden" name="intent" value={preview.action === 'cancel' ? 'cancel-selected' : 'move-selected'} />
				{preview.action === 'cancel' ? <input type="hidden" name="reason" value={preview.reason} /> : null}
				{move ? <input type="hidden" name="toSessionId" value={move.toSessionId} /> : null}
				{preview.people.map((person) => (
					<input key={person.id} type="hidden" name="ids" value={person.id} />
				))}
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{preview.action === 'cancel' ? t('participantActions.confirmCancel', { count }) : t('participantActions.confirmMove', { count })}
				</button>{' '}
				<Link to={`${location.pathname}${location.search}`}>{t('participantActions.back')}</Link>
			</Form>
		</section>
	)
}

/** What a bulk action did, per person: the ones that failed by name and why, and that the rest was saved. */
export function ParticipantOutcome({ outcome }: { outcome: ParticipantOutcomeShown }) {
	const { t } = useTranslation()
	const failed = outcome.results.filter((row) => !row.ok).length
	const rows = outcome.results.map((row) => {
		const name = row.name ?? t('participantActions.unknownPerson', { id: row.id })
		const message = row.code ? t(`errors.${row.code}`) : ''
		return { id: row.id, name, ok: row.ok, outcome: row.ok ? t('participantActions.resultDone') : t('participantActions.resultFailed', { message }), failure: row.ok ? null : t('participantActions.failed', { name, message }) }
	})
	return (
		<BulkOutcome
			rows={rows}
			text={{
				done: t(`participantActions.done_${outcome.action}`, { count: outcome.done }),
				failedSummary: t('participantActions.failedSummary', { count: failed }),
				results: t('participantActions.results', { count: outcome.results.length }),
				caption: t('participantActions.resultsCaption'),
				rowHeader: t('participantActions.resultPerson'),
				outcomeHeader: t('participantActions.resultOutcome'),
			}}
		/>
	)
}
