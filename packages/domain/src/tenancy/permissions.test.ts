import { describe, expect, test } from 'vitest'
import { can, type Actor } from './permissions.ts'

const RVO = 'rvo'
const NVWA = 'nvwa'

const employee: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }] }
const manager: Actor = { userId: 'mgr', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }, { role: 'manager', tenantId: RVO }] }
const rvoCoordinator: Actor = { userId: 'coord', tenantId: RVO, grants: [{ role: 'coordinator', tenantId: RVO }] }
const twoUnitCoordinator: Actor = {
	userId: 'coord2',
	tenantId: RVO,
	grants: [
		{ role: 'coordinator', tenantId: RVO },
		{ role: 'coordinator', tenantId: NVWA },
	],
}
const concernAdmin: Actor = { userId: 'admin', tenantId: RVO, grants: [{ role: 'concern_admin', tenantId: null }] }

const enrolmentOfEmployee = { kind: 'enrolment', tenantId: RVO, userId: 'emp', managerId: 'mgr', providerTenantId: NVWA } as const

describe('can', () => {
	test.each([
		['the unit’s coordinator', rvoCoordinator, { read: true, create: true, delete: true, update: false, approve: false, merge: false }],
		['a coordinator of two units', twoUnitCoordinator, { read: true, create: true, delete: true, update: false, approve: false, merge: false }],
		['another unit’s coordinator', { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
		['a manager of the unit', manager, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
		['an employee', employee, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
		['the concern administrator', concernAdmin, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
	] as const)('a unit’s own requirements: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'unit_requirements', tenantId: RVO }), action).toBe(allowed)
	})

	test.each([
		['the concern administrator', concernAdmin, { read: true, create: true, delete: true, update: false, approve: false, merge: false }],
		['a unit’s coordinator', rvoCoordinator, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
		['a manager', manager, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
		['an employee', employee, { read: false, create: false, delete: false, update: false, approve: false, merge: false }],
	] as const)('the concern’s requirements: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'concern_requirements' }), action).toBe(allowed)
	})

	test.each([
		['the unit’s coordinator', rvoCoordinator, { read: true, update: true, create: false, delete: false, approve: false, merge: false }],
		['the concern administrator', concernAdmin, { read: true, update: true, create: false, delete: false, approve: false, merge: false }],
		['another unit’s coordinator', { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
		['a manager of the unit', manager, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
		['an employee', employee, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
	] as const)('a unit’s xAPI clients: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'xapi_clients', tenantId: RVO }), action).toBe(allowed)
	})

	test.each([
		['the unit’s coordinator', rvoCoordinator, { read: true, update: true, create: true, delete: false, approve: false, merge: false }],
		['another unit’s coordinator', { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
		['the concern administrator', concernAdmin, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
		['a manager of the unit', manager, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
		['an employee', employee, { read: false, update: false, create: false, delete: false, approve: false, merge: false }],
	] as const)('a unit’s interventions: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'intervention', tenantId: RVO }), action).toBe(allowed)
	})

	test.each([
		['a manager of the unit', manager, { read: true, create: false, update: false, delete: false, approve: false, merge: false }],
		['a manager of another unit', { userId: 'm', tenantId: NVWA, grants: [{ role: 'manager', tenantId: NVWA }] }, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['the unit’s coordinator (manages nobody)', rvoCoordinator, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['an employee', employee, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['the concern administrator', concernAdmin, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
	] as const)('a manager’s team overview: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'team_overview', tenantId: RVO }), action).toBe(allowed)
	})

	const none = { read: false, create: false, update: false, delete: false, approve: false, merge: false } as const
	test.each([
		['the unit’s coordinator, their unit', rvoCoordinator, RVO, { ...none, read: true }],
		['a coordinator of two units, the second', twoUnitCoordinator, NVWA, { ...none, read: true }],
		['the unit’s coordinator, another unit', rvoCoordinator, NVWA, none],
		['the unit’s coordinator, the concern', rvoCoordinator, null, none],
		['the concern administrator, the concern', concernAdmin, null, { ...none, read: true }],
		['the concern administrator, one unit’s own report', concernAdmin, RVO, none],
		['a manager, their unit', manager, RVO, none],
		['an employee, their unit', employee, RVO, none],
	] as const)('reports: %s', (_who, actor, tenantId, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'report', tenantId }), action).toBe(allowed)
	})

	test.each([
		['the unit’s coordinator, their unit', rvoCoordinator, RVO, { ...none, read: true }],
		['the unit’s coordinator, another unit', rvoCoordinator, NVWA, none],
		['the unit’s coordinator, every unit', rvoCoordinator, null, none],
		['the concern administrator, every unit', concernAdmin, null, { ...none, read: true }],
		['a manager, their unit', manager, RVO, none],
		['an employee, their unit', employee, RVO, none],
		['an employee, every unit', employee, null, none],
	] as const)('the audit trail: %s', (_who, actor, tenantId, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'audit_trail', tenantId }), action).toBe(allowed)
	})

	test('only the concern administrator keeps the competencies, and never deletes one', () => {
		expect(can(concernAdmin, 'create', { kind: 'competencies' })).toBe(true)
		expect(can(concernAdmin, 'update', { kind: 'competencies' })).toBe(true)
		expect(can(concernAdmin, 'delete', { kind: 'competencies' })).toBe(false)
		expect(can(rvoCoordinator, 'read', { kind: 'competencies' })).toBe(false)
		expect(can(employee, 'update', { kind: 'competencies' })).toBe(false)
	})

	describe('a certificate upload (passport_upload)', () => {
		const upload = { kind: 'passport_upload', tenantId: RVO, userId: 'emp', managerId: 'mgr' } as const
		const nvwaCoordinator: Actor = { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }
		const otherManager: Actor = { ...manager, userId: 'mgr2' }
		const coordinatorWhoUploaded: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'coordinator', tenantId: RVO }] }
		test.each([
			['the employee', employee, 'create', true],
			['the employee', employee, 'read', true],
			['the employee', employee, 'approve', false],
			['their manager', manager, 'read', true],
			['their manager', manager, 'approve', true],
			['their manager', manager, 'create', false],
			["another manager of the unit", otherManager, 'read', false],
			["another manager of the unit", otherManager, 'approve', false],
			["the unit's coordinator", rvoCoordinator, 'read', true],
			["the unit's coordinator", rvoCoordinator, 'approve', true],
			["the unit's coordinator", rvoCoordinator, 'create', false],
			["a coordinator of two units", twoUnitCoordinator, 'approve', true],
			["another unit's coordinator", nvwaCoordinator, 'read', false],
			["another unit's coordinator", nvwaCoordinator, 'approve', false],
			['the concern administrator', concernAdmin, 'read', false],
			['the concern administrator', concernAdmin, 'approve', false],
			['a coordinator, on their own upload', coordinatorWhoUploaded, 'approve', false],
			['a coordinator, on their own upload', coordinatorWhoUploaded, 'read', true],
		] as const)('%s: %s → %s', (_who, actor, action, allowed) => {
			expect(can(actor, action, upload)).toBe(allowed)
		})
		test('nobody changes or removes an upload: a decision is recorded, the file stays', () => {
			for (const actor of [employee, manager, rvoCoordinator, concernAdmin]) {
				expect(can(actor, 'update', upload)).toBe(false)
				expect(can(actor, 'delete', upload)).toBe(false)
			}
		})
		test("the review list is for the unit's managers and coordinators, not its employees or another unit", () => {
			const review = { kind: 'passport_upload_review', tenantId: RVO } as const
			expect(can(manager, 'read', review)).toBe(true)
			expect(can(rvoCoordinator, 'approve', review)).toBe(true)
			expect(can(employee, 'read', review)).toBe(false)
			expect(can({ userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, 'read', review)).toBe(false)
			expect(can(concernAdmin, 'read', review)).toBe(false)
			expect(can(rvoCoordinator, 'delete', review)).toBe(false)
		})
		test("an employee adds evidence only in their own unit, never for someone else", () => {
			expect(can({ ...employee, tenantId: NVWA }, 'create', upload)).toBe(false)
			expect(can({ ...employee, userId: 'other' }, 'create', upload)).toBe(false)
		})
	})

	test('an evaluation invitation is opened and answered by its person only: not their manager, their coordinator or the concern', () => {
		const evaluation = { kind: 'evaluation', tenantId: RVO, userId: 'emp' } as const
		const own: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }] }
		expect(can(own, 'read', evaluation)).toBe(true)
		expect(can(own, 'update', evaluation)).toBe(true)
		expect(can(own, 'delete', evaluation)).toBe(false)
		for (const other of [manager, rvoCoordinator, concernAdmin]) for (const action of ['read', 'update'] as const) expect(can(other, action, evaluation)).toBe(false)
		// The same person id in another unit's context is not them.
		expect(can({ ...own, tenantId: NVWA }, 'read', evaluation)).toBe(false)
	})

	test('a card to self is written, read and looked back on by its person only: not their manager, their coordinator or the concern', () => {
		const card = { kind: 'self_card', tenantId: RVO, userId: 'emp' } as const
		const own: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }] }
		for (const action of ['read', 'create', 'update'] as const) expect(can(own, action, card)).toBe(true)
		expect(can(own, 'delete', card)).toBe(false)
		for (const other of [manager, rvoCoordinator, concernAdmin]) for (const action of ['read', 'create', 'update'] as const) expect(can(other, action, card)).toBe(false)
		expect(can({ ...own, tenantId: NVWA }, 'read', card)).toBe(false)
	})

	test('practice cards are practised by their person only: not their manager, their coordinator or the concern', () => {
		const cards = { kind: 'practice_card', tenantId: RVO, userId: 'emp' } as const
		const own: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }] }
		for (const action of ['read', 'update'] as const) expect(can(own, action, cards)).toBe(true)
		expect(can(own, 'delete', cards)).toBe(false)
		for (const other of [manager, rvoCoordinator, concernAdmin]) for (const action of ['read', 'update'] as const) expect(can(other, action, cards)).toBe(false)
		expect(can({ ...own, tenantId: NVWA }, 'read', cards)).toBe(false)
	})

	test('an expert entry is made, changed, paused and deleted by its person only; the directory is read by everyone signed in, of every unit', () => {
		const entry = { kind: 'expert_entry', tenantId: RVO, userId: 'emp' } as const
		const own: Actor = { userId: 'emp', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }] }
		for (const action of ['read', 'create', 'update', 'delete'] as const) expect(can(own, action, entry)).toBe(true)
		for (const other of [manager, rvoCoordinator, concernAdmin]) for (const action of ['read', 'create', 'update', 'delete'] as const) expect(can(other, action, entry)).toBe(false)
		expect(can({ ...own, tenantId: NVWA }, 'update', entry)).toBe(false)
		const directory = { kind: 'expert_directory' } as const
		for (const reader of [own, manager, rvoCoordinator, concernAdmin, { userId: 'n', tenantId: NVWA, grants: [{ role: 'employee', tenantId: NVWA }] } satisfies Actor])
			expect(can(reader, 'read', directory)).toBe(true)
		expect(can(own, 'update', directory)).toBe(false)
	})

	test('a passport is read by its person, their manager and their unit’s coordinators, and changed by hand by no one', () => {
		const passport = { kind: 'passport', tenantId: RVO, userId: 'emp', managerId: 'mgr' } as const
		expect(can(employee, 'read', passport)).toBe(true)
		expect(can(manager, 'read', passport)).toBe(true)
		expect(can(rvoCoordinator, 'read', passport)).toBe(true)
		expect(can(rvoCoordinator, 'update', passport)).toBe(false)
		expect(can({ ...employee, userId: 'other' }, 'read', passport)).toBe(false)
		expect(can({ userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, 'read', passport)).toBe(false)
		expect(can(concernAdmin, 'read', passport)).toBe(false)
	})

	test('a manager reads their team’s matrix, a coordinator their unit’s, the concern administrator only the counts', () => {
		const team = { kind: 'passport_matrix', tenantId: RVO, scope: 'team' } as const
		const unit = { kind: 'passport_matrix', tenantId: RVO, scope: 'unit' } as const
		expect(can(manager, 'read', team)).toBe(true)
		expect(can(manager, 'read', unit)).toBe(false)
		expect(can(employee, 'read', team)).toBe(false)
		expect(can(rvoCoordinator, 'read', unit)).toBe(true)
		expect(can(rvoCoordinator, 'read', team)).toBe(false)
		expect(can(rvoCoordinator, 'update', unit)).toBe(false)
		expect(can(twoUnitCoordinator, 'read', { ...unit, tenantId: NVWA })).toBe(true)
		expect(can(rvoCoordinator, 'read', { ...unit, tenantId: NVWA })).toBe(false)
		expect(can({ ...manager, grants: [{ role: 'manager', tenantId: NVWA }] }, 'read', team)).toBe(false)
		expect(can(concernAdmin, 'read', unit)).toBe(false)
		expect(can(concernAdmin, 'read', { kind: 'passport_overview' })).toBe(true)
		expect(can(rvoCoordinator, 'read', { kind: 'passport_overview' })).toBe(false)
		expect(can(concernAdmin, 'update', { kind: 'passport_overview' })).toBe(false)
		// Importing evidence: the unit's coordinators only.
		expect(can(rvoCoordinator, 'create', { kind: 'passport_evidence', tenantId: RVO, userId: null })).toBe(true)
		expect(can(rvoCoordinator, 'create', { kind: 'passport_evidence', tenantId: NVWA, userId: null })).toBe(false)
		expect(can(manager, 'create', { kind: 'passport_evidence', tenantId: RVO, userId: null })).toBe(false)
		expect(can(concernAdmin, 'create', { kind: 'passport_evidence', tenantId: RVO, userId: null })).toBe(false)
		expect(can(rvoCoordinator, 'delete', { kind: 'passport_evidence', tenantId: RVO, userId: null })).toBe(false)
	})

	test("one person's evidence is revoked or corrected by their unit's coordinators only, never by the manager, another unit or on one's own", () => {
		const piece = { kind: 'passport_evidence', tenantId: RVO, userId: 'emp' } as const
		expect(can(rvoCoordinator, 'update', piece)).toBe(true)
		expect(can(manager, 'update', piece)).toBe(false)
		expect(can(employee, 'update', piece)).toBe(false)
		expect(can({ userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }, 'update', piece)).toBe(false)
		expect(can(concernAdmin, 'update', piece)).toBe(false)
		expect(can(rvoCoordinator, 'update', { ...piece, userId: rvoCoordinator.userId })).toBe(false)
		expect(can(rvoCoordinator, 'update', { ...piece, userId: null })).toBe(false)
		expect(can(rvoCoordinator, 'delete', piece)).toBe(false)
	})

	test('an employee reads and cancels their own enrolment, but approves nothing', () => {
		expect(can(employee, 'read', enrolmentOfEmployee)).toBe(true)
		expect(can(employee, 'update', enrolmentOfEmployee)).toBe(true)
		expect(can(employee, 'approve', enrolmentOfEmployee)).toBe(false)
	})

	test('only the employee cancels their enrolment: not their manager, nor a coordinator of either unit', () => {
		const nvwaCoordinator: Actor = { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }
		expect(can(employee, 'delete', enrolmentOfEmployee)).toBe(true)
		for (const other of [manager, rvoCoordinator, twoUnitCoordinator, nvwaCoordinator, concernAdmin]) {
			expect(can(other, 'delete', enrolmentOfEmployee)).toBe(false)
		}
		expect(can(employee, 'delete', { ...enrolmentOfEmployee, userId: 'colleague' })).toBe(false)
	})

	test("an employee cannot read a colleague's enrolment", () => {
		expect(can(employee, 'read', { ...enrolmentOfEmployee, userId: 'colleague' })).toBe(false)
	})

	test('a manager approves the enrolments of their own team only', () => {
		expect(can(manager, 'approve', enrolmentOfEmployee)).toBe(true)
		expect(can(manager, 'approve', { ...enrolmentOfEmployee, managerId: 'other-manager' })).toBe(false)
	})

	test('a manager of another unit cannot approve, even when named as manager', () => {
		const nvwaManager: Actor = { userId: 'mgr', tenantId: NVWA, grants: [{ role: 'manager', tenantId: NVWA }] }
		expect(can(nvwaManager, 'approve', enrolmentOfEmployee)).toBe(false)
	})

	test("a coordinator manages their own unit's courses and settings, not another unit's", () => {
		expect(can(rvoCoordinator, 'update', { kind: 'course', providerTenantId: RVO })).toBe(true)
		expect(can(rvoCoordinator, 'update', { kind: 'course', providerTenantId: NVWA })).toBe(false)
		expect(can(rvoCoordinator, 'update', { kind: 'tenant', tenantId: RVO })).toBe(true)
		expect(can(rvoCoordinator, 'read', { kind: 'tenant', tenantId: NVWA })).toBe(false)
	})

	test('a coordinator of two units acts in both', () => {
		expect(can(twoUnitCoordinator, 'update', { kind: 'session', tenantId: NVWA })).toBe(true)
		expect(can(twoUnitCoordinator, 'update', { kind: 'session', tenantId: RVO })).toBe(true)
		expect(can(twoUnitCoordinator, 'update', { kind: 'session', tenantId: 'acm' })).toBe(false)
	})

	test('the providing unit sees the participants of its sessions', () => {
		const nvwaCoordinator: Actor = { userId: 'c', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] }
		expect(can(nvwaCoordinator, 'read', enrolmentOfEmployee)).toBe(true)
		expect(can(nvwaCoordinator, 'approve', enrolmentOfEmployee)).toBe(false)
	})

	test("a concern administrator keeps the shared catalogue and units, but not a unit's P&O rules", () => {
		expect(can(concernAdmin, 'update', { kind: 'course', providerTenantId: NVWA })).toBe(true)
		expect(can(concernAdmin, 'update', { kind: 'concern' })).toBe(true)
		expect(can(concernAdmin, 'read', { kind: 'tenant', tenantId: NVWA })).toBe(true)
		expect(can(concernAdmin, 'update', { kind: 'tenant', tenantId: NVWA })).toBe(false)
		expect(can(rvoCoordinator, 'update', { kind: 'concern' })).toBe(false)
	})

	test("only the concern administrator changes the concern's P&O defaults; a coordinator overrides them for their own unit", () => {
		expect(can(concernAdmin, 'read', { kind: 'po_defaults' })).toBe(true)
		expect(can(concernAdmin, 'update', { kind: 'po_defaults' })).toBe(true)
		expect(can(concernAdmin, 'delete', { kind: 'po_defaults' })).toBe(false)
		expect(can(rvoCoordinator, 'update', { kind: 'po_defaults' })).toBe(false)
		expect(can(rvoCoordinator, 'read', { kind: 'po_defaults' })).toBe(false)
		expect(can(rvoCoordinator, 'update', { kind: 'tenant', tenantId: RVO })).toBe(true)
		expect(can(rvoCoordinator, 'update', { kind: 'tenant', tenantId: NVWA })).toBe(false)
	})

	test('only the concern administrator keeps the search synonym list; coordinators and employees cannot', () => {
		for (const action of ['read', 'create', 'update', 'delete'] as const) {
			expect(can(concernAdmin, action, { kind: 'search_synonyms' })).toBe(true)
			expect(can(rvoCoordinator, action, { kind: 'search_synonyms' })).toBe(false)
			expect(can(twoUnitCoordinator, action, { kind: 'search_synonyms' })).toBe(false)
			expect(can(employee, action, { kind: 'search_synonyms' })).toBe(false)
		}
		expect(can(concernAdmin, 'approve', { kind: 'search_synonyms' })).toBe(false)
	})

	test.each([
		['the concern administrator', concernAdmin, { read: true, create: false, update: true, delete: true, approve: false, merge: false }],
		['a unit’s coordinator', rvoCoordinator, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['a coordinator of two units', twoUnitCoordinator, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['a manager', manager, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
		['an employee', employee, { read: false, create: false, update: false, delete: false, approve: false, merge: false }],
	] as const)('each unit’s single sign-on provider is set by the concern administrator only: %s', (_who, actor, expected) => {
		for (const [action, allowed] of Object.entries(expected)) expect(can(actor, action as keyof typeof expected, { kind: 'sso_settings' }), action).toBe(allowed)
	})

	test('only a concern administrator merges courses, whichever unit provides them', () => {
		const nvwaCourse = { kind: 'course', providerTenantId: NVWA } as const
		expect(can(concernAdmin, 'merge', nvwaCourse)).toBe(true)
		expect(can(twoUnitCoordinator, 'merge', nvwaCourse)).toBe(false)
		expect(can(rvoCoordinator, 'merge', { kind: 'course', providerTenantId: RVO })).toBe(false)
		expect(can(concernAdmin, 'merge', { kind: 'session', tenantId: NVWA })).toBe(false)
	})

	test('a coordinator joins a shared course for their own unit only', () => {
		expect(can(rvoCoordinator, 'create', { kind: 'course-offering', tenantId: RVO })).toBe(true)
		expect(can(rvoCoordinator, 'create', { kind: 'course-offering', tenantId: NVWA })).toBe(false)
		expect(can(employee, 'create', { kind: 'course-offering', tenantId: RVO })).toBe(false)
		expect(can(concernAdmin, 'create', { kind: 'course-offering', tenantId: RVO })).toBe(false)
		expect(can(employee, 'read', { kind: 'course-offering', tenantId: NVWA })).toBe(true)
	})

	test('managers and coordinators of a unit open its approvals inbox; an employee or another unit does not', () => {
		const inbox = { kind: 'approvals', tenantId: RVO } as const
		expect(can(manager, 'read', inbox)).toBe(true)
		expect(can(rvoCoordinator, 'approve', inbox)).toBe(true)
		expect(can(employee, 'read', inbox)).toBe(false)
		expect(can(manager, 'read', { kind: 'approvals', tenantId: NVWA })).toBe(false)
		expect(can(manager, 'update', inbox)).toBe(false)
	})

	test("an online part opens for the course's participants and the providing unit's coordinators only", () => {
		const part = { kind: 'online_part', providerTenantId: NVWA, participant: false } as const
		expect(can(employee, 'read', { ...part, participant: true })).toBe(true)
		expect(can(employee, 'read', part)).toBe(false)
		expect(can(twoUnitCoordinator, 'read', part)).toBe(true)
		expect(can(rvoCoordinator, 'read', part)).toBe(false)
		expect(can(concernAdmin, 'read', part)).toBe(false)
		expect(can(twoUnitCoordinator, 'update', { ...part, participant: true })).toBe(false)
	})

	test('only a coordinator of the providing unit cancels a participant from the session page', () => {
		// Given a participant's place in a session RVO runs
		const place = { kind: 'session_enrolment', providerTenantId: RVO } as const
		// Then RVO's coordinator may cancel it; nobody else, and nothing else is granted
		expect(can(rvoCoordinator, 'delete', place)).toBe(true)
		for (const other of [employee, manager, { userId: 'nc', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] } as Actor, concernAdmin]) expect(can(other, 'delete', place)).toBe(false)
		for (const action of ['read', 'create', 'update', 'approve', 'merge'] as const) expect(can(rvoCoordinator, action, place)).toBe(false)
	})

	test("attendance per meeting: the providing unit's coordinators and the session's own internal trainers, nobody else", () => {
		// Given a session RVO runs, taught by the RVO employee
		const attendance = { kind: 'session_attendance', providerTenantId: RVO, trainerUserIds: [employee.userId] } as const
		// Then its trainer and RVO's coordinator read and register attendance
		for (const action of ['read', 'update'] as const) {
			expect(can(employee, action, attendance)).toBe(true)
			expect(can(rvoCoordinator, action, attendance)).toBe(true)
		}
		// And a trainer of another session, a manager, another unit's coordinator and the concern administrator do not
		expect(can(employee, 'update', { ...attendance, trainerUserIds: ['someone-else'] })).toBe(false)
		for (const other of [manager, { userId: 'nc', tenantId: NVWA, grants: [{ role: 'coordinator', tenantId: NVWA }] } as Actor, concernAdmin]) expect(can(other, 'update', attendance)).toBe(false)
		// And a trainer listed for another unit's session gets nothing
		expect(can(employee, 'update', { ...attendance, providerTenantId: NVWA })).toBe(false)
		for (const action of ['create', 'delete', 'approve', 'merge'] as const) expect(can(rvoCoordinator, action, attendance)).toBe(false)
	})

	test('everyone sees and ends their own signed-in sessions, and nobody else’s', () => {
		// Given an employee, their unit's coordinator and the concern administrator
		const own = { kind: 'auth_session', userId: employee.userId } as const
		// When each asks about the employee's sessions
		// Then only the employee may read or end them, whatever the other's role
		expect(can(employee, 'read', own)).toBe(true)
		expect(can(employee, 'delete', own)).toBe(true)
		expect(can(employee, 'update', own)).toBe(false)
		expect(can(rvoCoordinator, 'delete', own)).toBe(false)
		expect(can(concernAdmin, 'read', own)).toBe(false)
	})

	test('only a concern administrator reads the duplicate report, asks for a scan, judges and merges doubles', () => {
		const duplicates = { kind: 'duplicates' } as const
		for (const action of ['read', 'create', 'update', 'merge'] as const) {
			expect(can(concernAdmin, action, duplicates)).toBe(true)
			expect(can(twoUnitCoordinator, action, duplicates)).toBe(false)
			expect(can(manager, action, duplicates)).toBe(false)
			expect(can(employee, action, duplicates)).toBe(false)
		}
		expect(can(concernAdmin, 'approve', duplicates)).toBe(false)
		expect(can(concernAdmin, 'delete', duplicates)).toBe(false)
	})

	test('only the privacy officer reads the erasure queue and decides; a person asks for their own erasure and nobody else’s', () => {
		const officer: Actor = { userId: 'po', tenantId: RVO, grants: [{ role: 'employee', tenantId: RVO }, { role: 'privacy_officer', tenantId: null }] }
		const queue = { kind: 'erasure_request', personId: null } as const
		const someone = { kind: 'erasure_request', personId: 'someone' } as const
		for (const action of ['read', 'create', 'approve'] as const) {
			expect(can(officer, action, queue)).toBe(true)
			expect(can(officer, action, someone)).toBe(true)
			for (const other of [concernAdmin, rvoCoordinator, manager, employee]) expect(can(other, action, queue)).toBe(false)
		}
		expect(can(employee, 'create', { kind: 'erasure_request', personId: employee.userId })).toBe(true)
		expect(can(employee, 'approve', { kind: 'erasure_request', personId: employee.userId })).toBe(false)
		expect(can(employee, 'create', someone)).toBe(false)
		for (const action of ['update', 'delete', 'merge'] as const) expect(can(officer, action, someone)).toBe(false)
	})
})
