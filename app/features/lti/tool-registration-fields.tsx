import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import type { Errors } from './tool-form.ts'
import { describedBy, FormField } from '../../components/form-field.tsx'

type Props = {
	errors: Errors
	values: Record<string, string>
	/** The scopes to tick; null ticks them all. */
	scopes: ReadonlySet<string> | null
	shareName: boolean
	shareEmail: boolean
}

/** A tool's registration fields, for registering one by hand and for editing it: one list, in one order. */
export function ToolRegistrationFields({ errors, values, scopes, shareName, shareEmail }: Props) {
	const { t } = useTranslation()
	const field = (id: string, label: string, options: { hint?: string; type?: string; multiline?: boolean } = {}) => {
		const error = errors[id] ? t(errors[id] as never) : null
		const control = {
			id,
			name: id,
			defaultValue: values[id] ?? '',
			'aria-invalid': errors[id] ? true : undefined,
			'aria-describedby': describedBy(id, { hint: options.hint, error: errors[id] }),
		}
		return (
			<FormField id={id} label={label} hint={options.hint} error={error}>
				{options.multiline ? <textarea rows={3} {...control} /> : <input type={options.type ?? 'text'} {...control} />}
			</FormField>
		)
	}
	return (
		<>
			{field('name', t('lti.admin.name'))}
			{field('loginUrl', t('lti.admin.loginUrl'), { type: 'url', hint: t('lti.admin.loginUrlHint') })}
			{field('targetLinkUri', t('lti.admin.targetLinkUri'), { type: 'url', hint: t('lti.admin.targetLinkUriHint') })}
			{field('deepLinkingUrl', t('lti.admin.deepLinkingUrl'), { type: 'url', hint: t('lti.admin.deepLinkingUrlHint') })}
			{field('redirectUris', t('lti.admin.redirectUris'), { multiline: true, hint: t('lti.admin.redirectUrisHint') })}
			{field('jwksUrl', t('lti.admin.jwksUrl'), { type: 'url', hint: t('lti.admin.jwksUrlHint') })}
			{field('publicJwk', t('lti.admin.publicJwk'), { multiline: true, hint: t('lti.admin.publicJwkHint') })}
			{field('deploymentIds', t('lti.admin.deploymentIds'), { hint: t('lti.admin.deploymentIdsHint') })}
			{field('custom', t('lti.admin.custom'), { multiline: true, hint: t('lti.admin.customHint') })}
			<fieldset className="field">
				<legend>{t('lti.admin.scopes')}</legend>
				{ALL_LTI_SCOPES.map((scope, index) => (
					<div key={scope}>
						<input id={`scope-${index}`} type="checkbox" name="scopes" value={scope} defaultChecked={scopes ? scopes.has(scope) : true} />{' '}
						<label htmlFor={`scope-${index}`} style={{ display: 'inline', fontWeight: 'normal' }}>
							<code>{scope.split('/scope/')[1]}</code>
						</label>
					</div>
				))}
			</fieldset>
			<fieldset className="field">
				<legend>{t('lti.admin.privacy')}</legend>
				<div>
					<input id="shareName" type="checkbox" name="shareName" defaultChecked={shareName} />{' '}
					<label htmlFor="shareName" style={{ display: 'inline', fontWeight: 'normal' }}>
						{t('lti.admin.shareName')}
					</label>
				</div>
				<div>
					<input id="shareEmail" type="checkbox" name="shareEmail" defaultChecked={shareEmail} />{' '}
					<label htmlFor="shareEmail" style={{ display: 'inline', fontWeight: 'normal' }}>
						{t('lti.admin.shareEmail')}
					</label>
				</div>
			</fieldset>
		</>
	)
}
