import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * Previous/next paging that keeps the rest of the query string; the page lives in `?pagina=`, or
 * in `param` when a page pages two lists (each with its own `label`, and an `anchor` to return to).
 */
export function Pagination({ page, pages, param = 'pagina', label, anchor }: { page: number; pages: number; param?: string; label?: string; anchor?: string }) {
	const { t } = useTranslation()
	const location = useLocation()
	if (pages <= 1) return null
	const hrefFor = (target: number) => {
		const params = new URLSearchParams(location.search)
		if (target === 1) params.delete(param)
		else params.set(param, String(target))
		const query = params.toString()
		return `${query ? `${location.pathname}?${query}` : location.pathname}${anchor ? `#${anchor}` : ''}`
	}
	const around = [page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages)
	return (
		<nav className="pagination" aria-label={label ?? t('pagination.label')}>
			<p className="pagination__status">{t('pagination.status', { page, pages })}</p>
			<ul>
				{page > 1 ? (
					<li>
						<Link to={hrefFor(page - 1)} rel="prev">
							{t('pagination.previous')}
						</Link>
					</li>
				) : null}
				{around.map((p) => (
					<li key={p}>
						{p === page ? (
							<span aria-current="page" aria-label={t('pagination.page', { page: p })}>
								{p}
							</span>
						) : (
							<Link to={hrefFor(p)} aria-label={t('pagination.page', { page: p })}>
								{p}
							</Link>
						)}
					</li>
				))}
				{page < pages ? (
					<li>
						<Link to={hrefFor(page + 1)} rel="next">
							{t('pagination.next')}
						</Link>
					</li>
				) : null}
			</ul>
		</nav>
	)
}
