// @leerplein/db/deduplication — duplicate candidates, merges and their undo, "not a duplicate", offerings of a joined course, and the concern-wide duplicate scan (ADR 011, 019).
export {
	countCourseMerges,
	countSessionsByCourse,
	courseRedirectTarget,
	dismissDuplicatePair,
	duplicateScanVersion,
	findDuplicateCandidateVersions,
	getDuplicateCourses,
	joinCourse,
	listCourseMerges,
	listCourseOfferings,
	listDismissedPairs,
	listPublishedDuplicateCourses,
	mergeCourse,
	undoCourseMerge,
} from '../queries/duplicates.ts'
export type { CourseMergeRecord, CourseOffering, DuplicateCandidateVersion, DuplicateCourse } from '../queries/duplicates.ts'
export {
	failDuplicateScan,
	finishDuplicateScan,
	getDuplicateScanOverview,
	insertQueuedDuplicateScan,
	listDuplicateScanClusters,
	recordDuplicateScanProgress,
	requestDuplicateScanRerun,
	startDuplicateScan,
} from '../queries/duplicate-scans.ts'
export type {
	DuplicateScanClusterRow,
	DuplicateScanCourse,
	DuplicateScanRow,
	NewDuplicateScanCluster,
} from '../queries/duplicate-scans.ts'
