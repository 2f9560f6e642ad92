import type { UnitSessionFilter } from '@leerplein/db/enrolment'
import { amsterdamWallClock } from '@leerplein/domain'
import { endOfDay, gridField, startOfDay } from '../../core/grid-query.server.ts'

// The unit's sessions grid's filters as the query string names them (issue 14), and what they mean to the database.

export const SESSION_GRID_FILTERS = {
	/** Words in the course title, the place or a trainer's name. */
	q: gridField.text,
	stand: gridField.choice(['planned', 'cancelled']),
	trainer: gridField.id,
	/** The period: sessions that touch these days. */
	van: gridField.day,
	tot: gridField.day,
}

export type SessionGridFilters = { q?: string; stand?: 'planned' | 'cancelled'; trainer?: string; van?: string; tot?: string }

const WEEK_MS = 7 * 86_400_000

/** Without a period asked for, the list starts a week ago: attendance is registered afterwards. */
export function defaultSessionsFrom(now: Date): string {
	return amsterdamWallClock(new Date(now.getTime() - WEEK_MS)).date
}

export function unitSessionFilter(filters: SessionGridFilters): UnitSessionFilter {
	return {
		search: filters.q,
		status: filters.stand,
		trainerId: filters.trainer,
		endsFrom: filters.van ? startOfDay(filters.van) : undefined,
		startsBefore: filters.tot ? endOfDay(filters.tot) : undefined,
	}
}

export { UNIT_SESSION_SORTS } from '@leerplein/db/enrolment'
