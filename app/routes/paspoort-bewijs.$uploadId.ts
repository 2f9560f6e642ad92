import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { openCertificate } from '../features/passport/open-certificate.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The file of an uploaded certificate, for the employee who sent it, their manager and their
 * unit's coordinators (the service decides per upload; anyone else gets a 404). Always a
 * download, never shown inline, under the type its bytes were recognised as.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const uploadId = params.uploadId ?? ''
	invariantResponse(UUID.test(uploadId), 404, 'UPLOAD_NOT_FOUND')
	const file = valueOrThrow(await openCertificate(context, { actor, uploadId }))
	// The name as the employee gave it, but only safe characters in the plain form; the full name encoded.
	const plain = file.fileName.replace(/[^A-Za-z0-9._ -]/g, '_')
	return new Response(Buffer.from(file.content), {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'Content-Length': String(file.content.byteLength),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
