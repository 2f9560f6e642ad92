import { amsterdamDate, addDays } from '@leerplein/domain'
import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { passportEvidence } from '../schema/passport.ts'
import { passportUploads } from '../schema/passport-uploads.ts'
import { PERSONA_DETAILS } from './content/personas.ts'

/** Certificates per unit, by rank: the first three pending, two approved, one rejected. */
const PER_UNIT = 6
const statusOf = (rank: number) => (rank <= 3 ? 'pending' : rank <= 5 ? 'approved' : 'rejected') as 'pending' | 'approved' | 'rejected'

/**
 * Certificates employees sent in (issue 15, uploads), so the review page (/paspoorten/bewijs) and
 * the passports show them in the demo: in every unit six people with a manager send one in — three
 * await review, two were approved by their manager (with their `upload` evidence), one was rejected
 * with a reason. The demo personas send none (the end-to-end tests start from their empty list),
 * but the people the managers among them manage come first, so their review page is not empty.
 * Small files made here: a one-page PDF and a 1×1 PNG. Deterministic: ids hash the person.
 */
export async function writePassportUploads(db: Database, { now }: { now: Date }): Promise<number> {
	const today = amsterdamDate(now)
	const personaEmails = `{${PERSONA_DETAILS.map((persona) => `"${persona.email}"`).join(',')}}`
	const people = await selectRows<{ upload_id: string; evidence_id: string; tenant_id: string; user_id: string; manager_id: string; competency_id: string; competency_name: string; level_count: number; rank: number }>(
		db,
		sql`select md5('upload:' || p.user_id)::uuid as upload_id, md5('upload-evidence:' || p.user_id)::uuid as evidence_id,
				p.tenant_id, p.user_id, p.manager_id, k.id as competency_id, k.name as competency_name, k.level_count, p.rank::int
			from (
				select u.id as user_id, u.tenant_id, m.id as manager_id,
					row_number() over (partition by u.tenant_id order by (m.email = any(${personaEmails}::text[])) desc, md5(u.id::text)) as rank
				from users u join users m on m.id = u.manager_id and m.tenant_id = u.tenant_id and m.active
				where u.active and u.email <> all(${personaEmails}::text[])
			) p
			cross join lateral (select c.id, c.name, cardinality(c.levels)::int as level_count from competencies c where c.active order by md5(p.user_id::text || c.id::text) limit 1) k
			where p.rank <= ${PER_UNIT}`,
	)
	if (people.length === 0) return 0
	const pdf = onePagePdf('Certificaat (demo)')
	const rows = people.map((person) => {
		const status = statusOf(person.rank)
		const obtainedOn = addDays(today, -(14 + person.rank * 23))
		// On a competency with levels the certificate states one, by rank.
		const level = person.level_count > 0 ? 1 + (person.rank % person.level_count) : null
		const png = person.rank % 2 === 0
		const content = png ? ONE_PIXEL_PNG : pdf
		return {
			person,
			status,
			obtainedOn,
			level,
			upload: {
				id: person.upload_id,
				tenantId: person.tenant_id,
				userId: person.user_id,
				competencyId: person.competency_id,
				obtainedOn,
				level,
				note: status === 'rejected' ? '' : `Behaald bij een externe opleider`,
				fileName: `${person.competency_name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.${png ? 'png' : 'pdf'}`,
				contentType: png ? 'image/png' : 'application/pdf',
				byteSize: content.byteLength,
				content,
				status,
				decidedBy: status === 'pending' ? null : person.manager_id,
				decidedAt: status === 'pending' ? null : new Date(now.getTime() - (person.rank - 3) * 86_400_000),
				reason: status === 'rejected' ? 'Op het certificaat staat een andere naam. Stuur het juiste certificaat in.' : null,
				evidenceId: status === 'approved' ? person.evidence_id : null,
				createdAt: new Date(now.getTime() - person.rank * 86_400_000),
			},
		}
	})
	const approved = rows.filter((row) => row.status === 'approved')
	if (approved.length > 0) {
		await db.insert(passportEvidence).values(
			approved.map(({ person, obtainedOn, level, upload }) => ({
				id: person.evidence_id,
				tenantId: person.tenant_id,
				userId: person.user_id,
				competencyId: person.competency_id,
				sourceKind: 'upload' as const,
				sourceRef: person.upload_id,
				// Noon UTC is the same day in Amsterdam.
				occurredAt: new Date(`${obtainedOn}T12:00:00Z`),
				occurredOn: obtainedOn,
				level,
				recordedAt: upload.decidedAt!,
				recordedBy: person.manager_id,
			})),
		)
	}
	await db.insert(passportUploads).values(rows.map((row) => row.upload))
	return rows.length
}

/** A valid one-page PDF with one line of text: its cross-reference table counts the bytes. */
function onePagePdf(text: string): Uint8Array {
	const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	]
	let body = '%PDF-1.4\n'
	const offsets: number[] = []
	objects.forEach((object, index) => {
		offsets.push(body.length)
		body += `${index + 1} 0 obj\n${object}\nendobj\n`
	})
	const xref = body.length
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
	return new TextEncoder().encode(body)
}

/** A 1×1 grey PNG: signature, IHDR, one IDAT row, IEND, each chunk with its CRC. */
const ONE_PIXEL_PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
	0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0xdd, 0x43, 0x6a, 0xf4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
	0x42, 0x60, 0x82,
])
