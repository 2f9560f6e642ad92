import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { describedBy, FormField } from '../components/form-field.tsx'
import { ToolRegistrationFields } from '../features/lti/tool-registration-fields.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { firstErrors, toolFormValues, toolSchema, webServicesSchema, type Errors } from '../features/lti/tool-form.ts'
import { removeLtiWebServices } from '../features/lti/remove-lti-web-services.server.ts'
import { saveLtiWebServices } from '../features/lti/save-lti-web-services.server.ts'
import { setLtiToolActive } from '../features/lti/set-lti-tool-active.server.ts'
import { showLtiTool, type MoodleBrowse } from '../features/lti/show-lti-tool.server.ts'
import { syncLtiToolNow } from '../features/lti/sync-lti-tool-now.server.ts'
import { updateLtiToolRegistration } from '../features/lti/update-lti-tool.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { invariantResponse } from '../core/http.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'update', { kind: 'concern' })
	invariantResponse(isUuid(params.toolId), 404, 'TOOL_NOT_FOUND')
	const url = new URL(request.url)
	const moodle = url.searchParams.get('moodle')
	const browse: MoodleBrowse | null = moodle === 'cursussen' ? { kind: 'courses' } : moodle && /^\d+$/.test(moodle) ? { kind: 'course', moodleCourseId: Number(moodle) } : null
	const page = await showLtiTool(context, { signedIn, toolId: params.toolId, browse })
	invariantResponse(page, 404, 'TOOL_NOT_FOUND')
	const t = await i18next.getFixedT(request)
	return {
		...page,
		values: toolFormValues(page.tool),
		confirmDeactivate: url.searchParams.get('deactiveren') === 'bevestigen',
		confirmRemoveWebServices: url.searchParams.get('webservices') === 'verwijderen',
		notice: url.searchParams.get('gedaan'),
		title: `${page.tool.name} – ${t('lti.admin.title')} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, params, context }: ActionFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'update', { kind: 'concern' })
	invariantResponse(isUuid(params.toolId), 404, 'TOOL_NOT_FOUND')
	const toolId = params.toolId
	const back = (notice: string) => redirect(`/beheer/leeromgevingen/${toolId}?gedaan=${notice}`, 303)
	const form = await request.formData()
	const intent = form.get('intent')
	if (intent === 'deactivate' || intent === 'activate') {
		invariantResponse(await setLtiToolActive(context, { signedIn, toolId, active: intent === 'activate' }), 404, 'TOOL_NOT_FOUND')
		return back(intent === 'activate' ? 'geactiveerd' : 'gedeactiveerd')
	}
	if (intent === 'sync') {
		await syncLtiToolNow(context, { signedIn, toolId, now: new Date() })
		return back('gesynchroniseerd')
	}
	if (intent === 'remove-web-services') {
		await removeLtiWebServices(context, { signedIn, toolId })
		return back('webservicesVerwijderd')
	}
	const values: Record<string, string> = {}
	for (const [key, value] of form.entries()) if (key !== 'scopes' && key !== 'wsToken') values[key] = String(value)
	if (intent === 'web-services') {
		const parsed = webServicesSchema.safeParse({ wsBaseUrl: values.wsBaseUrl, wsToken: String(form.get('wsToken') ?? '') })
		if (!parsed.success) return data({ form: 'web-services', errors: firstErrors(parsed.error), values }, { status: 400 })
		const saved = await saveLtiWebServices(context, { signedIn, toolId, baseUrl: parsed.data.wsBaseUrl, token: parsed.data.wsToken, issuer: platformIssuer(context, request) })
		if (!saved.ok) {
			invariantResponse(saved.code !== 'TOOL_NOT_FOUND', 404, 'TOOL_NOT_FOUND')
			const error = saved.code === 'TOKEN_REQUIRED' ? 'lti.tool.errors.tokenRequired' : 'lti.tool.errors.secretsKeyMissing'
			return data({ form: 'web-services', errors: { wsToken: error } as Errors, values }, { status: 400 })
		}
		return back('webservices')
	}
	const parsed = toolSchema.safeParse({ ...values, scopes: form.getAll('scopes').map(String) })
	if (!parsed.success) return data({ form: 'update', errors: firstErrors(parsed.error), values }, { status: 400 })
	invariantResponse(await updateLtiToolRegistration(context, { signedIn, toolId, input: parsed.data }), 404, 'TOOL_NOT_FOUND')
	return back('opgeslagen')
}

export default function LearningTool() {
	const { tool, webServices, moodle, values, confirmDeactivate, confirmRemoveWebServices, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorsOf = (form: string): Errors => (actionData?.form === form ? actionData.errors : {})
	const valuesOf = (form: string): Record<string, string> => (actionData?.form === form ? actionData.values : form === 'update' ? values : {})
	const updateErrors = errorsOf('update')
	const updateValues = valuesOf('update')
	const wsErrors = errorsOf('web-services')
	const message = (errors: Errors, key: string) => (errors[key] ? t(errors[key] as never) : null)
	const scopesChecked = actionData?.form === 'update' ? null : new Set(tool.scopes)
	const syncResult = () => {
		if (!webServices?.lastSyncAt) return t('lti.tool.neverSynced')
		const at = formatDateTime(new Date(webServices.lastSyncAt), i18n.language)
		if (webServices.lastSyncStatus === 'ok') return t('lti.tool.syncOk', { at, count: webServices.lastSyncCompleted ?? 0 })
		const reason = webServices.lastSyncMessage === 'token_unreadable' ? t('lti.tool.tokenUnreadable') : t('lti.tool.moodleSays', { message: webServices.lastSyncMessage ?? '' })
		return t('lti.tool.syncFailed', { at, reason })
	}
	return (
		<div className="container page">
			<p>
				<Link to="/beheer/leeromgevingen">{t('lti.tool.back')}</Link>
			</p>
			<h1>{tool.name}</h1>
			<p className="lead">
				{tool.active ? t('lti.tool.active') : t('lti.tool.inactive')} · {t('lti.admin.clientId')} <code>{tool.clientId}</code>
			</p>
			{notice ? (
				<p className="notice notice--success" role="status">
					{t(`lti.tool.notice.${notice}` as never)}
				</p>
			) : null}

			<section aria-labelledby="status">
				<h2 id="status">{t('lti.tool.statusTitle')}</h2>
				{tool.active ? (
					<>
						<p>{t('lti.tool.deactivateIntro')}</p>
						{confirmDeactivate ? (
							<ConfirmAction
								id="deactiveren"
								headingLevel="h3"
								title={t('lti.tool.deactivateConfirmTitle', { name: tool.name })}
								text={t('lti.tool.deactivateConfirm', { name: tool.name })}
								fields={{ intent: 'deactivate' }}
								confirmLabel={t('lti.tool.deactivate')}
								cancelTo={`/beheer/leeromgevingen/${tool.id}`}
								cancelLabel={t('lti.manage.cancel')}
							/>
						) : (
							<Link to="?deactiveren=bevestigen">{t('lti.tool.deactivate')}</Link>
						)}
					</>
				) : (
					<>
						<p>{t('lti.tool.inactiveIntro')}</p>
						<Form method="post">
							<input type="hidden" name="intent" value="activate" />
							<button type="submit" className="button">
								{t('lti.tool.activate')}
							</button>
						</Form>
					</>
				)}
			</section>

			<section aria-labelledby="webservices">
				<h2 id="webservices">{t('lti.tool.wsTitle')}</h2>
				<p>{t('lti.tool.wsIntro')}</p>
				<p role="status">{syncResult()}</p>
				{/* A new key after each save empties the token field: the typed token does not linger in the page. */}
				<Form method="post" className="form" noValidate key={webServices ? String(webServices.updatedAt) : 'none'}>
					<input type="hidden" name="intent" value="web-services" />
					<FormField id="wsBaseUrl" label={t('lti.tool.wsBaseUrl')} hint={t('lti.tool.wsBaseUrlHint')} error={message(wsErrors, 'wsBaseUrl')}>
						<input
							id="wsBaseUrl"
							name="wsBaseUrl"
							type="url"
							defaultValue={valuesOf('web-services').wsBaseUrl ?? webServices?.baseUrl ?? ''}
							aria-invalid={wsErrors.wsBaseUrl ? true : undefined}
							aria-describedby={describedBy('wsBaseUrl', { hint: true, error: wsErrors.wsBaseUrl })}
						/>
					</FormField>
					<FormField
						id="wsToken"
						label={t('lti.tool.wsToken')}
						hint={webServices ? t('lti.tool.wsTokenStored', { lastFour: webServices.tokenLastFour }) : t('lti.tool.wsTokenHint')}
						error={message(wsErrors, 'wsToken')}
					>
						<input
							id="wsToken"
							name="wsToken"
							type="password"
							autoComplete="off"
							defaultValue=""
							aria-invalid={wsErrors.wsToken ? true : undefined}
							aria-describedby={describedBy('wsToken', { hint: true, error: wsErrors.wsToken })}
						/>
					</FormField>
					<div>
						<button type="submit" className="button">
							{t('lti.tool.wsSave')}
						</button>
					</div>
				</Form>
				{webServices ? (
					<div className="form-actions">
						<Form method="post">
							<input type="hidden" name="intent" value="sync" />
							<button type="submit" className="button button--secondary">
								{t('lti.tool.syncNow')}
							</button>
						</Form>{' '}
						<Link to="?moodle=cursussen">{t('lti.tool.moodleCourses')}</Link>{' '}
						<Link to="?webservices=verwijderen#webservices">{t('lti.tool.wsRemove')}</Link>
					</div>
				) : null}
				{webServices && confirmRemoveWebServices ? (
					<ConfirmAction
						id="webservices-verwijderen"
						headingLevel="h3"
						title={t('lti.tool.wsRemoveConfirmTitle')}
						text={t('lti.tool.wsRemoveConfirm')}
						fields={{ intent: 'remove-web-services' }}
						confirmLabel={t('lti.tool.wsRemove')}
						cancelTo={`/beheer/leeromgevingen/${tool.id}`}
						cancelLabel={t('lti.manage.cancel')}
					/>
				) : null}
				{moodle ? (
					moodle.ok ? (
						<>
							<h3>{t('lti.tool.moodleCoursesTitle')}</h3>
							<ul>
								{moodle.courses.map((course) => (
									<li key={course.id}>
										<Link to={`?moodle=${course.id}`}>{course.fullname}</Link> ({course.shortname}, {t('lti.tool.moodleCourseId', { id: course.id })})
									</li>
								))}
							</ul>
							{moodle.course ? (
								<>
									<h3>{t('lti.tool.moodleActivitiesTitle', { id: moodle.course.id })}</h3>
									<ScrollRegion label={t('lti.tool.moodleActivitiesTitle', { id: moodle.course.id })}>
										<table className="sessions">
											<caption className="visually-hidden">{t('lti.tool.moodleActivitiesTitle', { id: moodle.course.id })}</caption>
											<thead>
												<tr>
													<th scope="col">{t('lti.tool.moodleSection')}</th>
													<th scope="col">{t('lti.tool.moodleActivity')}</th>
													<th scope="col">{t('lti.tool.moodleActivityId')}</th>
													<th scope="col">{t('lti.tool.moodleCompletion')}</th>
												</tr>
											</thead>
											<tbody>
												{moodle.course.sections.flatMap((section) =>
													section.modules.map((module) => (
														<tr key={module.id}>
															<td>{section.name}</td>
															<td>
																{module.name} ({module.modname})
															</td>
															<td>
																<code>{module.id}</code>
															</td>
															<td>{module.completion ? t('lti.tool.completionTracked') : t('lti.tool.completionNone')}</td>
														</tr>
													)),
												)}
											</tbody>
										</table>
									</ScrollRegion>
								</>
							) : null}
						</>
					) : (
						<p className="notice" role="alert">
							{moodle.error === 'token_unreadable' ? t('lti.tool.tokenUnreadable') : t('lti.tool.moodleSays', { message: moodle.error })}
						</p>
					)
				) : null}
			</section>

			<section aria-labelledby="registratie">
				<h2 id="registratie">{t('lti.tool.editTitle')}</h2>
				<Form method="post" className="form" noValidate>
					<input type="hidden" name="intent" value="update" />
					<ToolRegistrationFields errors={updateErrors} values={updateValues} scopes={scopesChecked} shareName={tool.shareName} shareEmail={tool.shareEmail} />
					<div>
						<button type="submit" className="button">
							{t('lti.tool.save')}
						</button>
					</div>
				</Form>
			</section>
		</div>
	)
}
