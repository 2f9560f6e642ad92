import { Form, Link } from '@remix-run/react'
import { Children, Fragment, type ReactNode } from 'react'
import { ScrollRegion } from './scroll-region.tsx'

// The parts every "keep a list" admin page shares (trainers, rooms, search synonyms, competencies,
// requirements): a titled section, the message after a change, the list with its search and
// empty state, and the row actions that name the row they act on. Pages keep their own forms and
// columns; the markup that makes them behave the same (headings that name regions, keyboard-
// reachable scrolling, actions screen readers can tell apart) lives here once.

/** A section named by its own heading (`id` is the heading's). */
export function AdminSection({ id, heading, children }: { id: string; heading: ReactNode; children: ReactNode }) {
	return (
		<section aria-labelledby={id}>
			<h2 id={id}>{heading}</h2>
			{children}
		</section>
	)
}

/** The message after a change (saved, deactivated…), announced to screen readers; nothing when there is none. */
export function ChangeNotice({ text }: { text: string | null }) {
	if (text === null) return null
	return (
		<p className="notice" role="status">
			{text}
		</p>
	)
}

/**
 * A page's list: a section titled by `heading`, an optional search above, then the empty state or
 * a table with one column header per `columns` entry. Rows come as children, each opening with
 * its `<th scope="row">`.
 */
export function AdminList({
	id,
	heading,
	columns,
	empty,
	emptyText,
	search,
	children,
}: {
	id: string
	heading: ReactNode
	columns: readonly string[]
	empty: boolean
	emptyText: string
	search?: ReactNode
	children: ReactNode
}) {
	return (
		<AdminSection id={id} heading={heading}>
			{search}
			{empty ? (
				<p className="empty-state">{emptyText}</p>
			) : (
				<ScrollRegion labelledBy={id}>
					<table className="sessions">
						<thead>
							<tr>
								{columns.map((column) => (
									<th key={column} scope="col">
										{column}
									</th>
								))}
							</tr>
						</thead>
						<tbody>{children}</tbody>
					</table>
				</ScrollRegion>
			)}
		</AdminSection>
	)
}

/** The search above a list: one field (`q` unless named otherwise), sent by GET, so the result has an address. */
export function ListSearch({ id, label, submitLabel, value, name = 'q' }: { id: string; label: string; submitLabel: string; value: string; name?: string }) {
	return (
		<Form method="get" role="search" className="inline-search">
			<label htmlFor={id}>{label}</label>
			<input id={id} type="search" name={name} defaultValue={value} />
			<button type="submit" className="button button--secondary">
				{submitLabel}
			</button>
		</Form>
	)
}

/** A row's actions, separated by a middle dot (absent ones, `null`, leave no dot). */
export function RowActions({ children }: { children: ReactNode }) {
	const actions = Children.toArray(children)
	return (
		<td>
			{actions.map((action, index) => (
				<Fragment key={index}>
					{index > 0 ? ' · ' : null}
					{action}
				</Fragment>
			))}
		</td>
	)
}

/** An action that opens a state of the page (edit, the confirmation of a removal); its accessible name says which row. */
export function RowLink({ to, label, row }: { to: string; label: string; row: string }) {
	return (
		<Link to={to} aria-label={`${label}: ${row}`}>
			{label}
		</Link>
	)
}

/** An action done at once, with nothing to confirm (activating again); its accessible name says which row. */
export function RowButton({ intent, id, label, row }: { intent: string; id: string; label: string; row: string }) {
	return (
		<Form method="post" className="inline-form">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="id" value={id} />
			<button type="submit" className="link-button" aria-label={`${label}: ${row}`}>
				{label}
			</button>
		</Form>
	)
}

/**
 * Edit, and deactivate or activate, for a row that is switched off rather than deleted: deactivating
 * asks first (`?deactiveer=`), activating again does not.
 */
export function EditAndActivation({
	path,
	id,
	row,
	active,
	labels,
}: {
	path: string
	id: string
	row: string
	active: boolean
	labels: { edit: string; deactivate: string; activate: string }
}) {
	return (
		<RowActions>
			<RowLink to={`${path}?bewerk=${id}`} label={labels.edit} row={row} />
			{active ? <RowLink to={`${path}?deactiveer=${id}`} label={labels.deactivate} row={row} /> : <RowButton intent="activate" id={id} label={labels.activate} row={row} />}
		</RowActions>
	)
}
