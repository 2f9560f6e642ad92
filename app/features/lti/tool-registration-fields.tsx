import { getCollectionProps, getInputProps, useForm, type DefaultValue, type FormMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ErrorSummary, Field, useErrorText } from '../../components/field.tsx'
import { toolSchema, type ToolRegistration } from './tool-schema.ts'

type ToolFormValue = z.input<typeof toolSchema>

/**
 * The form of a tool's registration (registering by hand, editing), validated in the browser with
 * the action's schema, on submit: errors appearing on blur would shift the button being clicked and
 * move focus to the error summary.
 */
export function useToolForm({ id, lastResult, defaultValue }: { id: string; lastResult: SubmissionResult<string[]> | undefined; defaultValue: DefaultValue<ToolFormValue> }) {
	return useForm<ToolFormValue, ToolRegistration>({
		id,
		lastResult,
		constraint: getZodConstraint(toolSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: toolSchema }),
		defaultValue,
	})
}

type Props = {
	form: FormMetadata<ToolFormValue, string[]>
	fields: ReturnType<FormMetadata<ToolFormValue, string[]>['getFieldset']>
}

/** A tool's registration fields, for registering one by hand and for editing it: one list, in one order, with its error summary first. */
export function ToolRegistrationFields({ form, fields }: Props) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const text = [
		{ meta: fields.name, label: t('lti.admin.name') },
		{ meta: fields.loginUrl, label: t('lti.admin.loginUrl'), hint: t('lti.admin.loginUrlHint'), type: 'url' as const },
		{ meta: fields.targetLinkUri, label: t('lti.admin.targetLinkUri'), hint: t('lti.admin.targetLinkUriHint'), type: 'url' as const },
		{ meta: fields.deepLinkingUrl, label: t('lti.admin.deepLinkingUrl'), hint: t('lti.admin.deepLinkingUrlHint'), type: 'url' as const },
		{ meta: fields.redirectUris, label: t('lti.admin.redirectUris'), hint: t('lti.admin.redirectUrisHint'), multiline: true },
		{ meta: fields.jwksUrl, label: t('lti.admin.jwksUrl'), hint: t('lti.admin.jwksUrlHint'), type: 'url' as const },
		{ meta: fields.publicJwk, label: t('lti.admin.publicJwk'), hint: t('lti.admin.publicJwkHint'), multiline: true },
		{ meta: fields.deploymentIds, label: t('lti.admin.deploymentIds'), hint: t('lti.admin.deploymentIdsHint') },
		{ meta: fields.custom, label: t('lti.admin.custom'), hint: t('lti.admin.customHint'), multiline: true },
	]
	const scopeBoxes = getCollectionProps(fields.scopes, { type: 'checkbox', options: [...ALL_LTI_SCOPES] })
	const { key: shareNameKey, ...shareName } = getInputProps(fields.shareName, { type: 'checkbox' })
	const { key: shareEmailKey, ...shareEmail } = getInputProps(fields.shareEmail, { type: 'checkbox' })
	return (
		<>
			<ErrorSummary form={form} fields={text} formError={errorText(form.errors)} />
			{text.map(({ meta, label, hint, type, multiline }) =>
				multiline ? <Field key={meta.name} meta={meta} label={label} hint={hint} as="textarea" rows={3} /> : <Field key={meta.name} meta={meta} label={label} hint={hint} type={type} />,
			)}
			<fieldset className="field">
				<legend>{t('lti.admin.scopes')}</legend>
				{scopeBoxes.map(({ key, ...box }, index) => (
					<div key={box.value} className="field__choice">
						<input key={key} {...box} id={`${form.id}-scope-${index}`} />{' '}
						<label htmlFor={`${form.id}-scope-${index}`}>
							<code>{box.value.split('/scope/')[1]}</code>
						</label>
					</div>
				))}
			</fieldset>
			<fieldset className="field">
				<legend>{t('lti.admin.privacy')}</legend>
				<div className="field__choice">
					<input key={shareNameKey} {...shareName} />{' '}
					<label htmlFor={fields.shareName.id}>
						{t('lti.admin.shareName')}
					</label>
				</div>
				<div className="field__choice">
					<input key={shareEmailKey} {...shareEmail} />{' '}
					<label htmlFor={fields.shareEmail.id}>
						{t('lti.admin.shareEmail')}
					</label>
				</div>
			</fieldset>
		</>
	)
}
