import type { CourseStatus } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'

/**
 * "Concept" (or "Gearchiveerd") beside a course that employees do not see, wherever its unit's
 * coordinators meet it: the course grid, the course's admin page, its page in the catalogue.
 * A published course needs no badge.
 */
export function CourseStatusBadge({ status }: { status: CourseStatus }) {
	const { t } = useTranslation()
	if (status === 'published') return null
	return <span className={`badge badge--${status}`}>{t(`courseAdmin.status_${status}`)}</span>
}
