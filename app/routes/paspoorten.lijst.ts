import type { LoaderFunctionArgs } from '@remix-run/node'
import { amsterdamDate } from '@leerplein/domain'
import { readGridQuery } from '../core/grid-query.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { fileResponse } from '../core/table-files.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { matrixFileFormat, renderMatrixFile } from '../features/passport/matrix-file.server.ts'
import { askedMatrix, chooseMatrixScope, MATRIX_FILTERS, MATRIX_SORTS, showPassportMatrix } from '../features/passport/passport-matrix.server.ts'
import { i18next } from '../i18n/i18next.server.ts'

/** The passport matrix as XLSX or CSV: every person matching the page's filters, in its order. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', askedMatrix(new URL(request.url)))
	const format = matrixFileFormat(new URL(request.url))
	invariantResponse(format, 400, 'LIST_FORMAT_UNKNOWN')
	const grid = readGridQuery(request, { filters: MATRIX_FILTERS, sorts: MATRIX_SORTS, fallback: { id: 'urgency', desc: false } })
	const scope = chooseMatrixScope(actor, grid.filters.wie)!
	const matrix = valueOrThrow(await showPassportMatrix(context, { actor, scope, filters: grid.filters, sort: grid.sort, page: null }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const file = await renderMatrixFile(matrix, format, t, language, amsterdamDate(context.clock.now()))
	return fileResponse(file.body, file.contentType, file.fileName)
}
