import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { getFormProps, useForm } from '@conform-to/react'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { courseCompetenciesSchema } from '../features/passport/course-competencies-schema.ts'
import { showCourseCompetencies, updateCourseCompetencies } from '../features/passport/course-competencies.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	// Another unit's course is simply not found.
	const shown = valueOrThrow(await showCourseCompetencies(context, { actor, courseId }))
	const t = await i18next.getFixedT(request)
	return {
		...shown,
		saved: new URL(request.url).searchParams.has('opgeslagen'),
		title: `${t('competencies.courseTitle', { course: shown.course.title })} – ${t('app.name')}`,
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownCourses)
	const courseId = idParam(params, 'courseId', 'COURSE_NOT_FOUND')
	const form = await readForm(request)
	requireIntent(form, ['save'])
	const submission = parseForm(form, courseCompetenciesSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const saved = await updateCourseCompetencies(context, { actor, courseId, grants: submission.value.grants })
	if (!saved.ok) return saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved)
	return redirect(`/beheer/cursussen/${courseId}/bekwaamheden?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

/**
 * A separate page beside the course form: which competencies the course grants, as checkboxes,
 * each with the minimum LTI score that grants it beside it.
 */
export default function CourseCompetencies() {
	const { course, competencies, granted, saved } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm<{ competencyIds: string[]; minScores: Record<string, string>; grantsLevels: Record<string, string> }>({
		id: 'course-competencies',
		lastResult,
		defaultValue: {
			minScores: Object.fromEntries(granted.flatMap((grant) => (grant.minScorePercent === null ? [] : [[grant.competencyId, String(grant.minScorePercent)]]))),
			grantsLevels: Object.fromEntries(granted.flatMap((grant) => (grant.grantsLevel === null ? [] : [[grant.competencyId, String(grant.grantsLevel)]]))),
		},
	})
	const minScores = fields.minScores.getFieldset()
	const grantsLevels = fields.grantsLevels.getFieldset()
	const levelLabel = (name: string) => t('competencies.courseGrantsLevel', { competency: name })
	const grantedIds = granted.map((grant) => grant.competencyId)
	const minScoreLabel = (name: string) => t('competencies.courseMinScore', { competency: name })
	return (
		<div className="container page">
			<h1>
				{t('competencies.courseTitle', { course: course.title })}
				<CourseStatusBadge status={course.status} />
			</h1>
			<p className="lead">{t('competencies.courseIntro')}</p>
			{saved ? (
				<p className="notice" role="status">
					{t('competencies.courseSaved')}
				</p>
			) : null}
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				<ErrorSummary
					form={form}
					fields={[
						{ meta: fields.competencyIds, label: t('competencies.courseLegend') },
						...competencies.map((competency) => ({ meta: minScores[competency.id]!, label: minScoreLabel(competency.name) })),
						...competencies.map((competency) => ({ meta: grantsLevels[competency.id]!, label: competency.levels.length > 0 ? levelLabel(competency.name) : competency.name })),
					]}
				/>
				<fieldset>
					<legend>{t('competencies.courseLegend')}</legend>
					<p className="field__hint">{t('competencies.courseMinScoreHint')}</p>
					{competencies.map((competency) => {
						// A level sent for a competency without levels (no level field to show it beside) stands beside its checkbox.
						const levelMeta = grantsLevels[competency.id]!
						const strayLevel = competency.levels.length === 0 ? errorText(levelMeta.errors) : null
						return (
							<div key={competency.id} className="course-grant">
								<div className={strayLevel ? 'field field--invalid' : 'field'}>
									<div className="choice">
										<input
											type="checkbox"
											id={strayLevel ? levelMeta.id : `competency-${competency.id}`}
											name="competencyIds"
											value={competency.id}
											defaultChecked={grantedIds.includes(competency.id)}
											aria-describedby={strayLevel ? levelMeta.errorId : undefined}
											aria-invalid={strayLevel ? true : undefined}
										/>
										<label htmlFor={strayLevel ? levelMeta.id : `competency-${competency.id}`}>{competency.name}</label>
									</div>
									{strayLevel ? (
										<p className="field__error" id={levelMeta.errorId}>
											{strayLevel}
										</p>
									) : null}
								</div>
								<Field meta={minScores[competency.id]!} label={minScoreLabel(competency.name)} controlProps={{ inputMode: 'numeric', size: 4 }} />
								{competency.levels.length > 0 ? (
									<Field
										meta={grantsLevels[competency.id]!}
										label={levelLabel(competency.name)}
										hint={t('competencies.courseGrantsLevelHint')}
										as="select"
										options={[{ value: '', label: t('competencies.courseGrantsLevelNone') }, ...competency.levels.map((name, index) => ({ value: String(index + 1), label: `${index + 1} ${name}` }))]}
									/>
								) : null}
							</div>
						)
					})}
				</fieldset>
				<div className="form-actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('competencies.courseSave')}
					</button>
					<Link to={`/beheer/cursussen/${course.id}`}>{t('competencies.backToCourse')}</Link>
				</div>
			</Form>
		</div>
	)
}
