import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { CourseForm } from '../features/courses/course-form.tsx'
import { NEW_COURSE, type CourseFormReply } from '../features/courses/course-form-schema.ts'
import { courseFormAction } from '../features/courses/course-form.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { showCourseForm } from '../features/courses/show-course-form.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownCourses)
	const t = await i18next.getFixedT(request)
	const locale = await i18next.getLocale(request)
	const { themes, units } = valueOrThrow(await showCourseForm(context, { actor, courseId: null, language: locale }))
	return { themes, units, tenantId: actor.tenantId, title: `${t('courseAdmin.newTitle')} – ${t('app.name')}` }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownCourses)
	return courseFormAction(request, context, { actor, courseId: null })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function NewCourse() {
	const { themes, units, tenantId } = useLoaderData<typeof loader>()
	const lastResult = useActionData<CourseFormReply>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('courseAdmin.newTitle')}</h1>
			<CourseForm defaultValue={NEW_COURSE} lastResult={lastResult} themes={themes} units={units} ownTenantId={tenantId} courseId={null} />
		</div>
	)
}
