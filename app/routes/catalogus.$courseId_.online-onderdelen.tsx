import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requirePermission, requireSignedIn } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { describedBy, FormField } from '../components/form-field.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { linkOnlinePart } from '../features/lti/link-online-part.server.ts'
import { linkOnlinePartToMoodle } from '../features/lti/link-online-part-to-moodle.server.ts'
import { removeOnlinePart } from '../features/lti/remove-online-part.server.ts'
import { showOnlineParts } from '../features/lti/show-online-parts.server.ts'
import { invariantResponse } from '../core/http.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

async function guard(request: Request, context: LoaderFunctionArgs['context'], courseId: string | undefined) {
	const signedIn = await requireSignedIn(request, context)
	invariantResponse(isUuid(courseId), 404, 'COURSE_NOT_FOUND')
	const page = await showOnlineParts(context, { signedIn, courseId })
	invariantResponse(page, 404, 'COURSE_NOT_FOUND')
	await requirePermission(request, context, 'update', { kind: 'course', providerTenantId: page.course.providerTenantId })
	return { signedIn, page }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { page } = await guard(request, context, params.courseId)
	const url = new URL(request.url)
	const linked = Number.parseInt(url.searchParams.get('gekoppeld') ?? '', 10)
	const removing = page.parts.find((part) => part.id === url.searchParams.get('verwijderen')) ?? null
	const identifying = page.parts.find((part) => part.id === url.searchParams.get('moodle')) ?? null
	const t = await i18next.getFixedT(request)
	return { ...page, linked: Number.isFinite(linked) ? linked : null, removing, identifying, saved: url.searchParams.has('moodle-opgeslagen'), title: `${t('lti.manage.title', { course: page.course.title })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

// Messages are i18n keys; the component translates them next to their fields.
const moodleId = () =>
	z
		.string()
		.trim()
		.optional()
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || (Number.isInteger(value) && value > 0), { error: 'lti.manage.errors.moodleIdInvalid' })
const linkSchema = z.object({
	toolId: z.string({ error: 'lti.manage.errors.toolRequired' }).uuid({ error: 'lti.manage.errors.toolRequired' }),
	title: z.string().trim().min(1, { error: 'lti.manage.errors.titleRequired' }).max(200, { error: 'lti.manage.errors.titleTooLong' }),
	targetLinkUri: z
		.string()
		.trim()
		.transform((value) => value || null)
		.refine((value) => value === null || /^https?:\/\//.test(value), { error: 'lti.manage.errors.urlInvalid' })
		.refine((value) => value === null || URL.canParse(value), { error: 'lti.manage.errors.urlInvalid' }),
	customId: z
		.string()
		.trim()
		.max(200, { error: 'lti.manage.errors.customIdTooLong' })
		.transform((value) => value || null),
	passMarkPercent: z
		.string()
		.trim()
		.transform((value) => (value === '' ? null : Number(value)))
		.refine((value) => value === null || (Number.isInteger(value) && value >= 0 && value <= 100), { error: 'lti.manage.errors.passMarkInvalid' }),
	moodleCourseId: moodleId(),
	moodleActivityId: moodleId(),
}).refine((value) => (value.moodleCourseId === null) === (value.moodleActivityId === null), { path: ['moodleActivityId'], error: 'lti.manage.errors.moodleActivityPair' })

const moodleIdsSchema = z
	.object({ moodleCourseId: moodleId(), moodleActivityId: moodleId() })
	.refine((value) => (value.moodleCourseId === null) === (value.moodleActivityId === null), { path: ['moodleActivityId'], error: 'lti.manage.errors.moodleActivityPair' })

type FieldErrors = Partial<Record<keyof z.input<typeof linkSchema>, string>>

function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {}
	for (const issue of error.issues) errors[issue.path[0] as keyof FieldErrors] ??= issue.message
	return errors
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { signedIn, page } = await guard(request, context, params.courseId)
	const form = await request.formData()
	if (form.get('intent') === 'remove') {
		const result = await removeOnlinePart(context, { signedIn, courseId: page.course.id, resourceLinkId: String(form.get('resourceLinkId') ?? '') })
		invariantResponse(result.ok, 404, 'ONLINE_PART_NOT_FOUND')
		return redirect(`/catalogus/${page.course.id}/online-onderdelen?verwijderd=1`, 303)
	}
	const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]))
	if (form.get('intent') === 'moodle-ids') {
		const ids = moodleIdsSchema.safeParse(values)
		if (!ids.success) return data({ form: 'moodle-ids' as const, errors: fieldErrors(ids.error), values }, { status: 400 })
		const result = await linkOnlinePartToMoodle(context, { signedIn, courseId: page.course.id, resourceLinkId: values.resourceLinkId ?? '', ...ids.data })
		invariantResponse(result.ok, 404, 'ONLINE_PART_NOT_FOUND')
		return redirect(`/catalogus/${page.course.id}/online-onderdelen?moodle-opgeslagen=1`, 303)
	}
	const parsed = linkSchema.safeParse(values)
	if (!parsed.success) return data({ form: 'link' as const, errors: fieldErrors(parsed.error), values }, { status: 400 })
	const result = await linkOnlinePart(context, { signedIn, courseId: page.course.id, input: parsed.data })
	if (!result.ok) return data({ form: 'link' as const, errors: { toolId: 'lti.manage.errors.toolRequired' } as FieldErrors, values }, { status: 400 })
	return redirect(`/catalogus/${page.course.id}/online-onderdelen?gekoppeld=1`, 303)
}

export default function OnlineParts() {
	const { course, parts, tools, linked, removing, identifying, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors: FieldErrors = actionData?.form === 'link' ? actionData.errors : {}
	const values: Record<string, string> = actionData?.form === 'link' ? actionData.values : {}
	const idErrors: FieldErrors = actionData?.form === 'moodle-ids' ? actionData.errors : {}
	const idValues: Record<string, string> = actionData?.form === 'moodle-ids' ? actionData.values : {}
	const idError = (key: keyof FieldErrors) => (idErrors[key] ? t(idErrors[key] as never) : null)
	const error = (key: keyof FieldErrors) => (errors[key] ? t(errors[key] as never) : null)
	return (
		<div className="container page">
			<p className="breadcrumb">
				<Link to={`/catalogus/${course.id}`}>{t('lti.manage.backToCourse', { course: course.title })}</Link>
			</p>
			<h1>{t('lti.manage.title', { course: course.title })}</h1>
			{linked !== null ? (
				<p className="notice" role="status">
					{t('lti.manage.linked', { count: linked })}
				</p>
			) : null}
			{removing ? (
				<ConfirmAction
					id="bevestigen"
					title={t('lti.manage.confirmTitle', { title: removing.title })}
					text={t('lti.manage.confirmText')}
					fields={{ intent: 'remove', resourceLinkId: removing.id }}
					confirmLabel={t('lti.manage.confirmRemove')}
					cancelTo={`/catalogus/${course.id}/online-onderdelen`}
					cancelLabel={t('lti.manage.cancel')}
				/>
			) : null}
			{saved ? (
				<p className="notice" role="status">
					{t('lti.manage.moodleIdsSaved')}
				</p>
			) : null}
			{identifying ? (
				<section className="confirm" aria-labelledby="moodle-ids">
					<h2 id="moodle-ids">{t('lti.manage.moodleIdsTitle', { title: identifying.title })}</h2>
					<p>{t('lti.manage.moodleIdsHint')}</p>
					<Form method="post" className="form" noValidate>
						<input type="hidden" name="intent" value="moodle-ids" />
						<input type="hidden" name="resourceLinkId" value={identifying.id} />
						<FormField id="partMoodleCourseId" label={t('lti.manage.partMoodleCourseId')} error={idError('moodleCourseId')}>
							<input
								id="partMoodleCourseId"
								name="moodleCourseId"
								inputMode="numeric"
								defaultValue={idValues.moodleCourseId ?? identifying.moodleCourseId ?? ''}
								aria-invalid={idErrors.moodleCourseId ? true : undefined}
								aria-describedby={describedBy('partMoodleCourseId', { error: idErrors.moodleCourseId })}
							/>
						</FormField>
						<FormField id="partMoodleActivityId" label={t('lti.manage.partMoodleActivityId')} error={idError('moodleActivityId')}>
							<input
								id="partMoodleActivityId"
								name="moodleActivityId"
								inputMode="numeric"
								defaultValue={idValues.moodleActivityId ?? identifying.moodleActivityId ?? ''}
								aria-invalid={idErrors.moodleActivityId ? true : undefined}
								aria-describedby={describedBy('partMoodleActivityId', { error: idErrors.moodleActivityId })}
							/>
						</FormField>
						<div>
							<button type="submit" className="button">
								{t('lti.manage.moodleIdsSave')}
							</button>{' '}
							<Link to={`/catalogus/${course.id}/online-onderdelen`}>{t('lti.manage.cancel')}</Link>
						</div>
					</Form>
				</section>
			) : null}
			<section aria-labelledby="huidige">
				<h2 id="huidige">{t('lti.manage.current')}</h2>
				{parts.length === 0 ? (
					<p className="empty-state">{t('lti.parts.none')}</p>
				) : (
					<ScrollRegion labelledBy="huidige">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('lti.manage.partTitle')}</th>
									<th scope="col">{t('lti.manage.tool')}</th>
									<th scope="col">{t('lti.manage.passMark')}</th>
									<th scope="col">{t('lti.manage.moodleColumn')}</th>
									<th scope="col">{t('lti.manage.actions')}</th>
								</tr>
							</thead>
							<tbody>
								{parts.map((part) => (
									<tr key={part.id}>
										<td>{part.title}</td>
										<td>{part.toolName}</td>
										<td>{part.passMarkPercent === null ? t('lti.manage.noPassMark') : `${part.passMarkPercent}%`}</td>
										<td>{part.moodleActivityId === null ? t('lti.manage.noMoodleIds') : t('lti.manage.moodleIds', { course: part.moodleCourseId, activity: part.moodleActivityId })}</td>
										<td>
											<Link to={`?moodle=${part.id}#moodle-ids`}>{t('lti.manage.setMoodleIds', { title: part.title })}</Link>{' '}
											<Link to={`?verwijderen=${part.id}`}>{t('lti.manage.remove', { title: part.title })}</Link>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>
			{tools.some((tool) => tool.deepLinking) ? (
				<section aria-labelledby="kiezen">
					<h2 id="kiezen">{t('lti.manage.pickTitle')}</h2>
					<p>{t('lti.manage.pickIntro')}</p>
					<ul className="sso-list">
						{tools
							.filter((tool) => tool.deepLinking)
							.map((tool) => (
								<li key={tool.id}>
									<a className="button" href={`/lti/inhoud-kiezen/${course.id}/${tool.id}`} target="_blank" rel="noopener noreferrer">
										{t('lti.manage.pick', { tool: tool.name })}
										<span className="visually-hidden"> {t('lti.parts.newWindow')}</span>
									</a>
								</li>
							))}
					</ul>
				</section>
			) : null}
			<section aria-labelledby="koppelen">
				<h2 id="koppelen">{t('lti.manage.linkTitle')}</h2>
				{tools.length === 0 ? (
					<p className="empty-state">{t('lti.manage.noTools')}</p>
				) : (
					<Form method="post" className="form" noValidate>
						<input type="hidden" name="intent" value="link" />
						<FormField id="toolId" label={t('lti.manage.tool')} error={error('toolId')}>
							<select id="toolId" name="toolId" defaultValue={values.toolId ?? tools[0]!.id} aria-invalid={errors.toolId ? true : undefined} aria-describedby={describedBy('toolId', { error: errors.toolId })}>
								{tools.map((tool) => (
									<option key={tool.id} value={tool.id}>
										{tool.name}
									</option>
								))}
							</select>
						</FormField>
						<FormField id="title" label={t('lti.manage.partTitle')} error={error('title')}>
							<input id="title" name="title" defaultValue={values.title ?? ''} aria-invalid={errors.title ? true : undefined} aria-describedby={describedBy('title', { error: errors.title })} />
						</FormField>
						<FormField id="targetLinkUri" label={t('lti.manage.targetLinkUri')} hint={t('lti.manage.targetLinkUriHint')} error={error('targetLinkUri')}>
							<input
								id="targetLinkUri"
								name="targetLinkUri"
								type="url"
								defaultValue={values.targetLinkUri ?? ''}
								aria-invalid={errors.targetLinkUri ? true : undefined}
								aria-describedby={describedBy('targetLinkUri', { hint: true, error: errors.targetLinkUri })}
							/>
						</FormField>
						<FormField id="customId" label={t('lti.manage.customId')} hint={t('lti.manage.customIdHint')} error={error('customId')}>
							<input id="customId" name="customId" defaultValue={values.customId ?? ''} aria-invalid={errors.customId ? true : undefined} aria-describedby={describedBy('customId', { hint: true, error: errors.customId })} />
						</FormField>
						<FormField id="moodleCourseId" label={t('lti.manage.moodleCourseId')} hint={t('lti.manage.moodleIdsHint')} error={error('moodleCourseId')}>
							<input
								id="moodleCourseId"
								name="moodleCourseId"
								inputMode="numeric"
								defaultValue={values.moodleCourseId ?? ''}
								aria-invalid={errors.moodleCourseId ? true : undefined}
								aria-describedby={describedBy('moodleCourseId', { hint: true, error: errors.moodleCourseId })}
							/>
						</FormField>
						<FormField id="moodleActivityId" label={t('lti.manage.moodleActivityId')} error={error('moodleActivityId')}>
							<input
								id="moodleActivityId"
								name="moodleActivityId"
								inputMode="numeric"
								defaultValue={values.moodleActivityId ?? ''}
								aria-invalid={errors.moodleActivityId ? true : undefined}
								aria-describedby={describedBy('moodleActivityId', { error: errors.moodleActivityId })}
							/>
						</FormField>
						<FormField id="passMarkPercent" label={t('lti.manage.passMark')} hint={t('lti.manage.passMarkHint')} error={error('passMarkPercent')}>
							<input
								id="passMarkPercent"
								name="passMarkPercent"
								inputMode="numeric"
								defaultValue={values.passMarkPercent ?? ''}
								aria-invalid={errors.passMarkPercent ? true : undefined}
								aria-describedby={describedBy('passMarkPercent', { hint: true, error: errors.passMarkPercent })}
							/>
						</FormField>
						<div>
							<button type="submit" className="button">
								{t('lti.manage.link')}
							</button>
						</div>
					</Form>
				)}
			</section>
		</div>
	)
}
