import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ConfirmAction } from '../components/confirm-action.tsx'
import { describedBy, FormField } from '../components/form-field.tsx'
import { ToolRegistrationFields } from '../features/lti/tool-registration-fields.tsx'
import { dynamicSchema, firstErrors, toolSchema, type Errors } from '../features/lti/tool-form.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { LTI_PATHS, platformIssuer } from '../features/lti/platform.server.ts'
import { listTools } from '../features/lti/list-lti-tools.server.ts'
import { registerLtiTool } from '../features/lti/register-lti-tool.server.ts'
import { rotateLtiPlatformKey } from '../features/lti/rotate-lti-platform-key.server.ts'
import { startLtiDynamicRegistration } from '../features/lti/start-lti-dynamic-registration.server.ts'
import { formatDate } from '../utils/format.ts'
import { ScrollRegion } from '../components/scroll-region.tsx'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'update', { kind: 'concern' })
	const issuer = platformIssuer(context, request)
	const url = new URL(request.url)
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('lti.admin.title')} – ${t('app.name')}`,
		tools: await listTools(context, { signedIn }),
		endpoints: {
			issuer,
			openIdConfiguration: `${issuer}${LTI_PATHS.openIdConfiguration}`,
			authorize: `${issuer}${LTI_PATHS.authorize}`,
			token: `${issuer}${LTI_PATHS.token}`,
			jwks: `${issuer}${LTI_PATHS.jwks}`,
			deepLinkingReturn: `${issuer}${LTI_PATHS.deepLinkingReturn}`,
		},
		confirmRotate: url.searchParams.get('sleutel') === 'vervangen',
		notice: url.searchParams.get('gedaan'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await requirePermission(request, context, 'update', { kind: 'concern' })
	const form = await request.formData()
	const intent = form.get('intent')
	if (intent === 'rotate') {
		await rotateLtiPlatformKey(context, { signedIn })
		return redirect('/beheer/leeromgevingen?gedaan=sleutel', 303)
	}
	const values: Record<string, string> = {}
	for (const [key, value] of form.entries()) if (key !== 'scopes') values[key] = String(value)
	if (intent === 'dynamic') {
		const parsed = dynamicSchema.safeParse(values)
		if (!parsed.success) return data({ form: 'dynamic', errors: firstErrors(parsed.error), values, registrationLink: null }, { status: 400 })
		const { location } = await startLtiDynamicRegistration(context, { signedIn, toolRegistrationUrl: parsed.data.toolRegistrationUrl, issuer: platformIssuer(context, request) })
		return data({ form: 'dynamic', errors: {} as Errors, values, registrationLink: location })
	}
	const parsed = toolSchema.safeParse({ ...values, scopes: form.getAll('scopes').map(String) })
	if (!parsed.success) return data({ form: 'register', errors: firstErrors(parsed.error), values, registrationLink: null }, { status: 400 })
	await registerLtiTool(context, { signedIn, input: parsed.data })
	return redirect('/beheer/leeromgevingen?gedaan=geregistreerd', 303)
}

export default function LearningTools() {
	const { tools, endpoints, confirmRotate, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const errorsOf = (form: string): Errors => (actionData?.form === form ? actionData.errors : {})
	const valuesOf = (form: string): Record<string, string> => (actionData?.form === form ? actionData.values : {})
	const registerErrors = errorsOf('register')
	const registerValues = valuesOf('register')
	const dynamicErrors = errorsOf('dynamic')
	const message = (errors: Errors, key: string) => (errors[key] ? t(errors[key] as never) : null)
	return (
		<div className="container page">
			<h1>{t('lti.admin.title')}</h1>
			<p className="lead">{t('lti.admin.intro')}</p>
			{notice ? (
				<p className="notice" role="status">
					{notice === 'sleutel' ? t('lti.admin.rotated') : t('lti.admin.registered')}
				</p>
			) : null}
			<section aria-labelledby="tools">
				<h2 id="tools">{t('lti.admin.registeredTools')}</h2>
				{tools.length === 0 ? (
					<p className="empty-state">{t('lti.admin.noTools')}</p>
				) : (
					<ScrollRegion labelledBy="tools">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('lti.admin.name')}</th>
									<th scope="col">{t('lti.admin.clientId')}</th>
									<th scope="col">{t('lti.admin.deploymentIds')}</th>
									<th scope="col">{t('lti.admin.via')}</th>
									<th scope="col">{t('lti.admin.since')}</th>
									<th scope="col">{t('lti.admin.status')}</th>
								</tr>
							</thead>
							<tbody>
								{tools.map((tool) => (
									<tr key={tool.id}>
										<td>
											<Link to={`/beheer/leeromgevingen/${tool.id}`} aria-label={t('lti.admin.openTool', { name: tool.name })}>
												{tool.name}
											</Link>
										</td>
										<td>
											<code>{tool.clientId}</code>
										</td>
										<td>{tool.deploymentIds.join(', ')}</td>
										<td>{tool.registeredVia === 'dynamic' ? t('lti.admin.viaDynamic') : t('lti.admin.viaManual')}</td>
										<td>{formatDate(new Date(tool.createdAt), i18n.language)}</td>
										<td>{tool.active ? t('lti.tool.active') : t('lti.tool.inactive')}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				)}
			</section>
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
				{actionData?.registrationLink ? (
					<p className="notice" role="status">
						<a className="button" href={actionData.registrationLink} target="_blank" rel="noopener noreferrer">
							{t('lti.admin.dynamicOpen')}
							<span className="visually-hidden"> {t('lti.parts.newWindow')}</span>
						</a>
					</p>
				) : null}
				<Form method="post" className="form" noValidate>
					<input type="hidden" name="intent" value="dynamic" />
					<FormField id="toolRegistrationUrl" label={t('lti.admin.toolRegistrationUrl')} hint={t('lti.admin.toolRegistrationUrlHint')} error={message(dynamicErrors, 'toolRegistrationUrl')}>
						<input
							id="toolRegistrationUrl"
							name="toolRegistrationUrl"
							type="url"
							defaultValue={valuesOf('dynamic').toolRegistrationUrl ?? ''}
							aria-invalid={dynamicErrors.toolRegistrationUrl ? true : undefined}
							aria-describedby={describedBy('toolRegistrationUrl', { hint: true, error: dynamicErrors.toolRegistrationUrl })}
						/>
					</FormField>
					<div>
						<button type="submit" className="button">
							{t('lti.admin.dynamicStart')}
						</button>
					</div>
				</Form>
			</section>
			<section aria-labelledby="handmatig">
				<h2 id="handmatig">{t('lti.admin.manualTitle')}</h2>
				<Form method="post" className="form" noValidate>
					<input type="hidden" name="intent" value="register" />
					<ToolRegistrationFields errors={registerErrors} values={{ deploymentIds: '1', ...registerValues }} scopes={null} shareName={false} shareEmail={false} />
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
