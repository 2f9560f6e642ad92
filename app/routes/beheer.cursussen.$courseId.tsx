import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { CourseForm } from '../features/courses/course-form.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showCourseForm } from '../features/courses/show-course-form.server.ts'
import { courseFormAction, type CourseFormResult } from '../features/courses/course-form.server.ts'
import { invariantResponse } from '../core/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	invariantResponse(isUuid(params.courseId), 404, 'COURSE_NOT_FOUND')
	const signedIn = await requireSignedIn(request, context)
	const { tenantId, userId } = signedIn.person
	await requirePermission(request, context, 'update', { kind: 'course', providerTenantId: tenantId })
	const locale = await i18next.getLocale(request)
	// Another unit's course is simply not found: its existence is not confirmed either.
	const { themes, course, found } = await showCourseForm(context, { tenantId, userId, courseId: params.courseId, language: locale })
	invariantResponse(found && course, 404, 'COURSE_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	const values = {
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
	return { themes, tenantId, courseId: course.id, values, title: `${t('courseAdmin.editTitle')}: ${course.title} – ${t('app.name')}` }
}

export async function action(args: ActionFunctionArgs) {
	const courseId = args.params.courseId
	invariantResponse(isUuid(courseId), 404, 'COURSE_NOT_FOUND')
	return courseFormAction(args, { courseId })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function EditCourse() {
	const { themes, tenantId, courseId, values } = useLoaderData<typeof loader>()
	const result = useActionData<CourseFormResult>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('courseAdmin.editTitle')}</h1>
			<CourseForm initialValues={values} result={result} themes={themes} ownTenantId={tenantId} courseId={courseId} />
		</div>
	)
}
