import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { missingForPublication } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { useErrorText } from '../components/field.tsx'
import { requirePermission } from '../features/identity/guard.server.ts'
import { CourseForm } from '../features/courses/course-form.tsx'
import type { CourseFormReply } from '../features/courses/course-form-schema.ts'
import { courseFormAction } from '../features/courses/course-form.server.ts'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { ownCourses } from '../features/courses/own-courses.ts'
import { courseFormValues, showCourseForm } from '../features/courses/show-course-form.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import type { FormFailure } from '../core/http.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const locale = await i18next.getLocale(request)
	// Another unit's course is simply not found: its existence is not confirmed either.
	const { themes, units, course } = valueOrThrow(await showCourseForm(context, { actor, courseId, language: locale }))
	invariantResponse(course, 404, 'COURSE_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	const url = new URL(request.url)
	// `?publiceren` and `?archiveren` ask for confirmation first; only a change that may happen is asked.
	const asking = url.searchParams.has('publiceren') && course.status !== 'published' ? 'publish' : url.searchParams.has('archiveren') && course.status !== 'archived' ? 'archive' : null
	return {
		themes,
		units,
		tenantId: actor.tenantId,
		courseId: course.id,
		courseTitle: course.title,
		status: course.status,
		missing: missingForPublication(course),
		values: courseFormValues(course),
		asking,
		flash: (['gepubliceerd', 'gearchiveerd', 'opgeslagen'] as const).find((key) => url.searchParams.has(key)) ?? null,
		title: `${t('courseAdmin.editTitle')}: ${course.title} – ${t('app.name')}`,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	return courseFormAction(request, context, { actor, courseId })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function EditCourse() {
	const { themes, units, tenantId, courseId, courseTitle, status, missing, values, asking, flash } = useLoaderData<typeof loader>()
	const reply = useActionData<CourseFormReply | FormFailure<'status'>>()
	const statusFailure = reply && 'form' in reply && reply.form === 'status' ? reply : undefined
	const lastResult = reply && !statusFailure ? (reply as CourseFormReply) : undefined
	const navigation = useNavigation()
	const { t } = useTranslation()
	const errorText = useErrorText()
	const path = `/beheer/cursussen/${courseId}`
	const flashText = { gepubliceerd: t('courseAdmin.published'), gearchiveerd: t('courseAdmin.archived'), opgeslagen: t('courseAdmin.saved') }
	return (
		<div className="container page">
			<h1>
				{t('courseAdmin.editTitle')}
				<CourseStatusBadge status={status} />
			</h1>
			{flash ? (
				<p className="notice notice--success" role="status">
					{flashText[flash]}
				</p>
			) : null}

			<section aria-labelledby="publiceren" className="panel">
				<h2 id="publiceren">{t('courseAdmin.publishTitle')}</h2>
				{statusFailure ? (
					<p className="notice notice--error" role="alert">
						{errorText([statusFailure.error])}
					</p>
				) : null}
				{asking ? (
					<ConfirmAction
						id="bevestigen"
						headingLevel="h3"
						title={t(asking === 'publish' ? 'courseAdmin.confirmPublishTitle' : 'courseAdmin.confirmArchiveTitle', { title: courseTitle })}
						text={t(asking === 'publish' ? 'courseAdmin.confirmPublishText' : 'courseAdmin.confirmArchiveText')}
						fields={{ intent: asking }}
						confirmLabel={t(asking === 'publish' ? 'courseAdmin.confirmPublish' : 'courseAdmin.confirmArchive')}
						cancelTo={path}
						cancelLabel={t('courseAdmin.cancel')}
						busy={navigation.state === 'submitting'}
					/>
				) : (
					<>
						{status === 'draft' ? <p>{t('courseAdmin.publishIntro')}</p> : null}
						{status !== 'published' && missing.length > 0 ? <p className="hint">{t('courseAdmin.publishIncomplete')}</p> : null}
						<p className="form-actions">
							{status !== 'published' ? (
								<Link className="button" to={`${path}?publiceren=1#bevestigen`}>
									{t('courseAdmin.publish')}
								</Link>
							) : null}{' '}
							{status !== 'archived' ? (
								<Link className="button button--secondary" to={`${path}?archiveren=1#bevestigen`}>
									{t('courseAdmin.archive')}
								</Link>
							) : null}
						</p>
					</>
				)}
				<p>
					<Link to={`/catalogus/${courseId}`}>{t('courseAdmin.viewInCatalogue')}</Link>
					{' · '}
					<Link to={`/beheer/cursussen/${courseId}/bekwaamheden`}>{t('competencies.courseLink')}</Link>
					{' · '}
					<Link to={`/beheer/cursussen/${courseId}/evaluatie`}>{t('evaluation.resultsLink')}</Link>
					{' · '}
					<Link to={`/beheer/cursussen/${courseId}/vragen`}>{t('practiceDeck.link')}</Link>
				</p>
			</section>

			<CourseForm defaultValue={values} lastResult={lastResult} themes={themes} units={units} ownTenantId={tenantId} courseId={courseId} />
		</div>
	)
}
