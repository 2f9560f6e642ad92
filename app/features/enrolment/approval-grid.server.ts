import type { ApprovalFilter } from '@leerplein/db/enrolment'
import { endOfDay, gridField, startOfDay } from '../../core/grid-query.server.ts'

// The approvals inbox's filters as the query string names them (issue 14), and what they mean to the database.

export const APPROVAL_GRID_FILTERS = {
	/** Words in the employee's name or the course title. */
	q: gridField.text,
	/** The step the request waits at. */
	stap: gridField.choice(['manager', 'coordinator']),
	opleiding: gridField.id,
	/** Sessions starting from and up to and including these days. */
	van: gridField.day,
	tot: gridField.day,
	/** Requests waiting at least this many days. */
	wacht: gridField.days,
}

export type ApprovalGridFilters = { q?: string; stap?: 'manager' | 'coordinator'; opleiding?: string; van?: string; tot?: string; wacht?: number }

const DAY_MS = 86_400_000

export function approvalFilter(filters: ApprovalGridFilters, now: Date): ApprovalFilter {
	return {
		search: filters.q,
		step: filters.stap,
		courseId: filters.opleiding,
		startsFrom: filters.van ? startOfDay(filters.van) : undefined,
		startsBefore: filters.tot ? endOfDay(filters.tot) : undefined,
		requestedBefore: filters.wacht ? new Date(now.getTime() - filters.wacht * DAY_MS) : undefined,
	}
}

/** Whole days a request has waited. */
export function daysWaiting(requestedAt: Date, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - requestedAt.getTime()) / DAY_MS))
}

export { APPROVAL_SORTS } from '@leerplein/db/enrolment'
