import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { compareCourses } from '../features/deduplication/compare-courses.server.ts'
import { dismissDuplicates } from '../features/deduplication/dismiss-duplicates.server.ts'
import { mergeCourses } from '../features/deduplication/merge-courses.server.ts'
import { durationParts, formatPrice } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'

const MAX_COMPARED = 4

function readCourseIds(values: FormDataEntryValue[] | string[]): string[] {
	const ids = [...new Set(values.map(String))]
	invariantResponse(ids.length >= 2 && ids.length <= MAX_COMPARED && ids.every((id) => isUuid(id)), 400, 'COURSES_TO_COMPARE')
	return ids
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'merge', { kind: 'course', providerTenantId: '' })
	const courseIds = readCourseIds(new URL(request.url).searchParams.getAll('cursus'))
	const courses = await compareCourses(context, { tenantId: signedIn.person.tenantId, userId: signedIn.person.userId, courseIds })
	invariantResponse(courses, 400, 'COURSES_TO_COMPARE')
	const t = await i18next.getFixedT(request)
	return { courses, title: `${t('duplicates.compareTitle')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'merge', { kind: 'course', providerTenantId: '' })
	const { tenantId, userId } = signedIn.person
	const form = await request.formData()
	const courseIds = readCourseIds(form.getAll('cursus'))
	const intent = form.get('intent')
	if (intent === 'dismiss') {
		await dismissDuplicates(context, { tenantId, userId, courseIds, now: new Date() })
		throw redirect('/beheer/dubbelingen?geen-dubbeling=1')
	}
	const canonicalId = String(form.get('canonicalId') ?? '')
	// Nothing is merged without a choice and a second, explicit confirmation.
	if (!courseIds.includes(canonicalId)) return { error: 'chooseCanonical' as const, confirm: null }
	if (intent !== 'merge') return { error: null, confirm: canonicalId }
	try {
		await mergeCourses(context, { tenantId, userId, canonicalId, mergedIds: courseIds.filter((id) => id !== canonicalId), now: new Date() })
	} catch (error) {
		context.logger.warn({ err: error, courseIds }, 'course merge refused')
		invariantResponse(false, 400, 'MERGE_NOT_ALLOWED')
	}
	throw redirect('/beheer/dubbelingen?samengevoegd=1')
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function CompareCourses() {
	const { courses } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const confirming = result?.confirm ? courses.find((course) => course.id === result.confirm) : null
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
			<Form method="post">
				{hiddenIds}
				<fieldset className="field">
					<legend>{t('duplicates.keepLegend')}</legend>
					{result?.error ? (
						<p className="field__error" id="error-canonical">
							{t(`duplicates.${result.error}`)}
						</p>
					) : null}
					<div className="compare-grid">
						{courses.map((course) => (
							<section key={course.id} aria-labelledby={`titel-${course.id}`}>
								<h2 id={`titel-${course.id}`}>{course.title}</h2>
								<p>
									<input
										type="radio"
										name="canonicalId"
										value={course.id}
										id={`keep-${course.id}`}
										defaultChecked={result?.confirm === course.id}
										aria-describedby={result?.error ? 'error-canonical' : undefined}
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
