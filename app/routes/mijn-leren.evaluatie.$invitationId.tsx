import { getFormProps, useForm } from '@conform-to/react'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_EVALUATION, FOLLOW_UP_EVALUATION, MANAGER_EVALUATION, type EvaluationForm } from '@leerplein/domain'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { answerEvaluation } from '../features/effect/answer-evaluation.server.ts'
import { evaluationAnswerSchema } from '../features/effect/evaluation-schema.ts'
import { showEvaluation } from '../features/effect/show-evaluation.server.ts'
import { ownEvaluation } from '../features/effect/own-evaluation.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownEvaluation)
	const invitationId = idParam(params, 'invitationId', 'EVALUATION_NOT_FOUND')
	const shown = valueOrThrow(await showEvaluation(context, { actor, invitationId }))
	const t = await i18next.getFixedT(request)
	return {
		invitation: shown.invitation,
		form: shown.form,
		thanks: new URL(request.url).searchParams.has('bedankt'),
		title: `${t(titleKey(shown.invitation.kind), { course: shown.invitation.courseTitle, participant: shown.invitation.participantName ?? '' })} – ${t('app.name')}`,
	}
}

// The evaluation's, the follow-up's and the manager's questions together (their ids differ): each field is judged
// by its own rule here, and the service judges the answers again against the invitation's own form.
const BOTH: EvaluationForm = { version: 'page', items: [...DEFAULT_EVALUATION.items, ...FOLLOW_UP_EVALUATION.items, ...MANAGER_EVALUATION.items] }
const answerSchema = evaluationAnswerSchema(BOTH)

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownEvaluation)
	const invitationId = idParam(params, 'invitationId', 'EVALUATION_NOT_FOUND')
	const form = await readForm(request, { multiline: BOTH.items.filter((item) => item.kind === 'open').map((item) => item.id) })
	requireIntent(form, ['answer'])
	const submission = parseForm(form, answerSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const answered = await answerEvaluation(context, { actor, invitationId, submitted: submission.value })
	if (!answered.ok) return answered.kind === 'not_found' ? throwFailure(answered) : refusedForm(submission, answered)
	return redirect(`/mijn-leren/evaluatie/${invitationId}?bedankt=1`)
}

const titleKey = (kind: 'evaluation' | 'follow_up' | 'manager') => (kind === 'manager' ? 'evaluation.managerTitle' : kind === 'follow_up' ? 'evaluation.followUpTitle' : 'evaluation.title')

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const LIKERT = [1, 2, 3, 4, 5] as const
const RECOMMEND = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

/**
 * The participant's evaluation of a course they attended (ADR 041): statements on a five-point
 * scale, the recommendation 0–10 and two open questions, each optional and each a plain radio
 * group or text area, so it works with the keyboard, without JavaScript and on a phone. The
 * follow-up weeks later (ADR 045) is the same page with its own questions. Once answered, the
 * page only thanks them.
 */
export default function AnswerEvaluation() {
	const { invitation, form: evaluation, thanks } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm<Record<string, string>>({ id: 'evaluatie', lastResult })
	const question = (id: string) => t(`evaluation.items.${id}` as 'evaluation.items.best')
	const fieldOf = (id: string) => fields[id]!
	// The follow-up and the manager's questionnaire share its texts after the first answer (ADR 045).
	const followUp = invitation.kind !== 'evaluation'
	const forManager = invitation.kind === 'manager'
	const names = { course: invitation.courseTitle, participant: invitation.participantName ?? '' }
	return (
		<div className="container page narrow">
			<h1>{t(titleKey(invitation.kind), names)}</h1>
			{invitation.answeredAt ? (
				<>
					<p className="notice" role="status">
						{followUp ? (thanks ? t('evaluation.followUpThanks') : t('evaluation.followUpAnswered')) : thanks ? t('evaluation.thanks') : t('evaluation.answered')}
					</p>
					{/* The card to self is the participant's; a manager has none for this enrolment. */}
					{forManager ? null : (
						<p>
							<Link to={`/mijn-leren/kaart/${invitation.enrolmentId}`}>{t('selfCard.afterEvaluation')}</Link>
						</p>
					)}
					<p>
						<Link to="/mijn-leren">{t('evaluation.backToLearning')}</Link>
					</p>
				</>
			) : (
				<>
					<p className="lead">{t(forManager ? 'evaluation.managerIntro' : followUp ? 'evaluation.followUpIntro' : 'evaluation.intro', { ...names, date: formatDate(new Date(invitation.startsAt), i18n.language) })}</p>
					<p>{t(forManager ? 'evaluation.managerAnonymous' : 'evaluation.anonymous')}</p>
					<Form method="post" {...getFormProps(form)}>
						<input type="hidden" name="intent" value="answer" />
						<ErrorSummary
							form={form}
							fields={evaluation.items.map((item) => ({ meta: fieldOf(item.id), label: question(item.id) }))}
							formError={errorText(form.errors)}
						/>
						{evaluation.items.map((item) => {
							const meta = fieldOf(item.id)
							if (item.kind === 'open') return <Field key={item.id} meta={meta} label={question(item.id)} hint={t('evaluation.openHint')} as="textarea" rows={4} />
							const error = errorText(meta.errors)
							const values = item.kind === 'likert' ? LIKERT : RECOMMEND
							const chosen = typeof meta.initialValue === 'string' ? meta.initialValue : ''
							// Each choice is tied to the question's error, as a text field is (components/field.tsx).
							const invalid = error ? { 'aria-invalid': true, 'aria-describedby': meta.errorId } : {}
							return (
								<fieldset key={item.id} className={error ? 'evaluation-question evaluation-question--invalid' : 'evaluation-question'}>
									<legend>{question(item.id)}</legend>
									{item.kind === 'recommendation' ? <p className="field__hint">{t('evaluation.recommendHint')}</p> : null}
									{error ? (
										<p className="field__error" id={meta.errorId}>
											{error}
										</p>
									) : null}
									<div className={item.kind === 'likert' ? 'evaluation-scale' : 'evaluation-scale evaluation-scale--numbers'}>
										{values.map((value, index) => (
											<label key={value} className="choice">
												<input type="radio" id={index === 0 ? meta.id : undefined} name={meta.name} value={String(value)} defaultChecked={chosen === String(value)} {...invalid} />
												{item.kind === 'likert' ? t(`evaluation.scale${value as 1 | 2 | 3 | 4 | 5}`) : String(value)}
											</label>
										))}
										<label className="choice">
											<input type="radio" name={meta.name} value="" defaultChecked={chosen === ''} {...invalid} />
											{t('evaluation.skip')}
										</label>
									</div>
								</fieldset>
							)
						})}
						<div className="form-actions">
							<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
								{t(followUp ? 'evaluation.followUpSubmit' : 'evaluation.submit')}
							</button>
							<Link to="/mijn-leren">{t('evaluation.backToLearning')}</Link>
						</div>
					</Form>
				</>
			)}
		</div>
	)
}
