import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { OWN_COURSE_SORTS, type OwnCourseSort } from '../features/courses/list-own-courses.server.ts'
import { parsePage } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { DataTable, type DataColumn } from '../components/data-table.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { listOwnCoursesPage } from '../features/courses/list-own-courses.server.ts'
import { formatDate } from '../utils/format.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownCourses)
	const params = new URL(request.url).searchParams
	const page = parsePage(params.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const sort = params.get('sorteer') ?? 'updated'
	invariantResponse((OWN_COURSE_SORTS as readonly string[]).includes(sort), 400, 'SORT_UNKNOWN')
	const direction = params.get('richting') === 'op' ? 'asc' : params.get('richting') === 'af' ? 'desc' : sort === 'title' ? 'asc' : 'desc'
	const list = valueOrThrow(await listOwnCoursesPage(context, { actor, sort: sort as OwnCourseSort, direction, page: page.value }))
	const t = await i18next.getFixedT(request)
	return { ...list, sort, direction, title: `${t('courseAdmin.title', { unit: list.unit })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

export default function OwnCourses() {
	const { rows, total, page, pages, sort, direction, unit } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const [params] = useSearchParams()
	const columns: DataColumn<Row>[] = [
		{ id: 'title', header: t('courseAdmin.columnTitle'), accessorFn: (row) => row.title, cell: ({ row }) => <Link to={`/catalogus/${row.original.id}`}>{row.original.title}</Link> },
		{ id: 'status', header: t('courseAdmin.columnStatus'), accessorFn: (row) => row.status, cell: ({ row }) => t(`courseAdmin.status_${row.original.status}`) },
		{ id: 'form', header: t('courseAdmin.columnForm'), enableSorting: false, accessorFn: (row) => row.form, cell: ({ row }) => t(`courseForm.${row.original.form}`) },
		{ id: 'sessions', header: t('courseAdmin.columnSessions'), accessorFn: (row) => row.sessions },
		{ id: 'updated', header: t('courseAdmin.columnUpdated'), accessorFn: (row) => row.updatedAt, cell: ({ row }) => formatDate(new Date(row.original.updatedAt), i18n.language) },
		{
			id: 'edit',
			header: t('courseAdmin.edit'),
			headerHidden: true,
			enableSorting: false,
			cell: ({ row }) => (
				<Link to={`/beheer/cursussen/${row.original.id}`} aria-label={`${t('courseAdmin.edit')}: ${row.original.title}`}>
					{t('courseAdmin.edit')}
				</Link>
			),
		},
	]
	// Sorting is a link per column header in this route's own parameters (?sorteer=…&richting=op|af): it works without JavaScript.
	const sortHref = (id: string, desc: boolean) => `?${new URLSearchParams({ sorteer: id, richting: desc ? 'af' : 'op' })}`
	return (
		<div className="container page">
			<h1>{t('courseAdmin.title', { unit })}</h1>
			<p className="lead">{t('courseAdmin.intro')}</p>
			{params.get('opgeslagen') ? (
				<p className="notice" role="status">
					{t('courseAdmin.saved')}
				</p>
			) : null}
			<p>
				<Link className="button" to="/beheer/cursussen/nieuw">
					{t('courseAdmin.newCourse')}
				</Link>
			</p>
			<p className="result-count" role="status">
				{t('courseAdmin.count', { count: total })}
			</p>
			<DataTable
				name="cursussen"
				caption={t('courseAdmin.caption')}
				columns={columns}
				rows={rows}
				empty={total === 0 ? t('courseAdmin.empty') : t('courseAdmin.emptyPage')}
				server={{ sort: { id: sort, desc: direction === 'desc' }, sortHref, page, pages }}
			/>
		</div>
	)
}
