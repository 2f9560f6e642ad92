import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { DeckCsvRowError } from '@leerplein/domain'
import { ChangeNotice } from '../components/admin-list.tsx'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readUploadForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { DECK_MAX_FILE_BYTES, DECK_OPTION_FIELDS, deckFileSchema, deckQuestionSchema, removeQuestionSchema } from '../features/practice/deck-schema.ts'
import { importDeck } from '../features/practice/import-deck.server.ts'
import { removeDeckQuestion } from '../features/practice/remove-deck-question.server.ts'
import { showDeck } from '../features/practice/show-deck.server.ts'
import { writeDeckQuestion } from '../features/practice/write-deck-question.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

const SAVED = ['added', 'changed', 'removed'] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	// Another unit's course is simply not found.
	const deck = valueOrThrow(await showDeck(context, { actor, courseId }))
	const query = new URL(request.url).searchParams
	const editing = deck.questions.find((question) => question.id === query.get('wijzig')) ?? null
	const saved = SAVED.find((word) => word === query.get('opgeslagen')) ?? null
	const imported = /^\d{1,2}$/.test(query.get('geimporteerd') ?? '') ? Number(query.get('geimporteerd')) : null
	const t = await i18next.getFixedT(request)
	return { ...deck, editingId: editing?.id ?? null, saved, imported, title: `${t('practiceDeck.title', { course: deck.course.title })} – ${t('app.name')}` }
}

type ActionReply = { form: 'question' | 'remove' | 'import'; reply: SubmissionResult<string[]>; rowErrors?: DeckCsvRowError[] }
const HIDDEN = { hideFields: ['bestand'] }

/** A question added, changed or removed, or a file of questions imported, by the providing unit's coordinator (ADR 047). */
export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const form = await readUploadForm(request, { file: 'bestand', maxFileBytes: DECK_MAX_FILE_BYTES, multiline: ['prompt', 'explanation'] })
	const here = `/beheer/cursussen/${courseId}/vragen`
	switch (requireIntent(form, ['question', 'remove', 'import'])) {
		case 'question': {
			const submission = parseForm(form, deckQuestionSchema)
			if (submission.status !== 'success') return data<ActionReply>({ form: 'question', reply: invalidForm(submission).data }, { status: 400 })
			const written = await writeDeckQuestion(context, { actor, courseId, questionId: submission.value.questionId, submitted: submission.value.submitted })
			if (!written.ok) {
				if (written.code === 'COURSE_NOT_FOUND') return throwFailure(written)
				const refused = refusedForm(submission, written)
				return data<ActionReply>({ form: 'question', reply: refused.data }, { status: refused.init?.status ?? 400 })
			}
			throw redirect(`${here}?opgeslagen=${submission.value.questionId ? 'changed' : 'added'}#vraag-${written.value.questionId}`, 303)
		}
		case 'remove': {
			const submission = parseForm(form, removeQuestionSchema)
			if (submission.status !== 'success') return data<ActionReply>({ form: 'remove', reply: invalidForm(submission).data }, { status: 400 })
			const removed = await removeDeckQuestion(context, { actor, courseId, questionId: submission.value.questionId })
			if (!removed.ok) {
				if (removed.code === 'COURSE_NOT_FOUND') return throwFailure(removed)
				const refused = refusedForm(submission, removed)
				return data<ActionReply>({ form: 'remove', reply: refused.data }, { status: refused.init?.status ?? 400 })
			}
			throw redirect(`${here}?opgeslagen=removed#vragen`, 303)
		}
		case 'import': {
			const submission = parseForm(form, deckFileSchema)
			if (submission.status !== 'success') return data<ActionReply>({ form: 'import', reply: invalidForm(submission, HIDDEN).data }, { status: 400 })
			const imported = await importDeck(context, { actor, courseId, csv: await submission.value.bestand.text() })
			if (!imported.ok) {
				if (imported.kind !== 'invalid') return throwFailure(imported)
				const refused = refusedForm(submission, imported, HIDDEN)
				return data<ActionReply>({ form: 'import', reply: refused.data }, { status: refused.init?.status ?? 400 })
			}
			if (!imported.value.saved) return data<ActionReply>({ form: 'import', reply: submission.reply(HIDDEN), rowErrors: imported.value.errors }, { status: 400 })
			throw redirect(`${here}?geimporteerd=${imported.value.questions}#vragen`, 303)
		}
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * A course's deck of practice questions for its providing unit's coordinators (ADR 047): whether it
 * is active, the questions with the right answer marked and, from five learners, how often each is
 * forgotten; a form to add or change one, and a CSV import that saves all rows or none. Plain
 * forms, so it works with the keyboard, without JavaScript and on a phone.
 */
export default function DeckPage() {
	const view = useLoaderData<typeof loader>()
	const { course, questions, active, min, max, editingId } = view
	const reply = useActionData<typeof action>() as ActionReply | undefined
	const { t } = useTranslation()
	const here = `/beheer/cursussen/${course.id}/vragen`
	const editing = questions.find((question) => question.id === editingId) ?? null
	const editingNumber = editing ? questions.indexOf(editing) + 1 : 0
	const notice = view.saved ? t(`practiceDeck.saved_${view.saved}`) : view.imported !== null ? t('practiceDeck.imported', { count: view.imported }) : null
	const optionText = (kind: string, option: string) => (kind === 'true_false' ? t(`practice.option_${option === 'true' ? 'true' : 'false'}`) : option)
	const removeReply = reply?.form === 'remove' ? reply.reply : undefined
	const errorText = useErrorText()
	return (
		<div className="container page">
			<h1>
				{t('practiceDeck.title', { course: course.title })}
				<CourseStatusBadge status={course.status} />
			</h1>
			<ChangeNotice text={notice} />
			<p className="lead">{t('practiceDeck.intro')}</p>
			<p className="notice">{active ? t('practiceDeck.active') : t('practiceDeck.inactive', { count: questions.length, min })}</p>
			<p>{t('practiceDeck.count', { count: questions.length, max })}</p>

			<section aria-labelledby="vragen">
				<h2 id="vragen">{t('practiceDeck.questionsTitle')}</h2>
				{removeReply?.error ? <p className="field__error">{errorText(Object.values(removeReply.error).flat().filter((v): v is string => typeof v === 'string'))}</p> : null}
				{questions.length === 0 ? <p>{t('practiceDeck.none')}</p> : null}
				<ol className="deck-questions">
					{questions.map((question, index) => (
						<li key={question.id} id={`vraag-${question.id}`}>
							<h3>
								{t('practiceDeck.questionHeading', { number: index + 1 })} <span className="badge">{t(`practiceDeck.kind_${question.kind}`)}</span>
							</h3>
							<p>{question.prompt}</p>
							<ul>
								{question.options.map((option, optionIndex) => (
									<li key={optionIndex}>
										{optionText(question.kind, option)} {optionIndex === question.correctOption ? <strong>{t('practiceDeck.correctMark')}</strong> : null}
									</li>
								))}
							</ul>
							<p>
								<em>{t('practiceDeck.explanation')}:</em> {question.explanation}
							</p>
							<p>
								{question.outcome.shown
									? t('practiceDeck.outcome', { learners: question.outcome.learners, answers: question.outcome.answers, percent: question.outcome.wrongPercent, lapses: question.outcome.lapses })
									: t('practiceDeck.outcomeTooFew', { needed: question.outcome.needed, learners: question.outcome.learners })}
							</p>
							<div className="form-actions">
								<Link to={`${here}?wijzig=${question.id}#vraag-formulier`} aria-label={t('practiceDeck.changeLabel', { number: index + 1 })}>
									{t('practiceDeck.change')}
								</Link>
								<Form method="post" action={here}>
									<input type="hidden" name="intent" value="remove" />
									<input type="hidden" name="questionId" value={question.id} />
									<button type="submit" className="button button--secondary" aria-label={t('practiceDeck.removeLabel', { number: index + 1 })}>
										{t('practiceDeck.remove')}
									</button>
								</Form>
							</div>
						</li>
					))}
				</ol>
			</section>

			<QuestionForm
				key={editing?.id ?? 'new'}
				here={here}
				lastResult={reply?.form === 'question' ? reply.reply : undefined}
				editing={editing ? { ...editing, number: editingNumber } : null}
				full={!editing && questions.length >= max}
			/>

			<ImportForm here={here} lastResult={reply?.form === 'import' ? reply.reply : undefined} rowErrors={reply?.form === 'import' ? (reply.rowErrors ?? []) : []} />

			<p>
				<Link to={`/beheer/cursussen/${course.id}`}>{t('practiceDeck.backToCourse')}</Link>
			</p>
		</div>
	)
}

type Editing = { id: string; number: number; kind: string; prompt: string; options: string[]; correctOption: number; explanation: string }

function QuestionForm({ here, lastResult, editing, full }: { here: string; lastResult: SubmissionResult<string[]> | undefined; editing: Editing | null; full: boolean }) {
	const { t } = useTranslation()
	const defaults: Record<string, string> = editing
		? {
				kind: editing.kind,
				prompt: editing.prompt,
				explanation: editing.explanation,
				correct: editing.kind === 'true_false' ? (editing.correctOption === 0 ? 'true' : 'false') : String(editing.correctOption + 1),
				...Object.fromEntries(editing.kind === 'choice' ? editing.options.map((option, index) => [`option${index + 1}`, option]) : []),
			}
		: { kind: 'choice' }
	const [form, fields] = useForm<Record<string, string>>({
		id: 'vraag',
		lastResult,
		// Judged by the server (the domain's check), so the page and the service refuse alike.
		defaultValue: defaults,
	})
	const correctOptions = [
		{ value: '', label: '—' },
		...DECK_OPTION_FIELDS.map((_, index) => ({ value: String(index + 1), label: t('practiceDeck.correctNumber', { number: index + 1 }) })),
		{ value: 'true', label: t('practiceDeck.correctTrue') },
		{ value: 'false', label: t('practiceDeck.correctFalse') },
	]
	const labelled = [
		{ meta: fields.kind!, label: t('practiceDeck.kind') },
		{ meta: fields.prompt!, label: t('practiceDeck.prompt') },
		...DECK_OPTION_FIELDS.map((name, index) => ({ meta: fields[name]!, label: t('practiceDeck.option', { number: index + 1 }) })),
		{ meta: fields.correct!, label: t('practiceDeck.correct') },
		{ meta: fields.explanation!, label: t('practiceDeck.explanation') },
	]
	return (
		<section aria-labelledby="vraag-formulier">
			<h2 id="vraag-formulier">{editing ? t('practiceDeck.changeTitle', { number: editing.number }) : t('practiceDeck.addTitle')}</h2>
			{full ? (
				<p className="notice">{t('practiceDeck.full')}</p>
			) : (
				<Form method="post" action={editing ? `${here}?wijzig=${editing.id}` : here} className="form" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="question" />
					{editing ? <input type="hidden" name="questionId" value={editing.id} /> : null}
					<ErrorSummary form={form} fields={labelled} />
					<Field
						meta={fields.kind!}
						label={t('practiceDeck.kind')}
						as="select"
						options={[
							{ value: 'choice', label: t('practiceDeck.kind_choice') },
							{ value: 'true_false', label: t('practiceDeck.kind_true_false') },
						]}
					/>
					<Field meta={fields.prompt!} label={t('practiceDeck.prompt')} hint={t('practiceDeck.promptHint')} as="textarea" rows={3} />
					<p className="field__hint">{t('practiceDeck.optionsHint')}</p>
					{DECK_OPTION_FIELDS.map((name, index) => (
						<Field key={name} meta={fields[name]!} label={t('practiceDeck.option', { number: index + 1 })} />
					))}
					<Field meta={fields.correct!} label={t('practiceDeck.correct')} hint={t('practiceDeck.correctHint')} as="select" options={correctOptions} />
					<Field meta={fields.explanation!} label={t('practiceDeck.explanation')} hint={t('practiceDeck.explanationHint')} as="textarea" rows={3} />
					<div className="form-actions">
						<button type="submit" className="button">
							{editing ? t('practiceDeck.save') : t('practiceDeck.add')}
						</button>
						{editing ? <Link to={here}>{t('practiceDeck.cancel')}</Link> : null}
					</div>
				</Form>
			)}
		</section>
	)
}

/** A question's field as the file names its column. */
function csvColumn(field: string | null): string {
	if (field === null) return '—'
	const option = /^option(\d)$/.exec(field)
	if (option) return `optie${option[1]}`
	return ({ kind: 'soort', prompt: 'vraag', options: 'optie1–optie5', correct: 'juist', explanation: 'uitleg' } as Record<string, string>)[field] ?? field
}

function ImportForm({ here, lastResult, rowErrors }: { here: string; lastResult: SubmissionResult<string[]> | undefined; rowErrors: DeckCsvRowError[] }) {
	const { t } = useTranslation()
	const [form, fields] = useForm({ id: 'vragen-import', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: deckFileSchema }), shouldValidate: 'onSubmit' })
	return (
		<section aria-labelledby="importeren">
			<h2 id="importeren">{t('practiceDeck.importTitle')}</h2>
			<p>{t('practiceDeck.importIntro')}</p>
			{rowErrors.length > 0 ? (
				<div className="error-summary" role="alert" aria-labelledby="regelfouten">
					<h3 id="regelfouten">{t('practiceDeck.rowErrorsTitle')}</h3>
					<p>{t('practiceDeck.rowErrorsIntro', { count: rowErrors.length })}</p>
					<ScrollRegion labelledBy="regelfouten">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('practiceDeck.rowLine')}</th>
									<th scope="col">{t('practiceDeck.rowField')}</th>
									<th scope="col">{t('practiceDeck.rowError')}</th>
									<th scope="col">{t('practiceDeck.rowText')}</th>
								</tr>
							</thead>
							<tbody>
								{rowErrors.map((row, index) => (
									<tr key={index}>
										<th scope="row">{row.line}</th>
										<td>{csvColumn(row.field)}</td>
										<td>{t(`errors.${row.code}`)}</td>
										<td>
											<code>{row.text}</code>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				</div>
			) : null}
			<Form method="post" encType="multipart/form-data" action={here} className="form" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="import" />
				<ErrorSummary form={form} fields={[{ meta: fields.bestand, label: t('practiceDeck.file') }]} />
				<Field meta={fields.bestand} label={t('practiceDeck.file')} type="file" controlProps={{ accept: '.csv,text/csv' }} />
				<button type="submit" className="button">
					{t('practiceDeck.import')}
				</button>
			</Form>
		</section>
	)
}
