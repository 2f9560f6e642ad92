import type { PassportCause, PassportColour } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import { calendarDay, formatDate } from '../../utils/format.ts'
import { PassportDot } from './passport-dot.tsx'

// The parts of a passport that a person's own page (/mijn-paspoort) and the page for their manager
// and coordinators (/paspoorten/medewerker/:userId) show alike: the dots and the history.

type Dot = { competencyId: string; name: string; status: PassportColour; validUntil: string | null; permanent: boolean; cause: PassportCause }
type Change = {
	competencyId: string
	name: string
	fromStatus: PassportColour | null
	toStatus: PassportColour
	validUntil: string | null
	cause: PassportCause
	trigger: 'evidence' | 'calendar' | 'requirement' | 'consistency'
	changedOn: string | Date
}

/** Whose passport the reader sees: their own (addressed as "u"), or someone else's (their manager, a coordinator). */
export type PassportReader = 'self' | 'other'

/** Why a dot has its colour, in words, to the person or about them. */
export function CauseText({ cause, validUntil, reader }: { cause: PassportCause; validUntil: string | null; reader: PassportReader }) {
	const { t, i18n } = useTranslation()
	const texts = reader === 'self' ? 'passport' : 'passportPerson'
	switch (cause.kind) {
		case 'valid':
			return <>{t(`${texts}.cause_valid`)}</>
		case 'expiring':
			return <>{t(`${texts}.cause_expiring`, { date: validUntil ? formatDate(calendarDay(validUntil), i18n.language) : '' })}</>
		case 'grace':
			return <>{t(`${texts}.cause_grace`, { date: formatDate(calendarDay(cause.dueOn), i18n.language) })}</>
		case 'expired':
			return <>{t(`${texts}.cause_expired`)}</>
		case 'missing':
			return <>{t(`${texts}.cause_missing`)}</>
		case 'not_required':
			return <>{t(`${texts}.cause_not_required`)}</>
	}
}

/** The dots, each with its competency as a heading, valid-until and cause. */
export function PassportDots({ dots, label, reader }: { dots: readonly Dot[]; label: string; reader: PassportReader }) {
	const { t, i18n } = useTranslation()
	return (
		<ul className="passport-list" aria-label={label}>
			{dots.map((dot) => (
				<li key={dot.competencyId} className="passport-item">
					<h2 className="passport-item__name">{dot.name}</h2>
					<PassportDot status={dot.status} />
					<p>
						{t('passport.validUntil')}: {dot.permanent ? t('passport.permanent') : dot.validUntil ? formatDate(calendarDay(dot.validUntil), i18n.language) : t('passport.none')}
					</p>
					<p>
						<CauseText cause={dot.cause} validUntil={dot.validUntil} reader={reader} />
					</p>
				</li>
			))}
		</ul>
	)
}

/** The history of the dots with their causes, newest first. */
export function PassportHistory({ history, reader }: { history: readonly Change[]; reader: PassportReader }) {
	const { t, i18n } = useTranslation()
	return (
		<section aria-labelledby="passport-history-title">
			<h2 id="passport-history-title">{t('passport.history')}</h2>
			{history.length === 0 ? (
				<p className="empty-state">{t('passport.historyEmpty')}</p>
			) : (
				<ScrollRegion labelledBy="passport-history-title">
					<table className="sessions">
						<thead>
							<tr>
								<th scope="col">{t('passport.changedOn')}</th>
								<th scope="col">{t('passport.competency')}</th>
								<th scope="col">{t('passport.change')}</th>
								<th scope="col">{t('passport.reason')}</th>
							</tr>
						</thead>
						<tbody>
							{history.map((change, index) => (
								<tr key={`${change.competencyId}-${index}`}>
									<td>{formatDate(calendarDay(String(change.changedOn)), i18n.language)}</td>
									<th scope="row">{change.name}</th>
									<td>
										{change.fromStatus
											? t('passport.newStatus', { from: t(`passport.status_${change.fromStatus}`), to: t(`passport.status_${change.toStatus}`) })
											: `${t('passport.first')}: ${t(`passport.status_${change.toStatus}`)}`}
									</td>
									<td>
										{t(`passport.trigger_${change.trigger}`)}. <CauseText cause={change.cause} validUntil={change.validUntil} reader={reader} />
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			)}
		</section>
	)
}
