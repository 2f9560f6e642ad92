import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { CourseForm } from '../features/courses/course-form.tsx'
import type { CourseFormReply, CourseFormValues } from '../features/courses/course-form-schema.ts'
import { courseFormAction } from '../features/courses/course-form.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { showCourseForm } from '../features/courses/show-course-form.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const locale = await i18next.getLocale(request)
	// Another unit's course is simply not found: its existence is not confirmed either.
	const { themes, course } = valueOrThrow(await showCourseForm(context, { actor, courseId, language: locale }))
	invariantResponse(course, 404, 'COURSE_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	const values: CourseFormValues = {
		title: course.title,
		summary: course.summary,
		description: course.description,
		themeId: course.themeId ?? '',
		form: course.form,
		language: course.language,
		durationMinutes: String(course.durationMinutes),
		priceEuros: String(course.priceCents / 100),
		status: course.status,
	}
	return { themes, tenantId: actor.tenantId, courseId: course.id, values, title: `${t('courseAdmin.editTitle')}: ${course.title} – ${t('app.name')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	return courseFormAction(request, context, { actor, courseId })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function EditCourse() {
	const { themes, tenantId, courseId, values } = useLoaderData<typeof loader>()
	const lastResult = useActionData<CourseFormReply>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('courseAdmin.editTitle')}</h1>
			<CourseForm defaultValue={values} lastResult={lastResult} themes={themes} ownTenantId={tenantId} courseId={courseId} />
			<p>
				<Link to={`/beheer/cursussen/${courseId}/bekwaamheden`}>{t('competencies.courseLink')}</Link>
			</p>
		</div>
	)
}
