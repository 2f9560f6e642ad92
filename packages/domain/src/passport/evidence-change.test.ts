import { describe, expect, test } from 'vitest'
import { checkEvidenceChange, type EvidenceChange, type EvidencePiece } from './evidence-change.ts'

describe('revoking or correcting a piece of evidence', () => {
	const today = '2026-12-03'
	const counting: EvidencePiece = { occurredOn: '2025-06-01', revoked: false, superseded: false }
	const revoked: EvidencePiece = { ...counting, revoked: true }
	const superseded: EvidencePiece = { ...counting, superseded: true }
	const revoke: EvidenceChange = { kind: 'revoke' }
	const correct = (occurredOn: string): EvidenceChange => ({ kind: 'correct', occurredOn })

	test.each([
		['a counting piece is revoked', counting, revoke, { ok: true, value: revoke }],
		['a revoked piece is not revoked again', revoked, revoke, { ok: false, code: 'EVIDENCE_ALREADY_REVOKED' }],
		['a superseded piece is not revoked (its correction is)', superseded, revoke, { ok: false, code: 'EVIDENCE_ALREADY_SUPERSEDED' }],
		['a counting piece is corrected to an earlier day', counting, correct('2025-05-01'), { ok: true, value: correct('2025-05-01') }],
		['a counting piece is corrected to today', counting, correct(today), { ok: true, value: correct(today) }],
		['a day after today is refused', counting, correct('2026-12-04'), { ok: false, code: 'EVIDENCE_DAY_FUTURE' }],
		['the same day is no correction', counting, correct('2025-06-01'), { ok: false, code: 'EVIDENCE_DAY_UNCHANGED' }],
		['a revoked piece is not corrected', revoked, correct('2025-05-01'), { ok: false, code: 'EVIDENCE_ALREADY_REVOKED' }],
		['a superseded piece is not corrected twice', superseded, correct('2025-05-01'), { ok: false, code: 'EVIDENCE_ALREADY_SUPERSEDED' }],
	])('Given %s', (_name, piece, change, expected) => {
		expect(checkEvidenceChange(piece, change, { today })).toEqual(expected)
	})
})
