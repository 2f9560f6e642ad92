import { getZodConstraint } from '@conform-to/zod/v4'
import { MAX_CERTIFICATE_BYTES } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'
import { optionalLevel } from './requirement-schema.ts'

/**
 * The certificate form, in the browser (Conform) and on the server: a competency, the day it was
 * obtained, an optional note and the file, at most MAX_CERTIFICATE_BYTES. What the file is (its
 * first bytes) and whether the day lies ahead are the service's checks (`checkCertificateFile`,
 * `checkObtainedOn`): they need the bytes and the clock.
 */
export const certificateUploadSchema = z.object({
	competencyId: z.uuid({ error: 'CERTIFICATE_COMPETENCY_REQUIRED' satisfies ErrorCode }),
	obtainedOn: z.iso.date({ error: 'CERTIFICATE_DATE_REQUIRED' satisfies ErrorCode }),
	/** The level on the certificate, for a competency with levels (the service checks it against them). */
	level: optionalLevel,
	note: z.string().trim().max(500, { error: 'CERTIFICATE_NOTE_TOO_LONG' satisfies ErrorCode }).optional(),
	certificate: z
		.custom<File>((value) => typeof File !== 'undefined' && value instanceof File && value.size > 0, { error: 'CERTIFICATE_REQUIRED' satisfies ErrorCode })
		.refine((file) => file.size <= MAX_CERTIFICATE_BYTES, { error: 'CERTIFICATE_TOO_LARGE' satisfies ErrorCode }),
})

export const certificateUploadConstraint = getZodConstraint(certificateUploadSchema)

/**
 * Rejecting needs a reason the employee will read; approving, on a competency with levels, the
 * level the evidence carries (proposed: the one claimed; empty: none, the lowest).
 */
export const uploadDecisionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('approve'), uploadId: z.uuid({ error: 'UPLOAD_NOT_FOUND' satisfies ErrorCode }), level: optionalLevel }),
	z.object({
		intent: z.literal('reject'),
		uploadId: z.uuid({ error: 'UPLOAD_NOT_FOUND' satisfies ErrorCode }),
		reason: z
			.string({ error: 'UPLOAD_REASON_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(1, { error: 'UPLOAD_REASON_REQUIRED' satisfies ErrorCode })
			.max(500, { error: 'UPLOAD_REASON_TOO_LONG' satisfies ErrorCode }),
	}),
])
