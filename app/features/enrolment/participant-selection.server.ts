import { getSessionForEnrolment, listSessionEnrolments } from '@leerplein/db/enrolment'
import { can, type Actor } from '@leerplein/domain'
import type { Database } from '@leerplein/db'
import { refuse, refusal, type ServiceResult } from '../../core/service.server.ts'
import { MAX_BATCH } from './decision-schema.ts'

/**
 * One ticked person's own outcome in a bulk action on a session's participants: a refusal of one
 * does not undo the others. `name` is null for an id that is not (or no longer) on this session's
 * list: a forged id of another session or unit is refused without saying whose it is.
 */
export type ParticipantOutcome<T> = { enrolmentId: string; name: string | null; result: ServiceResult<T> }

export type SelectedPerson = Awaited<ReturnType<typeof listSessionEnrolments>>[number]

/** Refuses an empty or too large selection before anything is read; else the ids once each, in the order given. */
export function checkSelection(enrolmentIds: readonly string[]): ServiceResult<string[]> {
	if (enrolmentIds.length === 0 || enrolmentIds.length > MAX_BATCH) return refuse('invalid', 'PARTICIPANTS_NOT_SELECTED', { field: 'ids' })
	return { ok: true, value: [...new Set(enrolmentIds)] }
}

/**
 * The session of the asker's own unit (else "not found", as on the session page) and which of the
 * ticked ids are people on its list (participants and the waitlist, in the list's order).
 */
export async function loadSelection(tx: Database, actor: Actor, { sessionId, ids }: { sessionId: string; ids: readonly string[] }) {
	const session = await getSessionForEnrolment(tx, { sessionId })
	if (!session || !can(actor, 'update', { kind: 'session', tenantId: session.tenantId })) throw refusal('not_found', 'SESSION_NOT_FOUND')
	const wanted = new Set(ids)
	const people = (await listSessionEnrolments(tx, { sessionId })).filter((person) => wanted.has(person.id))
	return { session, people, byId: new Map(people.map((person) => [person.id, person])) }
}

/** The outcome of an id that is not on the session's list: not found, nothing more. */
export const notOnList = (enrolmentId: string): ParticipantOutcome<never> => ({ enrolmentId, name: null, result: refuse('not_found', 'ENROLMENT_NOT_FOUND') })
