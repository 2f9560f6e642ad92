import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { parsePage } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { getSignedIn } from '../auth/guards.server.ts'
import { CourseFacts } from '../components/course-facts.tsx'
import { Pagination } from '../components/pagination.tsx'
import { i18next } from '../i18n/i18next.server.ts'
import { listCataloguePage } from '../services/list-catalogue.server.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
	const page = parsePage(new URL(request.url).searchParams.get('pagina'))
	invariantResponse(page.ok, 400, page.ok ? 'PAGE_NOT_A_NUMBER' : page.code)
	const t = await i18next.getFixedT(request)
	const signedIn = await getSignedIn(request, context)
	const catalogue = await listCataloguePage(context, { viewerTenantId: signedIn?.person.tenantId ?? null, page: page.value })
	return { ...catalogue, title: `${t('catalogue.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function Catalogue() {
	const { entries, total, page, pages } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('catalogue.title')}</h1>
			<p className="lead">{t('catalogue.intro')}</p>
			<p className="result-count" role="status">
				{t('catalogue.count', { count: total })}
			</p>
			{entries.length === 0 ? (
				<div className="empty-state">
					<p>{total === 0 ? t('catalogue.empty') : t('catalogue.emptyPage')}</p>
					{total > 0 ? <Link to="/catalogus">{t('catalogue.firstPage')}</Link> : null}
				</div>
			) : (
				<ul className="course-list">
					{entries.map((course) => (
						<li key={course.id} className="course-card">
							<h2 className="course-card__title">
								<Link to={`/catalogus/${course.id}`}>{course.title}</Link>
							</h2>
							<p className="course-card__summary">{course.summary}</p>
							<CourseFacts course={course} />
						</li>
					))}
				</ul>
			)}
			<Pagination page={page} pages={pages} />
		</div>
	)
}
