import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { ToolRegistrationFields, useToolForm } from '../features/lti/tool-registration-fields.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { platformIssuer } from '../features/lti/platform.server.ts'
import { TOOL_MULTILINE_FIELDS, toolFormValues, toolSchema, webServicesSchema } from '../features/lti/tool-schema.ts'
import { removeLtiWebServices } from '../features/lti/remove-lti-web-services.server.ts'
import { saveLtiWebServices } from '../features/lti/save-lti-web-services.server.ts'
import { setLtiToolActive } from '../features/lti/set-lti-tool-active.server.ts'
import { showLtiTool, type MoodleBrowse } from '../features/lti/show-lti-tool.server.ts'
import { syncLtiToolNow } from '../features/lti/sync-lti-tool-now.server.ts'
import { updateLtiToolRegistration } from '../features/lti/update-lti-tool.server.ts'
import { formatDateTime } from '../utils/format.ts'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

const NOTICES = ['opgeslagen', 'gedeactiveerd', 'geactiveerd', 'webservices', 'gesynchroniseerd', 'webservicesVerwijderd'] as const

/** `?moodle=cursussen` lists Moodle's courses, `?moodle={id}` one course's activities; anything else nothing. */
function browseOf(value: string | null): MoodleBrowse | null {
	if (value === 'cursussen') return { kind: 'courses' }
	return value && /^\d{1,9}$/.test(value) ? { kind: 'course', moodleCourseId: Number(value) } : null
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'concern' })
	const toolId = idParam(params, 'toolId', 'TOOL_NOT_FOUND')
	const url = new URL(request.url)
	const page = valueOrThrow(await showLtiTool(context, { actor, toolId, browse: browseOf(url.searchParams.get('moodle')), secretsKey: context.config.secretsKey }))
	const t = await i18next.getFixedT(request)
	return {
		...page,
		values: toolFormValues(page.tool),
		confirmDeactivate: url.searchParams.get('deactiveren') === 'bevestigen',
		confirmRemoveWebServices: url.searchParams.get('webservices') === 'verwijderen',
		notice: NOTICES.find((known) => known === url.searchParams.get('gedaan')) ?? null,
		title: `${page.tool.name} – ${t('lti.admin.title')} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

// The typed token is never sent back into the page, not even beside an error.
const HIDDEN = { hideFields: ['wsToken'] }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'concern' })
	const toolId = idParam(params, 'toolId', 'TOOL_NOT_FOUND')
	const back = (notice: (typeof NOTICES)[number]) => redirect(`/beheer/leeromgevingen/${toolId}?gedaan=${notice}`, 303)
	const form = await readForm(request, { multiline: TOOL_MULTILINE_FIELDS })
	const intent = requireIntent(form, ['deactivate', 'activate', 'sync', 'remove-web-services', 'web-services', 'update'])
	switch (intent) {
		case 'deactivate':
		case 'activate': {
			valueOrThrow(await setLtiToolActive(context, { actor, toolId, active: intent === 'activate' }))
			return back(intent === 'activate' ? 'geactiveerd' : 'gedeactiveerd')
		}
		case 'sync': {
			valueOrThrow(await syncLtiToolNow(context, { actor, toolId, secretsKey: context.config.secretsKey }))
			return back('gesynchroniseerd')
		}
		case 'remove-web-services': {
			valueOrThrow(await removeLtiWebServices(context, { actor, toolId }))
			return back('webservicesVerwijderd')
		}
		case 'web-services': {
			const submission = parseForm(form, webServicesSchema)
			if (submission.status !== 'success') return invalidForm(submission, HIDDEN)
			const saved = await saveLtiWebServices(context, {
				actor,
				toolId,
				baseUrl: submission.value.wsBaseUrl,
				token: submission.value.wsToken,
				issuer: platformIssuer(context),
				secretsKey: context.config.secretsKey,
			})
			if (!saved.ok) return saved.field ? refusedForm(submission, saved, HIDDEN) : throwFailure(saved)
			return back('webservices')
		}
		case 'update': {
			const submission = parseForm(form, toolSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const updated = await updateLtiToolRegistration(context, { actor, toolId, input: submission.value })
			if (!updated.ok) return updated.field ? refusedForm(submission, updated) : throwFailure(updated)
			return back('opgeslagen')
		}
	}
}

/** The action's reply to the form whose intent was sent, for Conform; nothing for the other forms. */
function replyTo(actionData: unknown, intent: string): SubmissionResult<string[]> | undefined {
	const reply = actionData as SubmissionResult<string[]> | undefined
	return reply && typeof reply === 'object' && 'initialValue' in reply && reply.initialValue?.intent === intent ? reply : undefined
}

export default function LearningTool() {
	const { tool, webServices, moodle, values, confirmDeactivate, confirmRemoveWebServices, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const [updateForm, updateFields] = useToolForm({ id: 'tool-registration', lastResult: replyTo(actionData, 'update'), defaultValue: values })
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
				<WebServicesForm
					key={webServices ? String(webServices.updatedAt) : 'none'}
					lastResult={replyTo(actionData, 'web-services')}
					baseUrl={webServices?.baseUrl ?? ''}
					tokenHint={webServices ? t('lti.tool.wsTokenStored', { lastFour: webServices.tokenLastFour }) : t('lti.tool.wsTokenHint')}
				/>
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
				<Form method="post" className="form" {...getFormProps(updateForm)}>
					<input type="hidden" name="intent" value="update" />
					<ToolRegistrationFields form={updateForm} fields={updateFields} />
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

/** The Moodle web-services form: the site's address and a token that is never shown back. */
function WebServicesForm({ lastResult, baseUrl, tokenHint }: { lastResult: SubmissionResult<string[]> | undefined; baseUrl: string; tokenHint: string }) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'web-services',
		lastResult,
		constraint: getZodConstraint(webServicesSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: webServicesSchema }),
		defaultValue: { wsBaseUrl: baseUrl },
	})
	return (
		<Form method="post" className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="web-services" />
			<ErrorSummary
				form={form}
				fields={[
					{ meta: fields.wsBaseUrl, label: t('lti.tool.wsBaseUrl') },
					{ meta: fields.wsToken, label: t('lti.tool.wsToken') },
				]}
				formError={errorText(form.errors)}
			/>
			<Field meta={fields.wsBaseUrl} label={t('lti.tool.wsBaseUrl')} hint={t('lti.tool.wsBaseUrlHint')} type="url" />
			<Field meta={fields.wsToken} label={t('lti.tool.wsToken')} hint={tokenHint} type="password" controlProps={{ autoComplete: 'off' }} />
			<div>
				<button type="submit" className="button">
					{t('lti.tool.wsSave')}
				</button>
			</div>
		</Form>
	)
}
