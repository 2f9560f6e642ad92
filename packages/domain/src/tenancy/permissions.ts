import { CONCERN_ROLES, type Role } from './roles.ts'

/** A role held in one unit; a concern administrator's role has no unit. */
export type RoleGrant = { role: Role; tenantId: string | null }

/** Who is asking: the signed-in person, their home unit and every role they hold. */
export type Actor = { userId: string; tenantId: string; grants: readonly RoleGrant[] }

/** What is being acted on, with just the keys the rules need. */
export type Resource =
	| { kind: 'course'; providerTenantId: string }
	/** A unit offering sessions of a course another unit provides (it joined instead of doubling it). */
	| { kind: 'course-offering'; tenantId: string }
	| { kind: 'session'; tenantId: string }
	| { kind: 'enrolment'; tenantId: string; userId: string; managerId: string | null; providerTenantId: string }
	/** One participant's place in a session, as the providing unit sees it on the session page ('delete': cancel it). */
	| { kind: 'session_enrolment'; providerTenantId: string }
	/**
	 * Registering and reading attendance per meeting of one session (issue 14): the providing unit's
	 * coordinators, and the internal trainers booked for its meetings (employees of that unit).
	 */
	| { kind: 'session_attendance'; providerTenantId: string; trainerUserIds: readonly string[] }
	| { kind: 'tenant'; tenantId: string }
	| { kind: 'employee'; tenantId: string; userId: string; managerId: string | null }
	| { kind: 'concern' }
	/** The concern-wide search synonym list (AVG, Woo, P&O…). */
	| { kind: 'search_synonyms' }
	/** The concern's default P&O rules, which every unit inherits unless it overrides a rule. */
	| { kind: 'po_defaults' }
	/** A unit's inbox of enrolment requests awaiting approval: its managers (their team) and coordinators. */
	| { kind: 'approvals'; tenantId: string }
	/** An online part of a course (an LTI resource link), opened in the tool by the course's participants. */
	| { kind: 'online_part'; providerTenantId: string; participant: boolean }
	/** A person's signed-in sessions (auth sessions, not course sessions): they see and end their own. */
	| { kind: 'auth_session'; userId: string }
	/** The concern-wide duplicates: the report and its scans, comparing, "not a duplicate", merging and undoing a merge. */
	| { kind: 'duplicates' }
	/** The concern's competencies (bekwaamheden), defined once for every unit's quality passport. */
	| { kind: 'competencies' }
	/** A person's quality passport: their dots, evidence and history. */
	| { kind: 'passport'; tenantId: string; userId: string; managerId: string | null }
	/** The passports of many people at once: a manager's team, or a coordinator's whole unit. */
	| { kind: 'passport_matrix'; tenantId: string; scope: 'team' | 'unit' }
	/**
	 * Evidence recorded or changed by the unit itself: an import of another system's history ('create', `userId` null: many people),
	 * revoking or correcting one person's piece ('update').
	 */
	| { kind: 'passport_evidence'; tenantId: string; userId: string | null }
	/** The concern's overview of every unit's passports: counts per unit and competency, never people. */
	| { kind: 'passport_overview' }
	/** A certificate an employee uploaded as evidence for their passport, awaiting (or past) their manager's or coordinator's decision. */
	| { kind: 'passport_upload'; tenantId: string; userId: string; managerId: string | null }
	/** A person's invitation to evaluate a course (ADR 041): theirs alone to open and answer; the answers are anonymous. */
	| { kind: 'evaluation'; tenantId: string; userId: string }
	/** A person's card to self (ADR 042): theirs alone to write, read and look back on. */
	| { kind: 'self_card'; tenantId: string; userId: string }
	/** A person's practice cards of course questions (ADR 047): theirs alone to practise, opt out of and set the digest hour of. */
	| { kind: 'practice_card'; tenantId: string; userId: string }
	/** A person's entry in the experts directory (ADR 048): theirs alone to create, change, pause and delete. */
	| { kind: 'expert_entry'; tenantId: string; userId: string }
	/** The concern-wide experts directory (ADR 048): read by every signed-in employee of every unit. */
	| { kind: 'expert_directory' }
	/** A unit's certificates awaiting a decision: its managers (their team's) and coordinators (all). */
	| { kind: 'passport_upload_review'; tenantId: string }
	/** A unit's own passport requirements (for everyone, a job profile, or one person); 'delete' deactivates one, never removes it. */
	| { kind: 'unit_requirements'; tenantId: string }
	/** The concern's passport requirements every unit inherits (for everyone, or job profiles by name); 'delete' deactivates. */
	| { kind: 'concern_requirements' }
	/** A unit's xAPI clients (its systems that send statements, ADR 039): registered, changed and deactivated ('update'). */
	| { kind: 'xapi_clients'; tenantId: string }
	/** A manager's overview of their own team in a unit (/mijn-team): the team's learning, budget and passport counts. */
	| { kind: 'team_overview'; tenantId: string }
	/** A unit's interventions and their measure (ADR 044): recorded, changed, the measure imported or counted ('update'); never deleted. */
	| { kind: 'intervention'; tenantId: string }
	/** Reports (ADR 043): a unit's own report (`tenantId`), or the concern's aggregates per unit (`tenantId` null) — figures, never people. */
	| { kind: 'report'; tenantId: string | null }
	/** The audit trail (ADR 049): a unit's own rows (`tenantId`), or every unit's and the concern's (`tenantId` null). */
	| { kind: 'audit_trail'; tenantId: string | null }
	/** Each unit's single sign-on provider (ADR 008, ADR 051): read, set ('update') and removed ('delete') for every unit at once, by the concern. */
	| { kind: 'sso_settings' }
	/**
	 * Requests to erase a person (GDPR art. 17; ADR 054): the concern's privacy officer reads the queue
	 * and each preview, asks on a person's behalf ('create') and decides ('approve'); a person asks
	 * for themselves (`personId` their own). `personId` null: the queue as a whole.
	 */
	| { kind: 'erasure_request'; personId: string | null }

/**
 * 'merge': fold a course into another, across units (keeping the shared catalogue free of doubles).
 * 'delete' on an enrolment is cancelling it: the enrolment ends (its row stays, as history).
 */
export type Action = 'read' | 'create' | 'update' | 'delete' | 'approve' | 'merge'

export function holdsRole(actor: Actor, role: Role, tenantId: string | null = null): boolean {
	return actor.grants.some((grant) => grant.role === role && (CONCERN_ROLES.includes(role) || grant.tenantId === tenantId))
}

const coordinates = (actor: Actor, tenantId: string) => holdsRole(actor, 'coordinator', tenantId)
const isConcernAdmin = (actor: Actor) => holdsRole(actor, 'concern_admin')
const isPrivacyOfficer = (actor: Actor) => holdsRole(actor, 'privacy_officer')

/**
 * The one permission rule. Employees act on their own things, managers on their team,
 * coordinators on their unit(s), concern administrators on what the concern shares
 * (the catalogue, themes, the units themselves), never on a unit's private P&O data.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
	switch (resource.kind) {
		case 'course':
			// Reading a course is decided by its status and visibility (isCourseVisibleTo, catalogue/course.ts).
			if (action === 'read') return true
			if (action === 'approve') return false
			// Merging touches other units' sessions and offerings: the concern's job, not a unit's.
			if (action === 'merge') return isConcernAdmin(actor)
			return coordinates(actor, resource.providerTenantId) || isConcernAdmin(actor)
		case 'course-offering':
			if (action === 'read') return true
			// Only the unit itself decides to offer a shared course; the concern administrator merges instead.
			return (action === 'create' || action === 'delete') && coordinates(actor, resource.tenantId)
		case 'session':
			if (action === 'read') return true
			if (action === 'approve' || action === 'merge') return false
			return coordinates(actor, resource.tenantId)
		case 'enrolment': {
			const own = resource.userId === actor.userId
			const team = resource.managerId === actor.userId && holdsRole(actor, 'manager', resource.tenantId)
			const unit = coordinates(actor, resource.tenantId)
			// The providing unit runs the session: it sees its participants and registers attendance.
			const provider = coordinates(actor, resource.providerTenantId)
			switch (action) {
				case 'read':
					return own || team || unit || provider
				case 'create':
					return own || unit
				case 'update':
					return own || team || unit || provider
				case 'approve':
					return team || unit
				case 'delete':
					// Cancelling is the employee's own act, on their own cancel page; a coordinator
					// changes a session (cancels it, moves people) from the session page instead.
					return own
				case 'merge':
					return false
				default:
					return unreachable(action)
			}
		}
		case 'session_enrolment':
			// The providing unit runs the session: its coordinator cancels a participant there, with a reason.
			return action === 'delete' && coordinates(actor, resource.providerTenantId)
		case 'session_attendance': {
			// A trainer teaches for their own unit; an id on another unit's list gives nothing.
			const trains = resource.trainerUserIds.includes(actor.userId) && actor.tenantId === resource.providerTenantId
			return (action === 'read' || action === 'update') && (coordinates(actor, resource.providerTenantId) || trains)
		}
		case 'employee': {
			const own = resource.userId === actor.userId
			const team = resource.managerId === actor.userId && holdsRole(actor, 'manager', resource.tenantId)
			if (action === 'read') return own || team || coordinates(actor, resource.tenantId)
			if (action === 'merge') return false
			return coordinates(actor, resource.tenantId)
		}
		case 'tenant':
			if (action === 'read') return coordinates(actor, resource.tenantId) || isConcernAdmin(actor)
			if (action === 'update') return coordinates(actor, resource.tenantId)
			if (action === 'merge') return false
			return isConcernAdmin(actor) && (action === 'create' || action === 'delete')
		case 'concern':
			return isConcernAdmin(actor)
		case 'search_synonyms':
			// Everyone's search uses the list; only the concern administrator keeps it.
			return isConcernAdmin(actor) && action !== 'approve'
		case 'po_defaults':
			// The concern sets the defaults; a coordinator overrides them for their own unit only (kind 'tenant').
			return isConcernAdmin(actor) && (action === 'read' || action === 'update')
		case 'approvals':
			// Which requests each sees (a manager only their team's) is decided per enrolment, above.
			return (action === 'read' || action === 'approve') && (holdsRole(actor, 'manager', resource.tenantId) || coordinates(actor, resource.tenantId))
		case 'online_part':
			// Opening (a launch) is for its participants and the providing unit's coordinators, who teach
			// the course; changing parts is the course's business (kind 'course').
			return action === 'read' && (resource.participant || coordinates(actor, resource.providerTenantId))
		case 'auth_session':
			// Signing someone else out is an administrator's act on the account, not this permission.
			return resource.userId === actor.userId && (action === 'read' || action === 'delete')
		case 'duplicates':
			// Doubles span units: finding and folding them is the concern's job, like merging a course (above).
			return isConcernAdmin(actor) && action !== 'approve' && action !== 'delete'
		case 'competencies':
			// Every passport names them (read through the passport); only the concern keeps the list.
			return isConcernAdmin(actor) && (action === 'read' || action === 'create' || action === 'update')
		case 'passport': {
			// Read only: dots change through evidence and requirements, never by hand.
			if (action !== 'read') return false
			const team = resource.managerId === actor.userId && holdsRole(actor, 'manager', resource.tenantId)
			return resource.userId === actor.userId || team || coordinates(actor, resource.tenantId)
		}
		case 'passport_matrix':
			// Which people a team holds is decided by the query (managed by the actor); the concern sees counts only (its own overview).
			if (action !== 'read') return false
			return resource.scope === 'team' ? holdsRole(actor, 'manager', resource.tenantId) : coordinates(actor, resource.tenantId)
		case 'passport_evidence':
			// A manager reads their team's passports but records no evidence by hand; the unit's coordinators import it,
			// and revoke or correct a piece (ADR 031, evidence on a screen) — never one of their own, whatever roles they hold.
			if (action === 'create') return coordinates(actor, resource.tenantId)
			if (action === 'update') return coordinates(actor, resource.tenantId) && resource.userId !== null && resource.userId !== actor.userId
			return false
		case 'passport_overview':
			return action === 'read' && isConcernAdmin(actor)
		case 'evaluation':
			// Not their manager, not a coordinator: who answered is nobody's business, what even less.
			return (action === 'read' || action === 'update') && resource.userId === actor.userId && resource.tenantId === actor.tenantId
		case 'self_card':
			// What someone means to change in their own work is theirs: not their manager's, not the provider's.
			return (action === 'read' || action === 'create' || action === 'update') && resource.userId === actor.userId && resource.tenantId === actor.tenantId
		case 'practice_card':
			// What someone remembers of a course is theirs: the provider sees counts across five learners, nobody a person's answers.
			return (action === 'read' || action === 'update') && resource.userId === actor.userId && resource.tenantId === actor.tenantId
		case 'expert_entry':
			// Making oneself available is a personal choice: no manager, coordinator or administrator does it for someone.
			return action !== 'approve' && action !== 'merge' && resource.userId === actor.userId && resource.tenantId === actor.tenantId
		case 'expert_directory':
			// Concern-wide on purpose: experts are found across units (the entry publishes only the directory's columns).
			return action === 'read'
		case 'passport_upload': {
			const own = resource.userId === actor.userId
			const team = resource.managerId === actor.userId && holdsRole(actor, 'manager', resource.tenantId)
			const unit = coordinates(actor, resource.tenantId)
			if (action === 'read') return own || team || unit
			// Only the employee adds their own evidence, in their own unit.
			if (action === 'create') return own && actor.tenantId === resource.tenantId
			// Nobody approves their own certificate, whatever roles they hold.
			if (action === 'approve') return !own && (team || unit)
			// An upload is never changed or removed: a decision is recorded, the file stays.
			return false
		}
		case 'passport_upload_review':
			// Which uploads a manager sees (their team's) is decided per upload, above.
			return (action === 'read' || action === 'approve') && (holdsRole(actor, 'manager', resource.tenantId) || coordinates(actor, resource.tenantId))
		case 'unit_requirements':
			// A unit extends what the concern requires of its people; the concern sets its own (below), never a unit's.
			return (action === 'read' || action === 'create' || action === 'delete') && coordinates(actor, resource.tenantId)
		case 'concern_requirements':
			return (action === 'read' || action === 'create' || action === 'delete') && isConcernAdmin(actor)
		case 'xapi_clients':
			// A unit's systems are its coordinators' to keep; the concern administrator acts for one unit at a time, named explicitly.
			return (action === 'read' || action === 'update') && (coordinates(actor, resource.tenantId) || isConcernAdmin(actor))
		case 'team_overview':
			// Read only, and only one's own team: which people that is, the query decides (whose manager the actor is, in this unit).
			return action === 'read' && holdsRole(actor, 'manager', resource.tenantId)
		case 'intervention':
			// Its coordinators' alone: a measure per team says how teams of the unit perform; the concern administrator has no reason to read it.
			return (action === 'read' || action === 'create' || action === 'update') && coordinates(actor, resource.tenantId)
		case 'report':
			// Read only. A unit's coordinators see their own unit's report; the concern administrator sees
			// every unit's figures side by side, never a unit's people (a coordinator of nine units reads nine reports, one at a time).
			if (action !== 'read') return false
			return resource.tenantId === null ? isConcernAdmin(actor) : coordinates(actor, resource.tenantId)
		case 'audit_trail':
			// Read only: the trail is appended by the services, never edited. A unit's coordinators read
			// their own unit's rows; the concern administrator reads all of them (who did what anywhere).
			if (action !== 'read') return false
			return resource.tenantId === null ? isConcernAdmin(actor) : coordinates(actor, resource.tenantId)
		case 'sso_settings':
			// Never a unit's own coordinators: a unit that could point its own sign-in at another provider
			// could sign in as any of its people, the coordinators and their grants included.
			return (action === 'read' || action === 'update' || action === 'delete') && isConcernAdmin(actor)
		case 'erasure_request': {
			// A person asks for themselves (and sees that they asked); everything else is the privacy officer's.
			const own = resource.personId === actor.userId
			if (action === 'create' || action === 'read') return isPrivacyOfficer(actor) || own
			return action === 'approve' && isPrivacyOfficer(actor)
		}
		default:
			return unreachable(resource)
	}
}

function unreachable(value: never): never {
	throw new Error(`unhandled case: ${JSON.stringify(value)}`)
}
