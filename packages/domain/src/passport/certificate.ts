import type { CalendarDate } from './calendar.ts'

/** The largest certificate an employee may upload: 5 MB. One constant for the form, the parser and the check. */
export const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024

/** The kinds of file a certificate may be, recognised by their first bytes (not their name or the browser's claim). */
export const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
export type CertificateType = (typeof CERTIFICATE_TYPES)[number]

export type CertificateCode = 'CERTIFICATE_REQUIRED' | 'CERTIFICATE_TOO_LARGE' | 'CERTIFICATE_TYPE' | 'CERTIFICATE_DATE_FUTURE'

const SIGNATURES: readonly { type: CertificateType; bytes: readonly number[] }[] = [
	// %PDF-
	{ type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
	// \x89PNG\r\n\x1a\n
	{ type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	// JPEG start of image and the next marker's 0xFF
	{ type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
]

/** What the first bytes of a file say it is, or null when it is none of the accepted kinds. */
export function sniffCertificateType(head: Uint8Array): CertificateType | null {
	for (const { type, bytes } of SIGNATURES) {
		if (head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte)) return type
	}
	return null
}

/**
 * Whether an uploaded file may be a certificate: not empty, at most `MAX_CERTIFICATE_BYTES`, and a
 * PDF, PNG or JPEG by its content. Its type is what its bytes say, never what its name claims.
 */
export function checkCertificateFile(file: { size: number; head: Uint8Array }): { ok: true; value: CertificateType } | { ok: false; code: CertificateCode } {
	if (file.size === 0) return { ok: false, code: 'CERTIFICATE_REQUIRED' }
	if (file.size > MAX_CERTIFICATE_BYTES) return { ok: false, code: 'CERTIFICATE_TOO_LARGE' }
	const type = sniffCertificateType(file.head)
	return type ? { ok: true, value: type } : { ok: false, code: 'CERTIFICATE_TYPE' }
}

/** The day a certificate was obtained may be today (in Amsterdam) or earlier, never later. */
export function checkObtainedOn(obtainedOn: CalendarDate, { today }: { today: CalendarDate }): { ok: true; value: CalendarDate } | { ok: false; code: CertificateCode } {
	return obtainedOn > today ? { ok: false, code: 'CERTIFICATE_DATE_FUTURE' } : { ok: true, value: obtainedOn }
}
