import type { TFunction } from 'i18next'
import { describe, expect, test } from 'vitest'
import { adminTaskGroups, taskOfPath, type NavigationPerson } from './tasks.ts'

// The translation is the key itself: the tests read which tasks a person gets, not their words.
const t = ((key: string) => key) as unknown as TFunction

const employee: NavigationPerson = { name: 'Sanne' }
const coordinator: NavigationPerson = { name: 'Fatima', courseAdmin: true, runsSessions: true, managesRequirements: true, readsReport: true, readsAuditTrail: true, managesXapiClients: true, managesXapiPeople: true, unit: { name: 'RVO', slug: 'rvo' } }

describe('the administration tasks', () => {
	test('an employee has none, and no page of theirs belongs to one', () => {
		expect(adminTaskGroups(employee, t)).toEqual([])
		expect(adminTaskGroups(null, t)).toEqual([])
		expect(taskOfPath(adminTaskGroups(employee, t), '/beheer/cursussen')).toBeNull()
	})

	test("a coordinator gets their unit's tasks by subject, the unit's own rules among them, and no concern task", () => {
		const groups = adminTaskGroups(coordinator, t)
		expect(groups.map((group) => group.id)).toEqual(['aanbod', 'paspoort', 'rapportages', 'regels', 'xapi'])
		const addresses = groups.flatMap((group) => group.tasks.map((task) => task.to))
		expect(addresses).toContain('/onderdelen/rvo/regels')
		// Its branding (ADR 052) beside its rules, for the same coordinators.
		expect(groups.find((group) => group.id === 'regels')?.tasks.map((task) => task.to)).toEqual(['/onderdelen/rvo/regels', '/onderdelen/rvo/huisstijl'])
		expect(taskOfPath(groups, '/onderdelen/rvo/huisstijl')?.label).toBe('branding.nav')
		expect(addresses).not.toContain('/beheer/dubbelingen')
		expect(addresses).not.toContain('/beheer/rapportages/concern')
		expect(addresses).not.toContain('/beheer/inloggen')
	})

	test("the concern administrator sets each unit's sign-in under rules, and a unit's page leads back to it", () => {
		const groups = adminTaskGroups({ name: 'Els', concernAdmin: true, managesPoDefaults: true, managesSingleSignOn: true }, t)
		expect(groups.find((group) => group.id === 'regels')?.tasks.map((task) => task.to)).toEqual(['/beheer/regels', '/beheer/inloggen'])
		expect(taskOfPath(groups, '/beheer/inloggen/rvo')?.to).toBe('/beheer/inloggen')
	})

	test('a page belongs to the task with the longest matching address, never to a mere prefix of a word', () => {
		const groups = adminTaskGroups({ ...coordinator, readsConcernReport: true, managesConcernRequirements: true }, t)
		expect(taskOfPath(groups, '/beheer/cursussen/0193/vragen')?.to).toBe('/beheer/cursussen')
		expect(taskOfPath(groups, '/beheer/rapportages/concern')?.to).toBe('/beheer/rapportages/concern')
		expect(taskOfPath(groups, '/beheer/rapportages')?.to).toBe('/beheer/rapportages')
		expect(taskOfPath(groups, '/beheer/eisen-concern')?.to).toBe('/beheer/eisen-concern')
		expect(taskOfPath(groups, '/beheer')).toBeNull()
		expect(taskOfPath(groups, '/catalogus')).toBeNull()
	})
})
