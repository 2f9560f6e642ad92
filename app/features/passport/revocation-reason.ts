import { XAPI_VOIDED_REASON } from '../xapi/evidence-rule-schema.ts'

// Evidence Leerplein itself revoked carries a code, not words: the enrolment trigger (migrations
// 0041, 0044) writes `enrolment_<new status>` when attendance or a completion is undone, and the
// xAPI store `xapi_statement_voided` (ADR 039). The history shows each in words.

type RevocationKey = 'passportPerson.revokedVoided' | 'passportPerson.revokedNoShow' | 'passportPerson.revokedCancelled' | 'passportPerson.revokedUndone'

/**
 * The strings key that says in words why Leerplein revoked a piece of evidence, or null when the
 * reason is a person's own words (revoked by someone) or not a code Leerplein writes.
 */
export function systemRevocationKey(reason: string | null, { byPerson }: { byPerson: boolean }): RevocationKey | null {
	if (byPerson || reason === null) return null
	if (reason === XAPI_VOIDED_REASON) return 'passportPerson.revokedVoided'
	if (reason === 'enrolment_no_show') return 'passportPerson.revokedNoShow'
	if (reason === 'enrolment_cancelled') return 'passportPerson.revokedCancelled'
	if (reason.startsWith('enrolment_')) return 'passportPerson.revokedUndone'
	return null
}
