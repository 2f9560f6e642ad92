import { getSessionForEnrolment, listSessionEnrolments } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { refuse, refusal, type ServiceResult } from '../../core/service.server.ts'
import { MAX_BATCH } from './decision-schema.ts'
import { matchesParticipantFilter, onParticipantLists, type ParticipantFilter } from './participant-filter.server.ts'

/**
 * One ticked person's own outcome in a bulk action on a session's participants: a refusal of one
 * does not undo the others. `name` is null for an id that is not (or no longer) on this session's
 * list: a forged id of another session or unit is refused without saying whose it is.
 */
export type ParticipantOutcome<T> = { enrolmentId: string; name: string | null; result: ServiceResult<T> }

export type SelectedPerson = Awaited<ReturnType<typeof listSessionEnrolments>>[number]

/**
 * Whom a bulk action is for: the ticked ids, or everyone on the session's lists that matches the
 * page's filter ("all that match"), resolved on the server inside the asker's own session only.
 */
export type ParticipantSelection = { enrolmentIds: readonly string[] } | { matching: ParticipantFilter }

/** The selection as `loadSelection` takes it: ticked ids once each, in the order given, or the filter. */
export type CheckedSelection = { ids: readonly string[] } | { matching: ParticipantFilter }

/** Refuses an empty or too large selection before anything is read; else the ids once each, in the order given. */
export function checkSelection(enrolmentIds: readonly string[]): ServiceResult<string[]> {
	if (enrolmentIds.length === 0 || enrolmentIds.length > MAX_BATCH) return refuse('invalid', 'PARTICIPANTS_NOT_SELECTED', { field: 'ids' })
	return { ok: true, value: [...new Set(enrolmentIds)] }
}

/** `checkSelection` for ticked ids; a filter is checked when it is resolved (it may match nobody). */
export function checkParticipantSelection(selection: ParticipantSelection): ServiceResult<CheckedSelection> {
	if ('matching' in selection) return { ok: true, value: { matching: selection.matching } }
	const checked = checkSelection(selection.enrolmentIds)
	return checked.ok ? { ok: true, value: { ids: checked.value } } : checked
}

/**
 * The session of the asker's own unit (else "not found", as on the session page) and the chosen
 * people on its list (participants and the waitlist, in the list's order). Ticked ids keep their
 * order in `ids`, also those not on the list; "all that match" becomes the ids of exactly the people
 * the page's lists show for that filter, and matching nobody (or more than a batch) is refused.
 */
export async function loadSelection(tx: Database, actor: Actor, { sessionId, ...chosen }: { sessionId: string } & CheckedSelection) {
	const session = await getSessionForEnrolment(tx, { sessionId })
	if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
	const list = await listSessionEnrolments(tx, { sessionId })
	if ('matching' in chosen) {
		const people = list.filter((person) => onParticipantLists(person.status) && matchesParticipantFilter(person, chosen.matching))
		if (people.length === 0 || people.length > MAX_BATCH) throw refusal('invalid', 'PARTICIPANTS_NOT_SELECTED', { field: 'ids' })
		return { session, people, byId: new Map(people.map((person) => [person.id, person])), ids: people.map((person) => person.id) }
	}
	const wanted = new Set(chosen.ids)
	const people = list.filter((person) => wanted.has(person.id))
	return { session, people, byId: new Map(people.map((person) => [person.id, person])), ids: chosen.ids }
}

/** The outcome of an id that is not on the session's list: not found, nothing more. */
export const notOnList = (enrolmentId: string): ParticipantOutcome<never> => ({ enrolmentId, name: null, result: refuse('not_found', 'ENROLMENT_NOT_FOUND') })
