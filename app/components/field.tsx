import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isErrorCode } from '../core/error-codes.ts'
import { formatDateTime } from '../utils/format.ts'

// One way to render a form field (ADR 021): label, hint, control, the error beside it and the
// aria attributes that tie them together, from the field's Conform metadata. A form's schema gives
// error codes as messages (core/error-codes.ts); this translates them.

type InputType = 'text' | 'number' | 'email' | 'url' | 'date' | 'time' | 'datetime-local' | 'search' | 'tel' | 'password' | 'file'

type Control =
	| { as?: 'input'; type?: InputType }
	| { as: 'textarea'; rows?: number }
	| { as: 'select'; options: readonly { value: string; label: string }[] }

type FieldProps = {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field of any form
	meta: FieldMetadata<any, any, any>
	label: string
	hint?: string
	/** Attributes for the control beyond those Conform derives (autoComplete, inputMode, min, max…). */
	controlProps?: Record<string, string | number | boolean | undefined>
	className?: string
} & Control

/**
 * A field's first error in the reader's language. A service refusal may carry values as the
 * second entry (JSON, see `refusedForm`); values named `…At` are instants, shown in Dutch time.
 */
export function useErrorText(): (errors: readonly string[] | undefined) => string | null {
	const { t, i18n } = useTranslation()
	return (errors) => {
		const code = errors?.[0]
		if (!code) return null
		if (!isErrorCode(code)) return t('errors.FORM_INVALID')
		return t(`errors.${code}`, errorValues(errors[1], i18n.language))
	}
}

function errorValues(json: string | undefined, language: string): Record<string, string | number> {
	if (!json?.startsWith('{')) return {}
	try {
		const values = JSON.parse(json) as Record<string, unknown>
		return Object.fromEntries(
			Object.entries(values).map(([key, value]) => [key, key.endsWith('At') && typeof value === 'string' ? formatDateTime(new Date(value), language) : typeof value === 'number' ? value : String(value)]),
		)
	} catch {
		return {}
	}
}

export function Field(props: FieldProps) {
	const { meta, label, hint, controlProps, className } = props
	const errorText = useErrorText()(meta.errors)
	const hintId = hint ? `${meta.id}-hint` : undefined
	const describedBy = [hintId, errorText ? meta.errorId : undefined].filter(Boolean).join(' ') || undefined
	const aria = { 'aria-describedby': describedBy, 'aria-invalid': errorText ? true : undefined }
	let control: ReactNode
	if (props.as === 'textarea') {
		control = <textarea {...getTextareaProps(meta, { ariaAttributes: false })} {...aria} rows={props.rows} {...controlProps} />
	} else if (props.as === 'select') {
		control = (
			<select {...getSelectProps(meta, { ariaAttributes: false })} {...aria} {...controlProps}>
				{props.options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		)
	} else {
		control = <input {...getInputProps(meta, { type: props.type ?? 'text', ariaAttributes: false })} {...aria} {...controlProps} />
	}
	return (
		<div className={['field', errorText ? 'field--invalid' : null, className].filter(Boolean).join(' ')}>
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p className="field__hint" id={hintId}>
					{hint}
				</p>
			) : null}
			{control}
			{errorText ? (
				<p className="field__error" id={meta.errorId}>
					{errorText}
				</p>
			) : null}
		</div>
	)
}

/**
 * The errors of a refused form above it, each linking to its field; it takes focus when the form
 * comes back refused, so a screen reader user hears what to fix (GOV.UK / NL Design System pattern).
 */
export function ErrorSummary({
	form,
	fields,
	formError,
}: {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form
	form: FormMetadata<any, any>
	/** The fields to list, in the order of the form, with their labels. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field of any form
	fields: readonly { meta: FieldMetadata<any, any, any>; label: string }[]
	/** A refusal of the form as a whole (from the service), already translated. */
	formError?: string | null
}) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const ref = useRef<HTMLDivElement>(null)
	const listed = fields.map(({ meta, label }) => ({ id: meta.id, label, text: errorText(meta.errors) })).filter((field) => field.text)
	const shown = listed.length > 0 || Boolean(formError)
	const key = `${form.status ?? ''}:${listed.map((field) => field.id).join(',')}:${formError ?? ''}`
	useEffect(() => {
		if (shown) ref.current?.focus()
	}, [shown, key])
	if (!shown) return null
	return (
		<div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${form.id}-error-summary`}>
			<h2 id={`${form.id}-error-summary`}>{t('form.errorSummary')}</h2>
			{formError ? <p>{formError}</p> : null}
			{listed.length > 0 ? (
				<ul>
					{listed.map((field) => (
						<li key={field.id}>
							<a href={`#${field.id}`}>
								{field.label}: {field.text}
							</a>
						</li>
					))}
				</ul>
			) : null}
		</div>
	)
}
