import { useEffect, useRef, useState } from 'react'

// The ticks of a grid with bulk actions (the approvals inbox, a session's participant lists).
// Ticked rows stay ticked while paging and filtering (the page stays mounted and sends the ticks of
// other pages as hidden fields), as in a mail client. "All that match" is a real checkbox of the
// form: without JavaScript it is sent as it is, and the server resolves it. An action, or a refused
// form, resets both to what the server's reply says; a new filter starts a new "all that match".

/** The form values a reply carries back (Conform's `initialValue`). */
type ReplyValues = Record<string, unknown> | null | undefined

/** The ids a refused form had ticked (none after an action: its reply resets the form). */
export function submittedIds(initialValue: ReplyValues): string[] {
	const ids = initialValue?.ids
	return typeof ids === 'string' ? [ids] : Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
}

export type BulkSelection = {
	ticked: ReadonlySet<string>
	allMatching: boolean
	setAllMatching: (on: boolean) => void
	toggle: (id: string, on: boolean) => void
	/** Unticks everything, "all that match" included. */
	clear: () => void
	/** Whether a row's box shows ticked (every row is, under "all that match"). */
	isTicked: (id: string) => boolean
}

/**
 * @param reply the form's last reply (its `initialValue` names the ticks to restore); a new reply resets the selection.
 * @param filterQuery the grid's filter as a query string; when it changes, "all that match" is unticked.
 */
export function useBulkSelection({ reply, filterQuery }: { reply: { initialValue?: ReplyValues } | null | undefined; filterQuery: string }): BulkSelection {
	const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(submittedIds(reply?.initialValue)))
	const [allMatching, setAllMatching] = useState(reply?.initialValue?.alles === 'ja')
	useEffect(() => {
		setTicked(new Set(submittedIds(reply?.initialValue)))
		setAllMatching(reply?.initialValue?.alles === 'ja')
	}, [reply])
	const shownQuery = useRef(filterQuery)
	useEffect(() => {
		if (shownQuery.current !== filterQuery) setAllMatching(false)
		shownQuery.current = filterQuery
	}, [filterQuery])
	const toggle = (id: string, on: boolean) =>
		setTicked((current) => {
			const next = new Set(current)
			if (on) next.add(id)
			else next.delete(id)
			return next
		})
	const clear = () => {
		setTicked(new Set())
		setAllMatching(false)
	}
	return { ticked, allMatching, setAllMatching, toggle, clear, isTicked: (id) => allMatching || ticked.has(id) }
}
