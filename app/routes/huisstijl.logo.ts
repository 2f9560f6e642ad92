import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { openOwnLogo } from '../features/branding/open-own-branding.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'

/**
 * The signed-in person's own unit's logo (ADR 052), shown in the header; `?v=` names its version
 * so a change is fetched at once. Its type is what its bytes were recognised as; an SVG, cleaned
 * when it was stored, is also held here by a policy that lets it load or run nothing, and no
 * browser may guess another type. The URL names no unit: nobody can ask for another unit's logo.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const logo = valueOrThrow(await openOwnLogo(context, { actor }))
	const etag = `"${logo.version}"`
	// X-Content-Type-Options: nosniff comes with every answer (helmet, server/security.ts); a second would repeat it.
	const headers = {
		'Content-Type': logo.type,
		'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
		ETag: etag,
		'Last-Modified': logo.updatedAt.toUTCString(),
	}
	if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers })
	return new Response(Buffer.from(logo.bytes), { headers: { ...headers, 'Content-Length': String(logo.bytes.byteLength) } })
}
