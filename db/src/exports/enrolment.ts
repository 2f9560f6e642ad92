// @leerplein/db/enrolment — enrolments, seats, waitlists, budgets and the sessions a unit runs.
export {
	allocateSeats,
	commitBudget,
	committedBudget,
	findActiveEnrolment,
	getEmployeeForEnrolment,
	getEnrolmentForAction,
	getEnrolmentForMail,
	getEnrolmentStatus,
	getMailRecipient,
	getSessionForEnrolment,
	insertEnrolment,
	listAwaitingApproval,
	listEnrolmentsStartingBetween,
	listMyEnrolments,
	listOtherSessions,
	listProvidedSessions,
	listSessionEnrolments,
	listSessionsBelowMinimum,
	listUnitCoordinators,
	lockEmployeeBudget,
	lockSessionForEnrolment,
	markSessionCancelled,
	moveEnrolmentToSession,
	nextQueueNumber,
	promoteWaitlist,
	releaseBudget,
	setSessionCapacity,
	updateEnrolment,
} from '../queries/enrolments.ts'
export type { AllocatedSeat, EnrolmentForAction, NewEnrolment, SessionForEnrolment, SessionLock } from '../queries/enrolments.ts'
// The approvals inbox and the unit's sessions as server-side grids (issue 14).
export { APPROVAL_SORTS, committedBudgets, getApprovalCandidates, getDecisionLabels, listApprovalInbox, listApprovalInboxCourses, listApprovalInboxIds } from '../queries/approval-inbox.ts'
export type { ApprovalCandidateRow, ApprovalFilter, ApprovalInbox, ApprovalRow, ApprovalSort } from '../queries/approval-inbox.ts'
export { listUnitSessionsPage, UNIT_SESSION_SORTS } from '../queries/session-list.ts'
export type { UnitSessionFilter, UnitSessionRow, UnitSessionSort } from '../queries/session-list.ts'
// Bulk decisions as a background job (ADR 038).
export { abandonBulkJob, claimBulkJobRow, finishBulkJob, getBulkJob, insertBulkJob, listBulkJobRows, listPendingBulkJobRows, listRecentBulkJobs, purgeFinishedBulkJobs, recordBulkJobRow, startBulkJob } from '../queries/bulk-jobs.ts'
export type { BulkJobRow, BulkJobRowInput, BulkJobSummary } from '../queries/bulk-jobs.ts'
// A manager's team page (issue 18, item 5): the team's learning per person, and one person's list.
export { findTeamMember, listTeamLearning, listTeamMemberLearning, listTeamMembers, TEAM_LEARNING_GROUPS, TEAM_SORTS } from '../queries/team-learning.ts'
export type { Team, TeamLearningGroup, TeamLearningRow, TeamMemberCounts, TeamSort } from '../queries/team-learning.ts'
