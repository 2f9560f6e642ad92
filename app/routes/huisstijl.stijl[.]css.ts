import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { ownBrandingStyleSheet } from '../features/branding/open-own-branding.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'

/**
 * The signed-in person's own unit's design tokens as a style sheet (ADR 052), linked from every
 * page after app.css: the site's Content-Security-Policy allows style sheets from the portal
 * and no inline style. Empty for a unit with the concern look. The URL names no unit.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const sheet = valueOrThrow(await ownBrandingStyleSheet(context, { actor }))
	const etag = `"${sheet.version ?? 'concern'}"`
	// X-Content-Type-Options: nosniff comes with every answer (helmet, server/security.ts).
	const headers = { 'Content-Type': 'text/css; charset=utf-8', ETag: etag }
	if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers })
	return new Response(sheet.css, { headers })
}
