import type { CalendarDate } from './calendar.ts'

/** A piece of evidence as far as changing it matters: whether it still counts. */
export type EvidencePiece = { occurredOn: CalendarDate; revoked: boolean; superseded: boolean }

/** Revoking withdraws a piece (it stops counting); correcting supersedes it with a new piece on another day. */
export type EvidenceChange = { kind: 'revoke' } | { kind: 'correct'; occurredOn: CalendarDate }

export type EvidenceChangeCode = 'EVIDENCE_ALREADY_REVOKED' | 'EVIDENCE_ALREADY_SUPERSEDED' | 'EVIDENCE_DAY_FUTURE' | 'EVIDENCE_DAY_UNCHANGED'

/**
 * Whether a piece of evidence may be revoked or corrected (ADR 031, evidence on a screen). Only a
 * piece that still counts changes, and only once: a revoked piece stays revoked, a superseded one
 * is changed through the piece that superseded it. A corrected day is a real change (not the same
 * day) and not later than today (Amsterdam), as for any other evidence.
 */
export function checkEvidenceChange(
	piece: EvidencePiece,
	change: EvidenceChange,
	{ today }: { today: CalendarDate },
): { ok: true; value: EvidenceChange } | { ok: false; code: EvidenceChangeCode } {
	if (piece.revoked) return { ok: false, code: 'EVIDENCE_ALREADY_REVOKED' }
	if (piece.superseded) return { ok: false, code: 'EVIDENCE_ALREADY_SUPERSEDED' }
	switch (change.kind) {
		case 'revoke':
			return { ok: true, value: change }
		case 'correct':
			if (change.occurredOn > today) return { ok: false, code: 'EVIDENCE_DAY_FUTURE' }
			if (change.occurredOn === piece.occurredOn) return { ok: false, code: 'EVIDENCE_DAY_UNCHANGED' }
			return { ok: true, value: change }
		default:
			return unreachable(change)
	}
}

function unreachable(value: never): never {
	throw new Error(`unknown evidence change: ${JSON.stringify(value)}`)
}
