import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SELF_CARD_OUTCOMES } from '@leerplein/domain'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { SELF_CARD_ACTION_FIELDS, returnDateSchema, selfCardReviewSchema, selfCardSchema } from '../features/effect/card-schema.ts'
import { changeSelfCardReturnDate } from '../features/effect/change-self-card-date.server.ts'
import { ownSelfCard } from '../features/effect/own-self-card.ts'
import { reviewSelfCard } from '../features/effect/review-self-card.server.ts'
import { showSelfCard } from '../features/effect/show-self-card.server.ts'
import { writeSelfCard } from '../features/effect/write-self-card.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownSelfCard)
	const enrolmentId = idParam(params, 'enrolmentId', 'SELF_CARD_NOT_FOUND')
	const shown = valueOrThrow(await showSelfCard(context, { actor, enrolmentId }))
	const t = await i18next.getFixedT(request)
	const done = new URL(request.url).searchParams
	return {
		...shown,
		notice: done.has('geschreven') ? ('saved' as const) : done.has('datum') ? ('dateChanged' as const) : done.has('teruggeblikt') ? ('reviewed' as const) : null,
		title: `${t('selfCard.title', { course: shown.enrolment.courseTitle })} – ${t('app.name')}`,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownSelfCard)
	const enrolmentId = idParam(params, 'enrolmentId', 'SELF_CARD_NOT_FOUND')
	const form = await readForm(request, { multiline: [...SELF_CARD_ACTION_FIELDS, 'note1', 'note2', 'note3', 'note4', 'note5'] })
	const intent = requireIntent(form, ['write', 'return-date', 'review'])
	const here = `/mijn-leren/kaart/${enrolmentId}`
	switch (intent) {
		case 'write': {
			const submission = parseForm(form, selfCardSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const written = await writeSelfCard(context, { actor, enrolmentId, ...submission.value })
			if (!written.ok) return written.kind === 'not_found' ? throwFailure(written) : refusedForm(submission, written)
			return redirect(`${here}?geschreven=1`, 303)
		}
		case 'return-date': {
			const submission = parseForm(form, returnDateSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const changed = await changeSelfCardReturnDate(context, { actor, enrolmentId, returnOn: submission.value.returnOn })
			if (!changed.ok) return changed.kind === 'not_found' ? throwFailure(changed) : refusedForm(submission, changed)
			return redirect(`${here}?datum=1`, 303)
		}
		case 'review': {
			const submission = parseForm(form, selfCardReviewSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const reviewed = await reviewSelfCard(context, { actor, enrolmentId, submitted: submission.value })
			if (!reviewed.ok) return reviewed.kind === 'not_found' ? throwFailure(reviewed) : refusedForm(submission, reviewed)
			return redirect(`${here}?teruggeblikt=1`, 303)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Reply = SubmissionResult<string[]> | undefined

/**
 * The card to self for a course the person took part in (ADR 042): first the form (one to five
 * actions, the day it comes back); then the card itself, its return day they may move until it is
 * mailed, and once it is back, per action what became of it. Plain fields and radio groups, so it
 * works with the keyboard, without JavaScript and on a phone.
 */
export default function SelfCardPage() {
	const { enrolment, card, defaultReturnOn, due, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as Reply
	const { t, i18n } = useTranslation()
	const replyFor = (intent: string): Reply => (actionData?.initialValue?.intent === intent ? actionData : undefined)
	const day = (date: string) => formatDate(new Date(`${date}T12:00:00Z`), i18n.language)
	return (
		<div className="container page narrow">
			<h1>{t('selfCard.title', { course: enrolment.courseTitle })}</h1>
			{notice ? (
				<p className="notice" role="status">
					{t(`selfCard.${notice}`)}
				</p>
			) : null}
			{!card ? (
				<WriteForm lastResult={replyFor('write')} defaultReturnOn={defaultReturnOn} />
			) : (
				<>
					<p>{t('selfCard.private')}</p>
					<h2>{t('selfCard.yourActions')}</h2>
					<ol className="self-card-actions">
						{card.actions.map((action) => (
							<li key={action.position}>
								{action.text}
								{action.outcome ? (
									<p className="field__hint">
										{t('selfCard.outcomeOf', { outcome: t(`selfCard.outcome_${action.outcome}`) })}
										{action.outcomeNote ? ` – ${action.outcomeNote}` : null}
									</p>
								) : null}
							</li>
						))}
					</ol>
					{card.mailedAt ? (
						<p>{t('selfCard.mailed', { date: formatDate(new Date(card.mailedAt), i18n.language) })}</p>
					) : (
						<>
							<p>{t('selfCard.returnsOn', { date: day(card.returnOn) })}</p>
							<ReturnDateForm lastResult={replyFor('return-date')} returnOn={card.returnOn} />
						</>
					)}
					{due && !card.reviewedAt ? <ReviewForm lastResult={replyFor('review')} actions={card.actions} /> : null}
				</>
			)}
			<p>
				<Link to="/mijn-leren">{t('selfCard.backToLearning')}</Link>
			</p>
		</div>
	)
}

function WriteForm({ lastResult, defaultReturnOn }: { lastResult: Reply; defaultReturnOn: string }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const navigation = useNavigation()
	const [form, fields] = useForm<Record<string, string>>({ id: 'kaart', lastResult, defaultValue: { returnOn: defaultReturnOn } })
	const label = (index: number) => t('selfCard.actionLabel', { number: index + 1 })
	return (
		<>
			<p className="lead">{t('selfCard.intro')}</p>
			<p>{t('selfCard.private')}</p>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="write" />
				<ErrorSummary
					form={form}
					fields={[...SELF_CARD_ACTION_FIELDS.map((name, index) => ({ meta: fields[name]!, label: label(index) })), { meta: fields.returnOn!, label: t('selfCard.returnOnLabel') }]}
					formError={errorText(form.errors)}
				/>
				{SELF_CARD_ACTION_FIELDS.map((name, index) => (
					<Field key={name} meta={fields[name]!} label={label(index)} hint={index === 0 ? t('selfCard.actionHint') : undefined} as="textarea" rows={2} />
				))}
				<Field meta={fields.returnOn!} label={t('selfCard.returnOnLabel')} hint={t('selfCard.returnOnHint')} type="date" />
				<div className="form-actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('selfCard.write')}
					</button>
				</div>
			</Form>
		</>
	)
}

function ReturnDateForm({ lastResult, returnOn }: { lastResult: Reply; returnOn: string }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm<{ returnOn: string }>({ id: 'terugsturen', lastResult, defaultValue: { returnOn } })
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="return-date" />
			{form.errors ? <p className="field__error">{errorText(form.errors)}</p> : null}
			<Field meta={fields.returnOn} label={t('selfCard.returnOnLabel')} hint={t('selfCard.returnOnHint')} type="date" />
			<div className="form-actions">
				<button type="submit" className="button button--secondary">
					{t('selfCard.changeDate')}
				</button>
			</div>
		</Form>
	)
}

function ReviewForm({ lastResult, actions }: { lastResult: Reply; actions: { position: number; text: string }[] }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm<Record<string, string>>({ id: 'terugblik', lastResult })
	return (
		<section aria-labelledby="terugblik-titel">
			<h2 id="terugblik-titel">{t('selfCard.reviewTitle')}</h2>
			<p>{t('selfCard.reviewIntro')}</p>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="review" />
				<ErrorSummary
					form={form}
					fields={actions.flatMap((action) => [
						{ meta: fields[`outcome${action.position}`]!, label: t('selfCard.outcomeLegend', { number: action.position, text: action.text }) },
						{ meta: fields[`note${action.position}`]!, label: t('selfCard.noteLabel', { number: action.position }) },
					])}
					formError={errorText(form.errors)}
				/>
				{actions.map((action) => {
					const meta = fields[`outcome${action.position}`]!
					const error = errorText(meta.errors)
					const chosen = typeof meta.initialValue === 'string' ? meta.initialValue : ''
					const invalid = error ? { 'aria-invalid': true, 'aria-describedby': meta.errorId } : {}
					return (
						<div key={action.position}>
							<fieldset className={error ? 'evaluation-question evaluation-question--invalid' : 'evaluation-question'}>
								<legend>{t('selfCard.outcomeLegend', { number: action.position, text: action.text })}</legend>
								{error ? (
									<p className="field__error" id={meta.errorId}>
										{error}
									</p>
								) : null}
								<div className="evaluation-scale">
									{SELF_CARD_OUTCOMES.map((outcome, index) => (
										<label key={outcome} className="choice">
											<input type="radio" id={index === 0 ? meta.id : undefined} name={meta.name} value={outcome} defaultChecked={chosen === outcome} {...invalid} />
											{t(`selfCard.outcome_${outcome}`)}
										</label>
									))}
								</div>
							</fieldset>
							<Field meta={fields[`note${action.position}`]!} label={t('selfCard.noteLabel', { number: action.position })} as="textarea" rows={2} />
						</div>
					)
				})}
				<div className="form-actions">
					<button type="submit" className="button">
						{t('selfCard.review')}
					</button>
				</div>
			</Form>
		</section>
	)
}
