import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { hasControlCharacters, holdsControlCharacters, invalidForm, parseForm, readForm, readUploadForm, refusedForm, requireIntent } from './form.server.ts'

function post(body: BodyInit, contentType: string | null) {
	const headers = new Headers()
	if (contentType) headers.set('content-type', contentType)
	return new Request('http://localhost/x', { method: 'POST', body, headers })
}

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await promise
		return 'ok'
	} catch (thrown) {
		return (thrown as { init: ResponseInit }).init.status ?? 0
	}
}

describe('readForm', () => {
	test('reads a urlencoded form', async () => {
		const form = await readForm(post('name=Ada&intent=save', 'application/x-www-form-urlencoded'))
		expect(form.get('name')).toBe('Ada')
	})

	test('answers 415 to a post without a form content type', async () => {
		expect(await statusOf(readForm(post('{"name":"Ada"}', 'application/json')))).toBe(415)
		expect(await statusOf(readForm(post('name=Ada', null)))).toBe(415)
	})

	test('answers 400 to a NUL byte or an escape in any field', async () => {
		expect(await statusOf(readForm(post('name=A%00da', 'application/x-www-form-urlencoded')))).toBe(400)
		expect(await statusOf(readForm(post('name=A%1Bda', 'application/x-www-form-urlencoded')))).toBe(400)
		expect(await statusOf(readForm(post('na%00me=Ada', 'application/x-www-form-urlencoded')))).toBe(400)
	})

	test('allows line breaks only in fields declared multi-line', async () => {
		const body = 'description=een%0D%0Atwee'
		expect(await statusOf(readForm(post(body, 'application/x-www-form-urlencoded')))).toBe(400)
		const form = await readForm(post(body, 'application/x-www-form-urlencoded'), { multiline: ['description'] })
		expect(form.get('description')).toBe('een\r\ntwee')
	})
})

describe('requireIntent', () => {
	test('returns a known intent and refuses an unknown or missing one with 400', async () => {
		const form = new FormData()
		form.set('intent', 'approve')
		expect(requireIntent(form, ['approve', 'decline'])).toBe('approve')
		form.set('intent', 'drop-table')
		expect(await statusOf(Promise.resolve().then(() => requireIntent(form, ['approve', 'decline'])))).toBe(400)
		expect(await statusOf(Promise.resolve().then(() => requireIntent(new FormData(), ['approve'])))).toBe(400)
	})
})

describe('parseForm', () => {
	test('gives the schema’s error codes per field, and typed values on success', () => {
		const schema = z.object({ capacity: z.coerce.number({ error: 'CAPACITY_INVALID' }).int({ error: 'CAPACITY_INVALID' }).min(1, { error: 'CAPACITY_INVALID' }) })
		const bad = new FormData()
		bad.set('capacity', '0')
		const refused = parseForm(bad, schema)
		expect(refused.status === 'error' && refused.error).toEqual({ capacity: ['CAPACITY_INVALID'] })
		const good = new FormData()
		good.set('capacity', '12')
		const accepted = parseForm(good, schema)
		expect(accepted.status === 'success' && accepted.value).toEqual({ capacity: 12 })
	})
})

test('hasControlCharacters leaves ordinary Dutch text alone', () => {
	expect(hasControlCharacters('Ĳsselmeer – “café” €12,50')).toBe(false)
})

test('a refused form keeps its fields but never echoes a hidden one (a token) into the page', () => {
	const schema = z.object({ baseUrl: z.url({ error: 'TOOL_URL_INVALID' }), token: z.string() })
	const form = new FormData()
	form.set('baseUrl', 'geen adres')
	form.set('token', 'secret-token')
	const submission = parseForm(form, schema)
	const invalid = invalidForm(submission, { hideFields: ['token'] })
	expect(invalid.init?.status).toBe(400)
	expect(invalid.data.initialValue).toEqual({ baseUrl: 'geen adres' })
	expect(invalid.data.error).toEqual({ baseUrl: ['TOOL_URL_INVALID'] })
	const refused = refusedForm(submission, { ok: false, kind: 'invalid', code: 'SECRETS_KEY_MISSING', field: 'token' }, { hideFields: ['token'] })
	expect(JSON.stringify(refused.data)).not.toContain('secret-token')
	expect(refused.data.error).toMatchObject({ token: ['SECRETS_KEY_MISSING'] })
})

describe("control characters in a JSON value (a tool's input)", () => {
	test('line breaks and tabs in text are fine; control characters are found in keys and however deep', () => {
		expect(holdsControlCharacters({ comment: 'Goed gedaan.\r\nTot de volgende\tkeer', list: [1, true, null] })).toBe(false)
		expect(holdsControlCharacters({ 'sleutel\u0000': 'waarde' })).toBe(true)
		let deep: unknown = 'diep\u0007'
		for (let level = 0; level < 100_000; level++) deep = [deep]
		expect(holdsControlCharacters(deep)).toBe(true)
	})
})

describe('readUploadForm', () => {
	const LIMIT = 1000
	const multipart = (form: FormData) => new Request('http://localhost/x', { method: 'POST', body: form })
	const options = { file: 'certificate', maxFileBytes: LIMIT, multiline: ['note'] }

	test('reads the text fields and the file', async () => {
		const form = new FormData()
		form.set('intent', 'upload')
		form.set('note', 'een\ntwee')
		form.set('certificate', new File([new Uint8Array(LIMIT)], 'a.pdf', { type: 'application/pdf' }))
		const read = await readUploadForm(multipart(form), options)
		// Browsers send line breaks in multipart bodies as CRLF.
		expect(read.get('note')).toBe('een\r\ntwee')
		expect((read.get('certificate') as File).size).toBe(LIMIT)
	})

	test('a file over the limit arrives (at most one chunk past it kept) still over it, with the other fields, for the form to refuse beside the field', async () => {
		const form = new FormData()
		form.set('intent', 'upload')
		form.set('certificate', new File([new Uint8Array(3 * LIMIT)], 'groot.pdf'))
		form.set('note', 'na het bestand')
		const read = await readUploadForm(multipart(form), options)
		const file = read.get('certificate') as File
		expect(file.size).toBeGreaterThan(LIMIT)
		expect(file.size).toBeLessThanOrEqual(3 * LIMIT)
		expect(read.get('note')).toBe('na het bestand')
	})

	test('a body far over the limit ends with 413; a file in another field or a NUL byte is a 400; JSON a 415', async () => {
		const huge = new FormData()
		huge.set('certificate', new File([new Uint8Array(5 * LIMIT)], 'enorm.pdf'))
		expect(await statusOf(readUploadForm(multipart(huge), options))).toBe(413)
		const elsewhere = new FormData()
		elsewhere.set('note', new File([new Uint8Array(10)], 'stiekem.pdf'))
		expect(await statusOf(readUploadForm(multipart(elsewhere), options))).toBe(400)
		const nul = new FormData()
		nul.set('intent', 'up\u0000load')
		expect(await statusOf(readUploadForm(multipart(nul), options))).toBe(400)
		expect(await statusOf(readUploadForm(post('{"intent":"upload"}', 'application/json'), options))).toBe(415)
	})

	test('a urlencoded form (without its file) is read as any form', async () => {
		const read = await readUploadForm(post('intent=upload&note=x', 'application/x-www-form-urlencoded'), options)
		expect(read.get('intent')).toBe('upload')
	})
})
