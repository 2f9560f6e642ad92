import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { AdminList } from '../components/admin-list.tsx'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { ErrorSummary, Field, useErrorText } from '../components/field.tsx'
import { ToolRegistrationFields, useToolForm } from '../features/lti/tool-registration-fields.tsx'
import { dynamicRegistrationSchema, TOOL_MULTILINE_FIELDS, toolSchema } from '../features/lti/tool-schema.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { LTI_PATHS, platformIssuer } from '../features/lti/platform.server.ts'
import { listTools } from '../features/lti/list-lti-tools.server.ts'
import { registerLtiTool } from '../features/lti/register-lti-tool.server.ts'
import { rotateLtiPlatformKey } from '../features/lti/rotate-lti-platform-key.server.ts'
import { startLtiDynamicRegistration } from '../features/lti/start-lti-dynamic-registration.server.ts'
import { formatDate, formatDateTime } from '../utils/format.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'

const NOTICES = ['sleutel', 'geregistreerd'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'concern' })
	const url = new URL(request.url)
	const notice = NOTICES.find((known) => known === url.searchParams.get('gedaan')) ?? null
	const { tools, registrations } = valueOrThrow(await listTools(context, { actor }))
	const issuer = platformIssuer(context)
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('lti.admin.title')} – ${t('app.name')}`,
		tools,
		registrations,
		endpoints: {
			issuer,
			openIdConfiguration: `${issuer}${LTI_PATHS.openIdConfiguration}`,
			authorize: `${issuer}${LTI_PATHS.authorize}`,
			token: `${issuer}${LTI_PATHS.token}`,
			jwks: `${issuer}${LTI_PATHS.jwks}`,
			deepLinkingReturn: `${issuer}${LTI_PATHS.deepLinkingReturn}`,
		},
		confirmRotate: url.searchParams.get('sleutel') === 'vervangen',
		notice,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', { kind: 'concern' })
	const form = await readForm(request, { multiline: TOOL_MULTILINE_FIELDS })
	switch (requireIntent(form, ['rotate', 'dynamic', 'register'])) {
		case 'rotate': {
			valueOrThrow(await rotateLtiPlatformKey(context, { actor }))
			return redirect('/beheer/leeromgevingen?gedaan=sleutel', 303)
		}
		case 'dynamic': {
			const submission = parseForm(form, dynamicRegistrationSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const started = await startLtiDynamicRegistration(context, { actor, toolRegistrationUrl: submission.value.toolRegistrationUrl, issuer: platformIssuer(context) })
			if (!started.ok) return refusedForm(submission, started)
			return { registrationLink: started.value.location }
		}
		case 'register': {
			const submission = parseForm(form, toolSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const registered = await registerLtiTool(context, { actor, input: submission.value })
			if (!registered.ok) return refusedForm(submission, registered)
			return redirect('/beheer/leeromgevingen?gedaan=geregistreerd', 303)
		}
	}
}

/** The action's reply to the form whose intent was sent, for Conform; nothing for the other forms. */
function replyTo(actionData: unknown, intent: string): SubmissionResult<string[]> | undefined {
	const reply = actionData as SubmissionResult<string[]> | undefined
	return reply && typeof reply === 'object' && 'initialValue' in reply && reply.initialValue?.intent === intent ? reply : undefined
}

export default function LearningTools() {
	const { tools, registrations, endpoints, confirmRotate, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorText = useErrorText()
	const registrationLink = actionData && 'registrationLink' in actionData ? actionData.registrationLink : null
	const [dynamicForm, dynamicFields] = useForm({
		id: 'dynamic-registration',
		lastResult: replyTo(actionData, 'dynamic'),
		constraint: getZodConstraint(dynamicRegistrationSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: dynamicRegistrationSchema }),
	})
	const [registerForm, registerFields] = useToolForm({ id: 'register-tool', lastResult: replyTo(actionData, 'register'), defaultValue: { deploymentIds: '1', scopes: [...ALL_LTI_SCOPES] } })
	return (
		<div className="container page">
			<h1>{t('lti.admin.title')}</h1>
			<p className="lead">{t('lti.admin.intro')}</p>
			{notice ? (
				<p className="notice" role="status">
					{notice === 'sleutel' ? t('lti.admin.rotated') : t('lti.admin.registered')}
				</p>
			) : null}
			<AdminList
				id="tools"
				heading={t('lti.admin.registeredTools')}
				columns={[t('lti.admin.name'), t('lti.admin.clientId'), t('lti.admin.deploymentIds'), t('lti.admin.via'), t('lti.admin.since'), t('lti.admin.status')]}
				empty={tools.length === 0}
				emptyText={t('lti.admin.noTools')}
			>
				{tools.map((tool) => (
					<tr key={tool.id}>
						<th scope="row">
							<Link to={`/beheer/leeromgevingen/${tool.id}`} aria-label={t('lti.admin.openTool', { name: tool.name })}>
								{tool.name}
							</Link>
						</th>
						<td>
							<code>{tool.clientId}</code>
						</td>
						<td>{tool.deploymentIds.join(', ')}</td>
						<td>{tool.registeredVia === 'dynamic' ? t('lti.admin.viaDynamic') : t('lti.admin.viaManual')}</td>
						<td>{formatDate(new Date(tool.createdAt), i18n.language)}</td>
						<td>{tool.active ? t('lti.tool.active') : t('lti.tool.inactive')}</td>
					</tr>
				))}
			</AdminList>
			<section aria-labelledby="adressen">
				<h2 id="adressen">{t('lti.admin.endpoints')}</h2>
				<dl className="facts">
					<dt>{t('lti.admin.issuer')}</dt>
					<dd>
						<code>{endpoints.issuer}</code>
					</dd>
					<dt>{t('lti.admin.openIdConfiguration')}</dt>
					<dd>
						<code>{endpoints.openIdConfiguration}</code>
					</dd>
					<dt>{t('lti.admin.authorize')}</dt>
					<dd>
						<code>{endpoints.authorize}</code>
					</dd>
					<dt>{t('lti.admin.token')}</dt>
					<dd>
						<code>{endpoints.token}</code>
					</dd>
					<dt>{t('lti.admin.jwks')}</dt>
					<dd>
						<code>{endpoints.jwks}</code>
					</dd>
					<dt>{t('lti.admin.deepLinkingReturn')}</dt>
					<dd>
						<code>{endpoints.deepLinkingReturn}</code>
					</dd>
				</dl>
			</section>
			<section aria-labelledby="dynamisch">
				<h2 id="dynamisch">{t('lti.admin.dynamicTitle')}</h2>
				<p>{t('lti.admin.dynamicIntro')}</p>
				{registrationLink ? (
					<p className="notice" role="status">
						<a className="button" href={registrationLink} target="_blank" rel="noopener noreferrer">
							{t('lti.admin.dynamicOpen')}
							<span className="visually-hidden"> {t('lti.parts.newWindow')}</span>
						</a>
					</p>
				) : null}
				<Form method="post" className="form" {...getFormProps(dynamicForm)}>
					<input type="hidden" name="intent" value="dynamic" />
					<ErrorSummary form={dynamicForm} fields={[{ meta: dynamicFields.toolRegistrationUrl, label: t('lti.admin.toolRegistrationUrl') }]} formError={errorText(dynamicForm.errors)} />
					<Field meta={dynamicFields.toolRegistrationUrl} label={t('lti.admin.toolRegistrationUrl')} hint={t('lti.admin.toolRegistrationUrlHint')} type="url" />
					<div>
						<button type="submit" className="button">
							{t('lti.admin.dynamicStart')}
						</button>
					</div>
				</Form>
			</section>
			<section aria-labelledby="registratiecodes">
				<h2 id="registratiecodes">{t('lti.admin.registrationsTitle')}</h2>
				<p>{t('lti.admin.registrationsIntro')}</p>
				{registrations.length === 0 ? (
					<p className="empty-state">{t('lti.admin.noRegistrations')}</p>
				) : (
					<ScrollRegion labelledBy="registratiecodes">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('lti.admin.registrationCreated')}</th>
									<th scope="col">{t('lti.admin.registrationAddress')}</th>
									<th scope="col">{t('lti.admin.registrationState')}</th>
								</tr>
							</thead>
							<tbody>
								{registrations.map((registration) => (
									<tr key={`${registration.createdAt}-${registration.toolRegistrationUrl}`}>
										<td>{formatDateTime(new Date(registration.createdAt), i18n.language)}</td>
										<td>{registration.toolRegistrationUrl ? <code>{registration.toolRegistrationUrl}</code> : '–'}</td>
										<td>
											<RegistrationState registration={registration} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>
			<section aria-labelledby="handmatig">
				<h2 id="handmatig">{t('lti.admin.manualTitle')}</h2>
				<Form method="post" className="form" {...getFormProps(registerForm)}>
					<input type="hidden" name="intent" value="register" />
					<ToolRegistrationFields form={registerForm} fields={registerFields} />
					<div>
						<button type="submit" className="button">
							{t('lti.admin.register')}
						</button>
					</div>
				</Form>
			</section>
			<section aria-labelledby="sleutel">
				<h2 id="sleutel">{t('lti.admin.keyTitle')}</h2>
				<p>{t('lti.admin.keyIntro')}</p>
				{confirmRotate ? (
					<ConfirmAction
						id="sleutel-vervangen"
						headingLevel="h3"
						title={t('lti.admin.keyConfirmTitle')}
						text={t('lti.admin.keyConfirm')}
						fields={{ intent: 'rotate' }}
						confirmLabel={t('lti.admin.keyRotate')}
						cancelTo="/beheer/leeromgevingen"
						cancelLabel={t('lti.manage.cancel')}
					/>
				) : (
					<Link to="?sleutel=vervangen">{t('lti.admin.keyRotate')}</Link>
				)}
			</section>
		</div>
	)
}

type Registration = ReturnType<typeof useLoaderData<typeof loader>>['registrations'][number]

/** Where a registration code stands; a refusal in words, with what Leerplein told the tool (which field, which rule). */
function RegistrationState({ registration }: { registration: Registration }) {
	const { t, i18n } = useTranslation()
	const { state } = registration
	switch (state.status) {
		case 'waiting':
			return <>{t('lti.admin.registrationWaiting', { time: formatDateTime(new Date(registration.expiresAt), i18n.language) })}</>
		case 'expired':
			return <>{t('lti.admin.registrationExpired')}</>
		case 'used':
			return <>{registration.toolName ? t('lti.admin.registrationUsed', { tool: registration.toolName }) : t('lti.admin.registrationUsedRemoved')}</>
		case 'refused': {
			const reason = state.error === 'invalid_client_metadata' || state.error === 'invalid_redirect_uri' || state.error === 'invalid_token' ? state.error : 'other'
			return (
				<>
					<strong>{t('lti.admin.registrationRefused', { date: formatDateTime(new Date(state.at), i18n.language), reason: t(`lti.admin.refusal.${reason}`) })}</strong>
					{state.detail ? (
						<>
							<br />
							{t('lti.admin.registrationRefusedDetail')} <code>{state.detail}</code>
						</>
					) : null}
				</>
			)
		}
		default: {
			const unknown: never = state
			return unknown
		}
	}
}
