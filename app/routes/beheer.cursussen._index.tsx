import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { COURSE_FORMS } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { CourseStatusBadge } from '../components/course-status-badge.tsx'
import { OWN_COURSE_SORTS, listOwnCoursesPage } from '../features/courses/list-own-courses.server.ts'
import { COURSE_GRID_FILTERS } from '../features/courses/course-grid.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { ownCourses } from '../features/courses/own-courses.ts'
import { DataGrid, GridSearch, GridSelect, type GridColumn } from '../components/data-grid.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDate } from '../utils/format.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { readGridQuery } from '../core/grid-query.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownCourses)
	const { filters, sort, page, query } = readGridQuery(request, { filters: COURSE_GRID_FILTERS, sorts: OWN_COURSE_SORTS, fallback: { id: 'updated', desc: true } })
	const list = valueOrThrow(await listOwnCoursesPage(context, { actor, filters, sort, page }))
	const t = await i18next.getFixedT(request)
	return { ...list, filters, sort, filtered: query !== '', title: `${t('courseAdmin.title', { unit: list.unit })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

export default function OwnCourses() {
	const { rows, total, page, pages, sort, filters, filtered, unit } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const [params] = useSearchParams()
	const columns: GridColumn<Row>[] = [
		{ id: 'title', header: t('courseAdmin.columnTitle'), sortable: true, cell: ({ row }) => (
				<>
					<Link to={`/catalogus/${row.original.id}`}>{row.original.title}</Link>
					<CourseStatusBadge status={row.original.status} />
				</>
			),
		},
		{ id: 'status', header: t('courseAdmin.columnStatus'), sortable: true, cell: ({ row }) => t(`courseAdmin.status_${row.original.status}`) },
		{ id: 'form', header: t('courseAdmin.columnForm'), cell: ({ row }) => t(`courseForm.${row.original.form}`) },
		{ id: 'sessions', header: t('courseAdmin.columnSessions'), sortable: true, accessorFn: (row) => row.sessions },
		{ id: 'updated', header: t('courseAdmin.columnUpdated'), sortable: true, cell: ({ row }) => formatDate(new Date(row.original.updatedAt), i18n.language) },
		{
			id: 'edit',
			header: t('courseAdmin.edit'),
			headerHidden: true,
			cell: ({ row }) => (
				<Link to={`/beheer/cursussen/${row.original.id}`} aria-label={`${t('courseAdmin.edit')}: ${row.original.title}`}>
					{t('courseAdmin.edit')}
				</Link>
			),
		},
	]
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
			<DataGrid
				name="cursussen"
				caption={t('courseAdmin.caption')}
				columns={columns}
				rows={rows}
				getRowId={(row) => row.id}
				sort={sort}
				page={page}
				pages={pages}
				count={t('courseAdmin.count', { count: total })}
				empty={total > 0 ? t('courseAdmin.emptyPage') : filtered ? t('courseAdmin.emptyFiltered') : t('courseAdmin.empty')}
				filters={
					<>
						<GridSearch label={t('courseAdmin.search')} value={filters.q} />
						<GridSelect
							name="status"
							label={t('courseAdmin.columnStatus')}
							value={filters.status}
							anyLabel={t('courseAdmin.statusAny')}
							options={(['draft', 'published', 'archived'] as const).map((status) => ({ value: status, label: t(`courseAdmin.status_${status}`) }))}
						/>
						<GridSelect name="vorm" label={t('courseAdmin.columnForm')} value={filters.vorm} anyLabel={t('courseAdmin.formAny')} options={COURSE_FORMS.map((form) => ({ value: form, label: t(`courseForm.${form}`) }))} />
					</>
				}
			/>
		</div>
	)
}
