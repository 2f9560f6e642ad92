import { parseWithZod } from '@conform-to/zod/v4'
import { data, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import { z } from 'zod'
import { statusOf, type ErrorBody } from './http.server.ts'
import type { Failure } from './service.server.ts'

// The one way an action reads a form (ADR 021). `request.formData()` appears nowhere else: a wrong
// or missing content type is a 415, a body that does not parse or text with control characters a
// 400, and an unknown intent a 400 — never a 500, and before anything is changed.

const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

// C0 controls and DEL. Tab and line breaks are allowed only in fields the form declares multi-line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS_SINGLE_LINE = /[\u0000-\u001F\u007F]/

function refused(status: 400 | 415, messageKey: ErrorBody['messageKey']): never {
	throw data<ErrorBody>({ messageKey }, { status })
}

/** True when a text holds a character that never belongs in it (NUL, escape, …; line breaks only if multi-line). */
export function hasControlCharacters(text: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
	return (multiline ? CONTROL_CHARACTERS : CONTROL_CHARACTERS_SINGLE_LINE).test(text)
}

/** True when any string in a JSON value (a key or a value, however deep) holds a control character other than a line break or tab. */
export function holdsControlCharacters(value: unknown): boolean {
	// A stack instead of recursion: a deeply nested body must not overflow the call stack.
	const pending: unknown[] = [value]
	while (pending.length > 0) {
		const next = pending.pop()
		if (typeof next === 'string') {
			if (hasControlCharacters(next, { multiline: true })) return true
		} else if (Array.isArray(next)) {
			for (const inner of next) pending.push(inner)
		} else if (next !== null && typeof next === 'object') {
			for (const [key, inner] of Object.entries(next)) {
				if (hasControlCharacters(key)) return true
				pending.push(inner)
			}
		}
	}
	return false
}

export type ReadFormOptions = {
	/** Fields whose text may hold line breaks (a description, a reason). */
	multiline?: readonly string[]
}

/** Reads a posted form, or throws 415/400 (see above). */
export async function readForm(request: Request, { multiline = [] }: ReadFormOptions = {}): Promise<FormData> {
	const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
	if (!FORM_CONTENT_TYPES.includes(contentType)) refused(415, 'FORM_CONTENT_TYPE')
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		refused(400, 'FORM_CONTENT_TYPE')
	}
	for (const [name, value] of form.entries()) {
		if (hasControlCharacters(name) || (typeof value === 'string' && hasControlCharacters(value, { multiline: multiline.includes(name) }))) {
			refused(400, 'FORM_CONTROL_CHARACTERS')
		}
	}
	return form
}

/** A text field of a form with a file: far more than any field needs, far less than a file. */
const TEXT_PART_BYTES = 64 * 1024

export type ReadUploadFormOptions = ReadFormOptions & {
	/** The one field that may hold a file. */
	file: string
	/** The largest file the form accepts; a larger one arrives cut short, one chunk past the limit, for the schema to refuse beside the field. */
	maxFileBytes: number
	/** What a body far past the limit (413) is refused with; by default a certificate's message. */
	tooLarge?: ErrorBody['messageKey']
}

/**
 * Reads a posted form with a file (multipart/form-data, or a urlencoded form without it; else 415), keeping at most a little
 * more than `maxFileBytes` of the file in memory: a file too large still arrives as a File whose
 * size exceeds the limit, so the form can say so beside its field and keep the other values. A
 * body four times the limit is cut off with 413; a file in any other field, or a text field
 * beyond 64 KB, is a 400. Text fields are checked for control characters as in `readForm`.
 */
export async function readUploadForm(request: Request, { file, maxFileBytes, multiline = [], tooLarge = 'CERTIFICATE_TOO_LARGE' }: ReadUploadFormOptions): Promise<FormData> {
	const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
	// A form without its file (a script, a browser without the file chosen) is read as any form; the schema then asks for the file.
	if (contentType === 'application/x-www-form-urlencoded') return readForm(request, { multiline })
	if (contentType !== 'multipart/form-data') refused(415, 'FORM_CONTENT_TYPE')
	const handler: UploadHandler = async ({ name, filename, contentType: partType, data: chunks }) => {
		const isFile = typeof filename === 'string'
		if (isFile && name !== file) refused(400, 'FORM_CONTENT_TYPE')
		const keep = isFile ? maxFileBytes : TEXT_PART_BYTES
		const kept: Uint8Array[] = []
		let size = 0
		for await (const chunk of chunks) {
			// Past the limit the rest is read and dropped, so the other fields still arrive; far past it, the request ends.
			if (size <= keep) kept.push(chunk)
			size += chunk.byteLength
			if (!isFile && size > keep) refused(400, 'FORM_CONTENT_TYPE')
			if (size > 4 * keep) throw data<ErrorBody>({ messageKey: tooLarge }, { status: 413 })
		}
		if (isFile) return new File(kept as BlobPart[], filename, { type: partType })
		return new TextDecoder().decode(Buffer.concat(kept))
	}
	let form: FormData
	try {
		form = await unstable_parseMultipartFormData(request, handler)
	} catch (error) {
		if (error instanceof Response || (error !== null && typeof error === 'object' && 'type' in error && (error as { type: unknown }).type === 'DataWithResponseInit')) throw error
		refused(400, 'FORM_CONTENT_TYPE')
	}
	for (const [name, value] of form.entries()) {
		if (hasControlCharacters(name) || (typeof value === 'string' && hasControlCharacters(value, { multiline: multiline.includes(name) }))) {
			refused(400, 'FORM_CONTROL_CHARACTERS')
		}
	}
	return form
}

/** The form's `intent` when it is one this action knows; any other value (or none) is a 400. */
export function requireIntent<const Intent extends string>(form: FormData, intents: readonly Intent[]): Intent {
	const intent = form.get('intent')
	if (typeof intent !== 'string' || !(intents as readonly string[]).includes(intent)) refused(400, 'FORM_INTENT_UNKNOWN')
	return intent as Intent
}

/**
 * Parses a form with its zod schema, the same schema the page validates with in the browser
 * (Conform). Messages of the schema are error codes (`{ error: 'CAPACITY_INVALID' }`), which
 * `Field` translates. On failure return `data(submission.reply(), { status: 400 })`.
 */
export function parseForm<Schema extends z.ZodType>(form: FormData, schema: Schema) {
	return parseWithZod(form, { schema })
}

type Submission = ReturnType<typeof parseForm>

/** What a refused form sends back besides its errors: `hideFields` are never echoed into the page (a token, a password). */
export type ReplyOptions = { hideFields?: string[] }

/**
 * A form sent back as it was typed, unjudged: a button inside it that asks for something else
 * first (without JavaScript, a search for one of its fields) must not lose the other fields.
 */
export function keptForm(form: FormData) {
	return parseWithZod(form, { schema: anything }).reply()
}

const anything = z.unknown()

/** A form the schema refused: its errors per field, for the page's `useForm({ lastResult })`, with 400. */
export function invalidForm(submission: Submission, { hideFields }: ReplyOptions = {}) {
	return data(submission.reply({ hideFields }), { status: 400 })
}

/**
 * A form the service refused: the failure's code beside its field (or above the form), in
 * Conform's reply, with the failure's status. Nothing was saved, and the fields keep their values.
 */
export function refusedForm(submission: Submission, failure: Failure, { hideFields }: ReplyOptions = {}) {
	// A refusal that names something (which room, which session) carries its values as a second
	// entry, JSON, which `useErrorText` puts into the message.
	const messages = failure.values ? [failure.code, JSON.stringify(failure.values)] : [failure.code]
	const errors = failure.field ? { fieldErrors: { [failure.field]: messages } } : { formErrors: messages }
	return data(submission.reply({ ...errors, hideFields }), { status: statusOf(failure.kind) })
}

/**
 * A form of several rows that the service saved row by row: the rows it refused get their code
 * beside their field, the status is the first refusal's (200 when none), and `report` (what was
 * saved, who was refused) goes along for the page to say so. The saved rows stay saved.
 */
export function partlySavedForm<Report>(submission: Submission, refused: readonly Pick<Failure, 'kind' | 'code' | 'field'>[], report: Report) {
	const fieldErrors = Object.fromEntries(refused.flatMap((row) => (row.field ? [[row.field, [row.code]]] : [])))
	const first = refused[0]
	return data({ result: submission.reply(first ? { fieldErrors } : {}), report }, { status: first ? statusOf(first.kind) : 200 })
}
