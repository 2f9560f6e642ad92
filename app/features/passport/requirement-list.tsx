import { useTranslation } from 'react-i18next'
import { AdminList, RowActions, RowLink } from '../../components/admin-list.tsx'
import { levelName } from './levels.ts'

type Row = { id: string; tenantId: string | null; jobProfileName: string | null; competencyName: string; introducedOn: string; graceDays: number; minLevel: number | null; levels: string[] }

/**
 * The requirements for job profiles (or everyone) as both requirement pages list them: the unit's
 * (`unitId` set: a source column, and only its own rows can be deactivated) and the concern's.
 * Deactivating asks first, on the page's `?deactiveer=` confirmation.
 */
export function RequirementList({ path, rows, everyone, unitId = null }: { path: string; rows: readonly Row[]; everyone: string; unitId?: string | null }) {
	const { t } = useTranslation()
	const sourced = unitId !== null
	const columns = [t('requirements.jobProfile'), t('requirements.competency'), t('requirements.introducedOn'), t('requirements.graceDays'), ...(sourced ? [t('requirements.source')] : []), t('requirements.actions')]
	return (
		<AdminList
			id="requirement-list-title"
			heading={`${t('requirements.listTitle')} (${t('requirements.count', { count: rows.length })})`}
			columns={columns}
			empty={rows.length === 0}
			emptyText={t('requirements.empty')}
		>
			{rows.map((row) => {
				const own = !sourced || row.tenantId === unitId
				return (
					<tr key={row.id}>
						<th scope="row">{row.jobProfileName ?? everyone}</th>
						<td>{row.minLevel === null ? row.competencyName : t('requirements.atLeastLevel', { competency: row.competencyName, level: levelName(row.levels, row.minLevel) })}</td>
						<td>{row.introducedOn}</td>
						<td>{t('requirements.grace', { count: row.graceDays })}</td>
						{sourced ? <td>{own ? t('requirements.sourceUnit') : t('requirements.sourceConcern')}</td> : null}
						<RowActions>
							{own ? (
								<RowLink to={`${path}?deactiveer=${row.id}#confirm-title`} label={t('requirements.deactivate')} row={`${row.competencyName}, ${row.jobProfileName ?? everyone}`} />
							) : (
								<span className="hint">{t('requirements.readOnly')}</span>
							)}
						</RowActions>
					</tr>
				)
			})}
		</AdminList>
	)
}
