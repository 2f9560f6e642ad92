import type { CourseStatus } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'

/**
 * "Concept" (or "Gearchiveerd") beside a course that employees do not see, wherever its unit's
 * coordinators meet it: the course grid, the course's admin page and its sub-pages (competencies,
 * online parts), its page in the catalogue.
 * A published course needs no badge. Placed right after the title, without a space of its own.
 */
export function CourseStatusBadge({ status }: { status: CourseStatus }) {
	const { t } = useTranslation()
	if (status === 'published') return null
	// The space belongs to the badge: a published course's title keeps no trailing space.
	return (
		<>
			{' '}
			<span className={`badge badge--${status}`}>{t(`courseAdmin.status_${status}`)}</span>
		</>
	)
}
