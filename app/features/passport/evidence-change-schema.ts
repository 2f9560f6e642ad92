import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms on one person's passport page (ADR 031, evidence on a screen): revoking a piece and
// correcting its day, both with a reason. Whether the piece still counts and whether the day lies
// ahead are the service's checks (`checkEvidenceChange`): they need the stored piece and the clock.

const evidenceId = z.uuid({ error: 'EVIDENCE_NOT_FOUND' satisfies ErrorCode })
const reason = z
	.string({ error: 'EVIDENCE_REASON_REQUIRED' satisfies ErrorCode })
	.trim()
	.min(1, { error: 'EVIDENCE_REASON_REQUIRED' satisfies ErrorCode })
	.max(500, { error: 'EVIDENCE_REASON_TOO_LONG' satisfies ErrorCode })

export const revokeEvidenceSchema = z.object({ intent: z.literal('revoke'), evidenceId, reason })

export const correctEvidenceSchema = z.object({
	intent: z.literal('correct'),
	evidenceId,
	occurredOn: z.iso.date({ error: 'EVIDENCE_DAY_REQUIRED' satisfies ErrorCode }),
	reason,
})

export const revokeEvidenceConstraint = getZodConstraint(revokeEvidenceSchema)
export const correctEvidenceConstraint = getZodConstraint(correctEvidenceSchema)
