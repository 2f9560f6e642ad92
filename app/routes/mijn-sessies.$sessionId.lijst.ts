import type { LoaderFunctionArgs } from '@remix-run/node'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { parseListQuery, renderList } from '../features/sessions/session-list-files.server.ts'
import { showSessionLists } from '../features/sessions/show-session-lists.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { fileResponse } from '../core/table-files.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

/** A trainer's participant and attendance list (XLSX, CSV) or a meeting's attendance sheet (PDF). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const sessionId = idParam(params, 'sessionId', 'SESSION_NOT_FOUND')
	const query = parseListQuery(new URL(request.url))
	invariantResponse(query, 400, 'LIST_FORMAT_UNKNOWN')
	const lists = valueOrThrow(await showSessionLists(context, { actor, sessionId, ...(query.format === 'pdf' ? { meetingId: query.meetingId } : {}) }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const file = await renderList(lists, query.format, t, language)
	return fileResponse(file.body, file.contentType, file.fileName)
}
