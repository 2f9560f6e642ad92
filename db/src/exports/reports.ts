// @leerplein/db/reports — reports (ADR 043): a unit's participation per month and per course, and its budget, counted by the database inside the unit's context.
export { countReportBudget, countReportParticipation, listReportCourses } from '../queries/reports.ts'
export type { ReportBudgetCounts, ReportParticipationRow, ReportScope } from '../queries/reports.ts'
