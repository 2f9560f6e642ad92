import type { PassportCause, PassportColour } from '@leerplein/domain'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import { calendarDay, formatDate, formatDateTime } from '../../utils/format.ts'
import { levelName } from './levels.ts'
import { PassportDot } from './passport-dot.tsx'

// The parts of a passport that a person's own page (/mijn-paspoort) and the page for their manager
// and coordinators (/paspoorten/medewerker/:userId) show alike: the dots, what to do about the red
// and orange ones, and the history.

/** `levels`: the competency's level names (empty: none); `level`: the highest held today. */
type Dot = { competencyId: string; name: string; status: PassportColour; validUntil: string | null; permanent: boolean; cause: PassportCause; level?: number | null; levels?: string[] }
type Change = {
	competencyId: string
	name: string
	levels?: string[]
	fromStatus: PassportColour | null
	toStatus: PassportColour
	validUntil: string | null
	cause: PassportCause
	trigger: 'evidence' | 'calendar' | 'requirement' | 'consistency'
	changedOn: string | Date
}

/** A course that grants a red or orange dot, with its next session (dates arrive as strings from the loader). */
type SuggestedCourse = { courseId: string; title: string; grantsLevel: number | null; nextSessionId: string | null; nextSessionStartsAt: string | Date | null; nextSessionOfViewerUnit: boolean }
type UrgentDot = Dot & { courses: readonly SuggestedCourse[] }

/** A statement a piece of evidence rests on (dates arrive as strings from the loader). */
type EvidenceStatement = { evidenceId: string; statementId: string; verbId: string; activityId: string | null; success: boolean | null; scaled: number | null; raw: number | null; timestamp: string | Date; client: string; ruleName: string }

/** Whose passport the reader sees: their own (addressed as "u"), or someone else's (their manager, a coordinator). */
export type PassportReader = 'self' | 'other'

/** Why a dot has its colour, in words, to the person or about them. */
export function CauseText({ cause, validUntil, reader, levels = [] }: { cause: PassportCause; validUntil: string | null; reader: PassportReader; levels?: readonly string[] }) {
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
		case 'level_too_low':
			return <>{t(`${texts}.cause_level_too_low`, { required: levelName(levels, cause.requiredLevel) ?? cause.requiredLevel, held: levelName(levels, cause.heldLevel) ?? cause.heldLevel })}</>
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
					{dot.levels && dot.levels.length > 0 ? (
						<p>
							{t(reader === 'self' ? 'passport.levelHeld' : 'passport.levelHeldOther')}: {levelName(dot.levels, dot.level) ?? t('passport.levelNone')}
							{'requiredLevel' in dot.cause && dot.cause.requiredLevel ? <> · {t('passport.requiredLevel', { level: levelName(dot.levels, dot.cause.requiredLevel) })}</> : null}
						</p>
					) : null}
					<p>
						<CauseText cause={dot.cause} validUntil={dot.validUntil} reader={reader} levels={dot.levels} />
					</p>
				</li>
			))}
		</ul>
	)
}

/** The history of the dots with their causes, newest first. */
export function PassportHistory({
	history,
	reader,
	statements = [],
	erasedEvidenceIds = [],
}: {
	history: readonly Change[]
	reader: PassportReader
	statements?: readonly EvidenceStatement[]
	/** xAPI evidence whose statements were erased (ADR 039, "Privacy"): the piece stays, its records are gone. */
	erasedEvidenceIds?: readonly string[]
}) {
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
										{t(`passport.trigger_${change.trigger}`)}. <CauseText cause={change.cause} validUntil={change.validUntil} reader={reader} levels={change.levels} />
										<EvidenceStatements statements={statements.filter((statement) => 'evidenceId' in change.cause && statement.evidenceId === change.cause.evidenceId)} />
										{'evidenceId' in change.cause && change.cause.evidenceId && erasedEvidenceIds.includes(change.cause.evidenceId) ? <p className="xapi-evidence-statements">{t('xapiRules.statementsErased')}</p> : null}
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

/** The statements a piece of xAPI evidence rests on: verb, activity, result, when, the system that sent it. */
function EvidenceStatements({ statements }: { statements: readonly EvidenceStatement[] }) {
	const { t, i18n } = useTranslation()
	if (statements.length === 0) return null
	const result = (statement: EvidenceStatement) =>
		[
			statement.success === true ? t('xapiRules.resultSuccess') : statement.success === false ? t('xapiRules.resultFailure') : null,
			statement.scaled !== null ? t('xapiRules.resultScaled', { score: statement.scaled }) : statement.raw !== null ? t('xapiRules.resultRaw', { score: statement.raw }) : null,
		]
			.filter(Boolean)
			.join(', ') || t('xapiRules.resultNone')
	return (
		<div className="xapi-evidence-statements">
			<p>{t('xapiRules.evidenceStatements', { rule: statements[0]!.ruleName })}</p>
			<ul>
				{statements.map((statement) => (
					<li key={statement.statementId}>
						{t('xapiRules.statementLine', {
							verb: statement.verbId,
							activity: statement.activityId ?? '–',
							result: result(statement),
							when: formatDateTime(new Date(statement.timestamp), i18n.language),
							client: statement.client,
						})}
					</li>
				))}
			</ul>
		</div>
	)
}

/**
 * For every red or orange dot, the courses that grant it at the level it needs, with their next
 * session. The person themselves is invited to view and enrol; their manager and coordinators see
 * the same suggestions about `person`, and a coordinator (`person.mayAdd`) can add them to a next
 * session of their own unit straight away, under the person's unit's rules (issue 14's "add on behalf").
 */
export function PassportTodo({ dots, person = null }: { dots: readonly UrgentDot[]; person?: { name: string; mayAdd: boolean } | null }) {
	const { t, i18n } = useTranslation()
	const texts = person === null ? 'passport' : 'passportPerson'
	const urgent = dots.filter((dot) => dot.status === 'red' || dot.status === 'orange')
	return urgent.map((dot) => {
		const levels = dot.levels ?? []
		const requiredLevel = 'requiredLevel' in dot.cause ? dot.cause.requiredLevel : undefined
		return (
			<section key={dot.competencyId} aria-labelledby={`todo-${dot.competencyId}`}>
				<h2 id={`todo-${dot.competencyId}`}>{person === null ? t('passport.todo', { name: dot.name }) : t('passportPerson.todo', { name: dot.name, person: person.name })}</h2>
				{dot.courses.length === 0 ? (
					<p>{requiredLevel !== undefined && requiredLevel !== null ? t(`${texts}.noCoursesAtLevel`, { level: levelName(levels, requiredLevel) }) : t(`${texts}.noCourses`)}</p>
				) : (
					<ul>
						{dot.courses.map((course) => (
							<li key={course.courseId}>
								<Link to={`/catalogus/${course.courseId}`}>{person === null ? t('passport.enrol', { course: course.title }) : t('passportPerson.view', { course: course.title })}</Link>
								{levels.length > 0 ? ` (${t('passport.grantsLevel', { level: levelName(levels, course.grantsLevel ?? 1) })})` : null}
								{' — '}
								{course.nextSessionStartsAt ? t('passport.nextSession', { date: formatDate(new Date(course.nextSessionStartsAt), i18n.language) }) : t('passport.noSession')}
								{person?.mayAdd && course.nextSessionId && course.nextSessionStartsAt && course.nextSessionOfViewerUnit ? (
									<>
										{' — '}
										<Link to={`/uitvoeringen/${course.nextSessionId}/deelnemer-toevoegen?zoek=${encodeURIComponent(person.name)}`}>
											{t('passportPerson.addToSession', { person: person.name, date: formatDate(new Date(course.nextSessionStartsAt), i18n.language) })}
										</Link>
									</>
								) : null}
							</li>
						))}
					</ul>
				)}
			</section>
		)
	})
}
