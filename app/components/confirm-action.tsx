import { Form, Link } from '@remix-run/react'

/**
 * A destructive act asked once more before it happens, as the portal does everywhere (removing an
 * online part, deactivating a tool): a link puts the question in the URL, and this panel shows
 * it with the form that does it and the way back. Works without JavaScript.
 */
export function ConfirmAction({
	id,
	title,
	text,
	fields,
	confirmLabel,
	cancelTo,
	cancelLabel,
}: {
	/** The heading's id, which also names the panel (and is the URL fragment the asking link points at). */
	id: string
	title: string
	text: string
	/** The form's hidden fields: the intent and what it acts on. */
	fields: Record<string, string>
	confirmLabel: string
	cancelTo: string
	cancelLabel: string
}) {
	return (
		<section className="confirm" aria-labelledby={id}>
			<h2 id={id}>{title}</h2>
			<p>{text}</p>
			<Form method="post">
				{Object.entries(fields).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				<button type="submit" className="button">
					{confirmLabel}
				</button>{' '}
				<Link to={cancelTo}>{cancelLabel}</Link>
			</Form>
		</section>
	)
}
