// @leerplein/db/passport — the quality passport: statuses recomputed from evidence and requirements, a person's dots, evidence (revoked or corrected, never deleted) and history, competencies and the courses that grant them, and the reminders' facts and ledger.
export {
	listCompetencies,
	listCourseGrants,
	listCoursesGranting,
	listPassport,
	listPassportHistory,
	recomputePassports,
	repairPassportSummaries,
	replaceCourseCompetencies,
	saveCompetency,
} from '../queries/passport.ts'
export type { CompetencyRow, CompetencyValues, CourseGrant, GrantingCourse, RecomputeReport, RecomputeTrigger } from '../queries/passport.ts'
export { countMatrixCompetencies, listMatrixCells, listMatrixJobProfiles, listMatrixPeople, MATRIX_SORTS, passportOverview } from '../queries/passport-matrix.ts'
export type { CompetencyCounts, MatrixCell, MatrixFilter, MatrixPerson, MatrixScope, MatrixSort, OverviewRow } from '../queries/passport-matrix.ts'
export { getPassportReminderForMail, listPassportReminderFacts, recordPassportReminder } from '../queries/passport-reminders.ts'
export type { PassportReminderForMail, ReminderFacts } from '../queries/passport-reminders.ts'
export { findImportCompetencies, findImportedBefore, findImportPeople, importedKey, insertImportedEvidence } from '../queries/passport-import.ts'
export type { ImportedEvidence, ImportTarget } from '../queries/passport-import.ts'
export {
	decidePassportUpload,
	findActiveManager,
	getUploadFacts,
	getUploadFile,
	getUploadForMail,
	insertPassportUpload,
	insertUploadEvidence,
	isActiveCompetency,
	activeCompetencyLevels,
	listPendingUploads,
	listPersonUploads,
} from '../queries/passport-uploads.ts'
export type { NewUpload, PendingUpload, UploadFacts, UploadForMail, UploadStatus, UploadSummary } from '../queries/passport-uploads.ts'
export {
	countPeopleRecomputedNow,
	deactivatePersonRequirement,
	deactivateRequirement,
	findCompetency,
	findUnitPerson,
	getPersonRequirement,
	getRequirement,
	insertPersonRequirement,
	insertRequirement,
	listPersonRequirements,
	listRequirements,
	listUnitJobProfiles,
	requirementPeople,
} from '../queries/passport-requirements.ts'
export type { NewPersonRequirement, NewRequirement, PersonRequirementRow, RequirementRow } from '../queries/passport-requirements.ts'
export { findEvidencePerson, getEvidenceFacts, listPersonEvidence, revokeEvidence, supersedeEvidence } from '../queries/passport-evidence.ts'
export type { EvidenceFacts, EvidencePerson, EvidenceRow, EvidenceSourceKind } from '../queries/passport-evidence.ts'
