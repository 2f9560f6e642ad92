import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../components/field.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { compareCourses } from '../features/deduplication/compare-courses.server.ts'
import { comparedSchema, compareFormSchema, mergeSchema } from '../features/deduplication/compare-schema.ts'
import { dismissDuplicates } from '../features/deduplication/dismiss-duplicates.server.ts'
import { mergeCourses } from '../features/deduplication/merge-courses.server.ts'
import { durationParts, formatPrice } from '../utils/format.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { invalidForm, parseForm, readForm, requireIntent } from '../core/form.server.ts'

/** Two to four courses, each once, or the request makes no sense (400). */
function comparedCourses(values: FormDataEntryValue[]): string[] {
	const parsed = comparedSchema.safeParse({ cursus: values })
	invariantResponse(parsed.success, 400, 'COURSES_TO_COMPARE')
	return parsed.data.cursus
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', { kind: 'duplicates' })
	const courseIds = comparedCourses(new URL(request.url).searchParams.getAll('cursus'))
	const courses = valueOrThrow(await compareCourses(context, { actor, courseIds }))
	const t = await i18next.getFixedT(request)
	return { courses, title: `${t('duplicates.compareTitle')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'merge', { kind: 'duplicates' })
	const form = await readForm(request)
	const intent = requireIntent(form, ['confirm', 'merge', 'dismiss'])
	const courseIds = comparedCourses(form.getAll('cursus'))
	if (intent === 'dismiss') {
		const dismissed = await dismissDuplicates(context, { actor, courseIds })
		if (!dismissed.ok) throwFailure(dismissed)
		throw redirect('/beheer/dubbelingen?geen-dubbeling=1')
	}
	// Nothing is merged without a choice and a second, explicit confirmation.
	const submission = parseForm(form, mergeSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const { canonicalId } = submission.value
	if (intent === 'confirm') return data({ ...submission.reply(), confirm: canonicalId })
	const merged = await mergeCourses(context, { actor, canonicalId, mergedIds: courseIds.filter((id) => id !== canonicalId) })
	if (!merged.ok) throwFailure(merged)
	throw redirect('/beheer/dubbelingen?samengevoegd=1')
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function CompareCourses() {
	const { courses } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm<{ cursus: string[]; canonicalId?: string }>({
		id: 'compare',
		lastResult,
		constraint: getZodConstraint(mergeSchema),
		// "Not a duplicate" needs no choice; merging does.
		onValidate: ({ formData }) => parseWithZod(formData, { schema: compareFormSchema(formData.get('intent')) }),
		shouldValidate: 'onSubmit',
	})
	const confirm = lastResult && 'confirm' in lastResult ? lastResult.confirm : null
	const confirming = confirm ? courses.find((course) => course.id === confirm) : null
	const canonicalError = errorText(fields.canonicalId.errors)
	const hiddenIds = courses.map((course) => <input key={course.id} type="hidden" name="cursus" value={course.id} />)
	const duration = (minutes: number) => {
		const { unit, count } = durationParts(minutes)
		return t(`duration.${unit}`, { count })
	}
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to="/beheer/dubbelingen">{t('duplicates.back')}</Link>
			</p>
			<h1>{t('duplicates.compareTitle')}</h1>
			{confirming ? (
				<section className="duplicates-panel" aria-labelledby="bevestigen">
					<h2 id="bevestigen">{t('duplicates.confirmTitle')}</h2>
					<p>{t('duplicates.confirmText', { count: courses.length - 1, title: confirming.title, unit: confirming.providerShortName })}</p>
					<Form method="post" className="form-actions">
						{hiddenIds}
						<input type="hidden" name="canonicalId" value={confirming.id} />
						<button type="submit" name="intent" value="merge" className="button">
							{t('duplicates.confirm')}
						</button>
						<Link to={`?${courses.map((course) => `cursus=${course.id}`).join('&')}`} className="button button--secondary">
							{t('duplicates.cancel')}
						</Link>
					</Form>
				</section>
			) : null}
			<p className="lead">{t('duplicates.compareIntro')}</p>
			<Form method="post" {...getFormProps(form)}>
				{hiddenIds}
				<fieldset className={`field${canonicalError ? ' field--invalid' : ''}`}>
					<legend>{t('duplicates.keepLegend')}</legend>
					{canonicalError ? (
						<p className="field__error" id={fields.canonicalId.errorId}>
							{canonicalError}
						</p>
					) : null}
					<div className="compare-grid">
						{courses.map((course) => (
							<section key={course.id} aria-labelledby={`titel-${course.id}`}>
								<h2 id={`titel-${course.id}`}>{course.title}</h2>
								<p>
									<input
										type="radio"
										name={fields.canonicalId.name}
										value={course.id}
										id={`keep-${course.id}`}
										defaultChecked={fields.canonicalId.initialValue === course.id}
										aria-describedby={canonicalError ? fields.canonicalId.errorId : undefined}
									/>{' '}
									<label htmlFor={`keep-${course.id}`}>
										{t('duplicates.keep')}
										<span className="visually-hidden">: {course.title}</span>
									</label>
								</p>
								<dl>
									<dt>{t('duplicates.provider')}</dt>
									<dd>{course.providerName}</dd>
									<dt>{t('duplicates.theme')}</dt>
									<dd>{(i18n.language === 'en' ? course.themeNameEn : course.themeNameNl) ?? '—'}</dd>
									<dt>{t('duplicates.form')}</dt>
									<dd>{t(`courseForm.${course.form}`)}</dd>
									<dt>{t('duplicates.duration')}</dt>
									<dd>{duration(course.durationMinutes)}</dd>
									<dt>{t('duplicates.price')}</dt>
									<dd>{course.priceCents === 0 ? t('catalogue.free') : formatPrice(course.priceCents, i18n.language)}</dd>
									<dt>{t('duplicates.sessions')}</dt>
									<dd>{course.sessions}</dd>
									{course.offeredBy.length > 0 ? (
										<>
											<dt>{t('duplicates.offeredBy')}</dt>
											<dd>{course.offeredBy.join(', ')}</dd>
										</>
									) : null}
									{course.similarity ? (
										<>
											<dt>{t('duplicates.reasons')}</dt>
											<dd>
												{t('duplicates.likeness', { percent: Math.round(course.similarity.score * 100) })}:{' '}
												{course.similarity.reasons.map((reason) => t(`duplicates.reason_${reason}`)).join(', ')}
											</dd>
										</>
									) : null}
									<dt>{t('duplicates.summary')}</dt>
									<dd>{course.summary}</dd>
									<dt>{t('duplicates.description')}</dt>
									<dd>
										{course.description.split(/\n{2,}/).map((paragraph, index) => (
											<p key={index}>{paragraph}</p>
										))}
									</dd>
								</dl>
							</section>
						))}
					</div>
				</fieldset>
				<div className="form-actions">
					<button type="submit" name="intent" value="confirm" className="button">
						{t('duplicates.merge')}
					</button>
					<button type="submit" name="intent" value="dismiss" className="button button--secondary" title={t('duplicates.notDuplicateHint')}>
						{t('duplicates.notDuplicate')}
					</button>
				</div>
			</Form>
		</div>
	)
}
