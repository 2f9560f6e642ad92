import type { ReactNode } from 'react'

/** One way to render a form field: label, optional hint, the control, and its error right beside it. */
export function FormField({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | null; children: ReactNode }) {
	return (
		<div className={error ? 'field field--invalid' : 'field'}>
			<label htmlFor={id}>{label}</label>
			{hint ? (
				<p className="field__hint" id={`${id}-hint`}>
					{hint}
				</p>
			) : null}
			{children}
			{error ? (
				<p className="field__error" id={`${id}-error`}>
					{error}
				</p>
			) : null}
		</div>
	)
}

/** The aria-describedby of a field's control: its hint and its error, when there are. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined {
	const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean)
	return ids.length > 0 ? ids.join(' ') : undefined
}
