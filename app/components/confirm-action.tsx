import { Form, Link } from '@remix-run/react'

/**
 * A destructive act asked once more before it happens, the one way the portal asks (removing an
 * online part or a synonym, deactivating a tool, undoing a merge): a link puts the question in
 * the URL, and this panel shows it with the form that does it and the way back. Works without
 * JavaScript.
 */
export function ConfirmAction({
	id,
	title,
	text,
	fields,
	confirmLabel,
	cancelTo,
	cancelLabel,
	headingLevel: Heading = 'h2',
	busy = false,
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
	/** h3 when the panel sits in a section of its own heading. */
	headingLevel?: 'h2' | 'h3'
	/** While the form is being sent: the button is disabled, so the act is not sent twice. */
	busy?: boolean
}) {
	return (
		<section className="confirm" aria-labelledby={id}>
			<Heading id={id}>{title}</Heading>
			<p>{text}</p>
			<Form method="post">
				{Object.entries(fields).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				<button type="submit" className="button" disabled={busy}>
					{confirmLabel}
				</button>{' '}
				<Link to={cancelTo}>{cancelLabel}</Link>
			</Form>
		</section>
	)
}
