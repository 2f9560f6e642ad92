import { getZodConstraint } from '@conform-to/zod/v4'
import { XAPI_RETENTION_MONTHS } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of /beheer/xapi-privacy (ADR 039, "Privacy"), on the server and in the browser.

const retentionInvalid = 'XAPI_RETENTION_INVALID' satisfies ErrorCode

/** The unit's retention: whole months, 1–120; left empty, statements are kept until erased (null). */
export const xapiRetentionSchema = z.object({
	retentionMonths: z
		.number({ error: retentionInvalid })
		.int({ error: retentionInvalid })
		.min(XAPI_RETENTION_MONTHS.min, { error: retentionInvalid })
		.max(XAPI_RETENTION_MONTHS.max, { error: retentionInvalid })
		.optional()
		.transform((months) => months ?? null),
})

export type XapiRetentionInput = z.infer<typeof xapiRetentionSchema>
export const xapiRetentionConstraint = getZodConstraint(xapiRetentionSchema)

/** Exporting or erasing a person's statements: which employee (of the unit; another's is not found). */
export const xapiPersonSchema = z.object({ personId: z.uuid({ error: 'XAPI_PERSON_NOT_FOUND' satisfies ErrorCode }) })
