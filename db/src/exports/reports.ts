// @leerplein/db/reports — reports (ADR 043): a unit's participation per month and per course, and its budget, counted by the database inside the unit's context; the concern's per providing unit.
export { countConcernParticipation, countReportBudget, countReportParticipation, listReportCourses, listReportUnits } from '../queries/reports.ts'
export type { ReportBudgetCounts, ReportParticipationRow, ReportScope, UnitParticipationRow } from '../queries/reports.ts'
