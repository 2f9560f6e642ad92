import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PRACTICE_SESSION_SIZE } from '@leerplein/domain'
import { ChangeNotice } from '../components/admin-list.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import type { ErrorCode } from '../core/error-codes.ts'
import { parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { statusOf, valueOrThrow } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { answerPracticeCard, type PracticeAnswer } from '../features/practice/answer-practice-card.server.ts'
import { ownPractice } from '../features/practice/own-practice.ts'
import { answerSchema, digestHourSchema, optOutSchema } from '../features/practice/practice-schema.ts'
import { changePracticeSettings } from '../features/practice/set-practice-settings.server.ts'
import { showPractice } from '../features/practice/show-practice.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

const SAVED = ['all', 'course', 'hour'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownPractice)
	const practice = valueOrThrow(await showPractice(context, { actor }))
	const saved = SAVED.find((word) => word === new URL(request.url).searchParams.get('opgeslagen')) ?? null
	const t = await i18next.getFixedT(request)
	return { ...practice, saved, title: `${t('practice.title')} – ${t('app.name')}` }
}

type ActionReply = { answer?: PracticeAnswer; error?: ErrorCode }

/**
 * One tap answers a due card (ADR 047), and the page shows at once whether it was right, with the
 * explanation, above the next questions; or the learner opts out (or back in), altogether or of one
 * course, or sets the hour of their digest. A refusal (someone else's card, one not due) is said
 * above the questions, with its status, and nothing is saved.
 */
export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownPractice)
	const form = await readForm(request)
	switch (requireIntent(form, ['answer', 'hour', 'opt-out'])) {
		case 'answer': {
			const submission = parseForm(form, answerSchema)
			if (submission.status !== 'success') return data<ActionReply>({ error: 'PRACTICE_ANSWER_REQUIRED' }, { status: 400 })
			const answered = await answerPracticeCard(context, { actor, cardId: submission.value.cardId, chosen: submission.value.chosen })
			if (!answered.ok) return data<ActionReply>({ error: answered.code }, { status: statusOf(answered.kind) })
			return data<ActionReply>({ answer: answered.value })
		}
		case 'hour': {
			const submission = parseForm(form, digestHourSchema)
			if (submission.status !== 'success') return data<ActionReply>({ error: 'PRACTICE_HOUR_INVALID' }, { status: 400 })
			const changed = await changePracticeSettings(context, { actor, change: { kind: 'hour', hour: submission.value.hour } })
			if (!changed.ok) return data<ActionReply>({ error: changed.code }, { status: statusOf(changed.kind) })
			throw redirect('/oefenen?opgeslagen=hour#instellingen', 303)
		}
		case 'opt-out': {
			const submission = parseForm(form, optOutSchema)
			if (submission.status !== 'success') return data<ActionReply>({ error: 'FORM_INVALID' }, { status: 400 })
			const optedOut = submission.value.oefenen === 'uit'
			const { courseId } = submission.value
			const changed = await changePracticeSettings(context, { actor, change: courseId ? { kind: 'course', courseId, optedOut } : { kind: 'all', optedOut } })
			if (!changed.ok) return data<ActionReply>({ error: changed.code }, { status: statusOf(changed.kind) })
			throw redirect(`/oefenen?opgeslagen=${courseId ? 'course#onthouden' : 'all#instellingen'}`, 303)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * Practising (ADR 047), mobile first: at most five due questions, each a plain form whose options
 * are its submit buttons (one tap, also without JavaScript); after an answer, whether it was right,
 * the right answer and the explanation; per course what the learner still knows (FSRS recall
 * averaged, in words); opting out and the digest's hour.
 */
export default function PracticePage() {
	const view = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as ActionReply | undefined
	const { t, i18n } = useTranslation()
	const optionText = (kind: string, option: string) => (kind === 'true_false' ? t(`practice.option_${option === 'true' ? 'true' : 'false'}`) : option)
	const when = (date: Date | string) => formatDateTime(new Date(date), i18n.language)
	const answer = reply?.answer
	// The card just answered may still be due (a wrong answer comes back within minutes): it is not asked again at once.
	const questions = view.questions.filter((question) => question.cardId !== answer?.cardId)
	return (
		<div className="container page narrow practice">
			<h1>{t('practice.title')}</h1>
			<ChangeNotice text={view.saved ? t(`practice.saved_${view.saved}`) : null} />
			{reply?.error ? (
				<p className="error-summary" role="alert">
					{t(`errors.${reply.error}`)}
				</p>
			) : null}
			{answer ? (
				<section aria-labelledby="antwoord" className={`practice-result practice-result--${answer.correct ? 'right' : 'wrong'}`} role="status">
					<h2 id="antwoord">{answer.correct ? t('practice.right') : t('practice.wrong')}</h2>
					<p>{answer.prompt}</p>
					<p>{t('practice.yourAnswer', { answer: optionText(answer.kind, answer.options[answer.chosenOption] ?? '') })}</p>
					{answer.correct ? null : <p>{t('practice.correctAnswer', { answer: optionText(answer.kind, answer.options[answer.correctOption] ?? '') })}</p>}
					<h3>{t('practice.explanation')}</h3>
					<p>{answer.explanation}</p>
					<p>{t('practice.comesBack', { date: when(answer.due) })}</p>
				</section>
			) : (
				<>
					<p className="lead">{t('practice.intro')}</p>
					<p>{t('practice.private')}</p>
				</>
			)}

			<section aria-labelledby="vragen">
				<h2 id="vragen">{t('practice.questionsTitle')}</h2>
				{view.optedOut ? (
					<p className="notice">{t('practice.optedOutAll')}</p>
				) : view.courses.length === 0 ? (
					<p>{t('practice.noCards')}</p>
				) : questions.length === 0 ? (
					<p>
						{t('practice.nothingDue')} {view.nextDue ? t('practice.nextDue', { date: when(view.nextDue) }) : null}
					</p>
				) : (
					<>
						<p>
							{t('practice.due', { count: view.dueTotal })} {view.dueTotal > PRACTICE_SESSION_SIZE ? t('practice.sessionNote', { size: PRACTICE_SESSION_SIZE }) : null}
						</p>
						{questions.map((question, index) => (
							<Form method="post" action="/oefenen" key={question.cardId} className="practice-question">
								<fieldset>
									<legend>{t('practice.questionLegend', { number: index + 1, count: questions.length, course: question.courseTitle })}</legend>
									<p className="practice-question__prompt" id={`vraag-${question.cardId}`}>
										{question.prompt}
									</p>
									<input type="hidden" name="intent" value="answer" />
									<input type="hidden" name="cardId" value={question.cardId} />
									<div className="practice-question__options">
										{question.options.map((option, optionIndex) => (
											<button key={optionIndex} type="submit" name="chosen" value={optionIndex} className="button button--secondary practice-option">
												{optionText(question.kind, option)}
											</button>
										))}
									</div>
								</fieldset>
							</Form>
						))}
					</>
				)}
			</section>

			{view.courses.length > 0 ? (
				<section aria-labelledby="onthouden">
					<h2 id="onthouden">{t('practice.retentionTitle')}</h2>
					<ScrollRegion labelledBy="onthouden">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('practice.course')}</th>
									<th scope="col">{t('practice.cards')}</th>
									<th scope="col">{t('practice.dueNow')}</th>
									<th scope="col">{t('practice.remembered')}</th>
								</tr>
							</thead>
							<tbody>
								{view.courses.map((course) => (
									<tr key={course.courseId}>
										<th scope="row">{course.title}</th>
										<td>{course.cards}</td>
										<td>{course.optedOut ? '—' : course.due}</td>
										<td>{course.optedOut ? t('practice.optedOutCourse') : course.retention === null ? t('practice.retentionUnknown') : t('practice.retention', { percent: course.retention })}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
					<ul className="practice-opt-outs">
						{view.courses.map((course) => (
							<li key={course.courseId}>
								<Form method="post" action="/oefenen">
									<input type="hidden" name="intent" value="opt-out" />
									<input type="hidden" name="courseId" value={course.courseId} />
									<input type="hidden" name="oefenen" value={course.optedOut ? 'aan' : 'uit'} />
									<button type="submit" className="button button--secondary">
										{course.optedOut ? t('practice.optInCourse', { course: course.title }) : t('practice.optOutCourse', { course: course.title })}
									</button>
								</Form>
							</li>
						))}
					</ul>
				</section>
			) : null}

			<section aria-labelledby="instellingen">
				<h2 id="instellingen">{t('practice.settingsTitle')}</h2>
				<p>{t('practice.digestIntro')}</p>
				<Form method="post" action="/oefenen" className="form">
					<input type="hidden" name="intent" value="hour" />
					<div className="field">
						<label htmlFor="mail-uur">{t('practice.hourLabel')}</label>
						<select id="mail-uur" name="hour" defaultValue={String(view.digestHour)}>
							{Array.from({ length: 24 }, (_, hour) => (
								<option key={hour} value={hour}>
									{t('practice.hourOption', { hour: String(hour).padStart(2, '0') })}
								</option>
							))}
						</select>
					</div>
					<button type="submit" className="button button--secondary">
						{t('practice.saveHour')}
					</button>
				</Form>
				<Form method="post" action="/oefenen">
					<input type="hidden" name="intent" value="opt-out" />
					<input type="hidden" name="oefenen" value={view.optedOut ? 'aan' : 'uit'} />
					<button type="submit" className="button button--secondary">
						{view.optedOut ? t('practice.optInAll') : t('practice.optOutAll')}
					</button>
				</Form>
			</section>
		</div>
	)
}
