import { createHash } from 'node:crypto'
import type { Attachment } from './statements.server.ts'
import { xapiRefuse, type XapiResult } from './protocol.server.ts'

// Statements with attachments travel as multipart/mixed (xAPI 2.1.11): the statements as JSON in
// the first part, each attachment's content in a part of its own, named by its SHA-2 hash.

export type StatementsWithAttachments = { statements: unknown; attachments: Attachment[] }

const CRLF = Buffer.from('\r\n')

export function readMultipartStatements(body: Buffer, contentType: string): XapiResult<StatementsWithAttachments> {
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
	if (!boundary) return xapiRefuse(400, 'multipart/mixed needs a boundary')
	const delimiter = Buffer.from(`--${boundary}`)
	const parts: { headers: Map<string, string>; content: Buffer }[] = []
	let position = body.indexOf(delimiter)
	if (position < 0) return xapiRefuse(400, 'no part found in the multipart body')
	for (;;) {
		position += delimiter.length
		if (body.subarray(position, position + 2).toString() === '--') break
		if (!body.subarray(position, position + 2).equals(CRLF)) return xapiRefuse(400, 'a multipart boundary must end its line')
		position += 2
		const headerEnd = body.indexOf('\r\n\r\n', position)
		if (headerEnd < 0) return xapiRefuse(400, 'a part has no headers')
		const headers = new Map<string, string>()
		for (const line of body.subarray(position, headerEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':')
			if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
		}
		const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4)
		if (next < 0) return xapiRefuse(400, 'a part is not closed by the boundary')
		parts.push({ headers, content: body.subarray(headerEnd + 4, next) })
		position = next + 2
	}
	const [first, ...rest] = parts
	if (!first || !(first.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return xapiRefuse(400, 'the first part must be the statements as application/json')
	let statements: unknown
	try {
		statements = JSON.parse(first.content.toString('utf8'))
	} catch {
		return xapiRefuse(400, 'the first part is not JSON')
	}
	const attachments: Attachment[] = []
	for (const part of rest) {
		const sha2 = part.headers.get('x-experience-api-hash')
		if (!sha2) return xapiRefuse(400, 'each attachment part needs X-Experience-API-Hash')
		if ((part.headers.get('content-transfer-encoding') ?? '').toLowerCase() !== 'binary') return xapiRefuse(400, 'each attachment part needs Content-Transfer-Encoding: binary')
		if (createHash('sha256').update(part.content).digest('hex') !== sha2.toLowerCase()) return xapiRefuse(400, `attachment ${sha2} does not match its hash`)
		attachments.push({ sha2: sha2.toLowerCase(), contentType: part.headers.get('content-type') ?? 'application/octet-stream', content: new Uint8Array(part.content) })
	}
	return { ok: true, value: { statements, attachments } }
}

/** The answer with attachments: the JSON first, then each attachment (once per hash). */
export function writeMultipart(json: unknown, attachments: { sha2: string; contentType: string; base64: string }[]): { body: Buffer; contentType: string } {
	const boundary = `xapi-${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 24)}`
	const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`)]
	const seen = new Set<string>()
	for (const attachment of attachments) {
		if (seen.has(attachment.sha2)) continue
		seen.add(attachment.sha2)
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${attachment.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${attachment.sha2}\r\n\r\n`))
		chunks.push(Buffer.from(attachment.base64, 'base64'), CRLF)
	}
	chunks.push(Buffer.from(`--${boundary}--`))
	return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` }
}
