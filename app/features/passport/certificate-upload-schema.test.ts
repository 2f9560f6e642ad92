import { parseWithZod } from '@conform-to/zod/v4'
import { MAX_CERTIFICATE_BYTES } from '@leerplein/domain'
import { describe, expect, test } from 'vitest'
import { certificateUploadSchema, uploadDecisionSchema } from './certificate-upload-schema.ts'

const COMPETENCY = '01a23d1e-3f69-701d-ae49-1a51c557cc3e'

function form(fields: Record<string, string | File>) {
	const data = new FormData()
	for (const [name, value] of Object.entries(fields)) data.set(name, value)
	return data
}

describe('the certificate form', () => {
	test('a file over 5 MB is refused beside the file; no file at all asks for one', () => {
		const large = parseWithZod(form({ competencyId: COMPETENCY, obtainedOn: '2030-01-01', certificate: new File([new Uint8Array(MAX_CERTIFICATE_BYTES + 1)], 'a.pdf') }), { schema: certificateUploadSchema })
		expect(large.status === 'error' && large.error).toEqual({ certificate: ['CERTIFICATE_TOO_LARGE'] })
		const none = parseWithZod(form({ competencyId: COMPETENCY, obtainedOn: '2030-01-01' }), { schema: certificateUploadSchema })
		expect(none.status === 'error' && none.error).toEqual({ certificate: ['CERTIFICATE_REQUIRED'] })
	})

	test('a competency and a day are required', () => {
		const empty = parseWithZod(form({ certificate: new File(['%PDF-'], 'a.pdf') }), { schema: certificateUploadSchema })
		expect(empty.status === 'error' && empty.error).toEqual({ competencyId: ['CERTIFICATE_COMPETENCY_REQUIRED'], obtainedOn: ['CERTIFICATE_DATE_REQUIRED'] })
	})
})

describe('the decision form', () => {
	test('rejecting needs a reason; approving does not', () => {
		const reject = parseWithZod(form({ intent: 'reject', uploadId: COMPETENCY, reason: '  ' }), { schema: uploadDecisionSchema })
		expect(reject.status === 'error' && reject.error).toEqual({ reason: ['UPLOAD_REASON_REQUIRED'] })
		expect(parseWithZod(form({ intent: 'approve', uploadId: COMPETENCY }), { schema: uploadDecisionSchema }).status).toBe('success')
	})
})
