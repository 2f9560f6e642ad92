import type { EnrolmentStatus } from '@leerplein/domain'
import { gridField } from '../../core/grid-query.server.ts'

// The session page's participant filter (issue 14 item 6): a part of a name or a unit's short name,
// in the page's query string as `deelnemer`, so a filtered list is a link and works without
// JavaScript. The page shows the lists through it, and "select all that match" sends it back to be
// resolved to people on the server, within the asker's own session, with this same function.

/** The filter's query parameters, read as a grid reads its own (`readGridQuery`, `readGridFilters`). */
export const PARTICIPANT_FILTERS = { deelnemer: gridField.text }

export type ParticipantFilter = { deelnemer?: string | undefined }

/** Lower case without accents: "Çelik" is found by "celik". */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl')

/** Whether a person on the list matches the filter; an empty filter matches everyone. */
export function matchesParticipantFilter(person: { name: string; unitShortName: string }, filter: ParticipantFilter): boolean {
	if (!filter.deelnemer) return true
	const wanted = folded(filter.deelnemer)
	return folded(person.name).includes(wanted) || folded(person.unitShortName).includes(wanted)
}

/**
 * Whether an active enrolment shows on the session page's lists (participants and waitlist): a
 * request still awaiting approval is the approvers' business and shows on neither.
 */
export const onParticipantLists = (status: EnrolmentStatus) => status !== 'awaiting_approval' && status !== 'approved'
