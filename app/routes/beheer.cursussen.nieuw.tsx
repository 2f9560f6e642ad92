import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { CourseForm } from '../features/courses/course-form.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { showCourseForm } from '../features/courses/show-course-form.server.ts'
import { courseFormAction, type CourseFormResult } from '../features/courses/course-form.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requireSignedIn(request, context)
	const { tenantId, userId } = signedIn.person
	await requirePermission(request, context, 'create', { kind: 'course', providerTenantId: tenantId })
	const t = await i18next.getFixedT(request)
	const locale = await i18next.getLocale(request)
	const { themes } = await showCourseForm(context, { tenantId, userId, courseId: null, language: locale })
	return { themes, tenantId, title: `${t('courseAdmin.newTitle')} – ${t('app.name')}` }
}

export async function action(args: ActionFunctionArgs) {
	return courseFormAction(args, { courseId: null })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

const EMPTY = { title: '', summary: '', description: '', themeId: '', form: 'classroom', language: 'nl', durationMinutes: '', priceEuros: '0', status: 'published' }

export default function NewCourse() {
	const { themes, tenantId } = useLoaderData<typeof loader>()
	const result = useActionData<CourseFormResult>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('courseAdmin.newTitle')}</h1>
			<CourseForm initialValues={EMPTY} result={result} themes={themes} ownTenantId={tenantId} courseId={null} />
		</div>
	)
}
