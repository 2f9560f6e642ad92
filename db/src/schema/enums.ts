import {
	COURSE_FORMS,
	COURSE_STATUSES,
	DUPLICATE_SCAN_STATUSES,
	ENROLMENT_STATUSES,
	EVIDENCE_SOURCE_KINDS,
	LANGUAGES,
	PASSPORT_COLOURS,
	RENEWAL_BASES,
	ROLES,
} from '@leerplein/domain'
import { pgEnum } from 'drizzle-orm/pg-core'

// The domain owns the vocabularies; the database enforces them.
export const courseForm = pgEnum('course_form', COURSE_FORMS)
export const language = pgEnum('language', LANGUAGES)
export const courseStatus = pgEnum('course_status', COURSE_STATUSES)
export const courseVisibility = pgEnum('course_visibility', ['concern', 'selected'])
export const sessionStatus = pgEnum('session_status', ['planned', 'cancelled'])
export const enrolmentStatus = pgEnum('enrolment_status', ENROLMENT_STATUSES)
export const role = pgEnum('role', ROLES)
export const approvalStep = pgEnum('approval_step', ['manager', 'coordinator'])
export const budgetEntryKind = pgEnum('budget_entry_kind', ['commit', 'release'])
export const duplicateScanStatus = pgEnum('duplicate_scan_status', DUPLICATE_SCAN_STATUSES)
export const passportColour = pgEnum('passport_colour', PASSPORT_COLOURS)
export const evidenceSourceKind = pgEnum('evidence_source_kind', EVIDENCE_SOURCE_KINDS)
export const renewalBasis = pgEnum('renewal_basis', RENEWAL_BASES)
