import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueOrThrow } from '../core/http.server.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { personalDataArchive } from '../features/privacy/personal-data-archive.server.tsx'
import { exportOwnData } from '../features/privacy/export-own-data.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'

/** Everything Leerplein holds about the signed-in person, as a ZIP (issue 22, item 1; ADR 053). */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const data = valueOrThrow(await exportOwnData(context, { actor }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const now = context.clock.now()
	const name = String(data.users?.find((user) => user.id === actor.userId)?.name ?? '')
	const archive = personalDataArchive(data, { name, date: formatDate(now, language), contact: context.config.privacyOfficerEmail, language, t })
	return new Response(Buffer.from(archive), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Disposition': `attachment; filename="mijn-gegevens-${now.toISOString().slice(0, 10)}.zip"`,
			// A person's whole record: never kept by a shared cache or the browser's.
			'Cache-Control': 'no-store',
		},
	})
}
