import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { adminTaskGroups } from '../features/administration/tasks.ts'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import type { loader as rootLoader } from '../root.tsx'

/**
 * The administration page: every task the signed-in person may do, grouped by subject. It holds
 * nothing of its own: the tasks follow from the permissions the root loader already worked out,
 * and each task's own route checks them again.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requirePermission(request, context, 'read', ownData)
	const t = await i18next.getFixedT(request)
	return { title: `${t('administration.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function Administration() {
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const { t } = useTranslation()
	const groups = adminTaskGroups(root?.person ?? null, t)
	return (
		<div className="container page">
			<h1>{t('administration.title')}</h1>
			<p className="lead">{t('administration.intro')}</p>
			{groups.length === 0 ? <p className="empty-state">{t('administration.empty')}</p> : null}
			<div className="admin-groups">
				{groups.map((group) => (
					<section key={group.id} className="admin-group" aria-labelledby={`taken-${group.id}`}>
						<h2 id={`taken-${group.id}`}>{group.heading}</h2>
						<ul className="admin-tasks">
							{group.tasks.map((task) => (
								<li key={task.to}>
									<Link to={task.to}>{task.label}</Link>
									<p>{task.description}</p>
								</li>
							))}
						</ul>
					</section>
				))}
			</div>
		</div>
	)
}
