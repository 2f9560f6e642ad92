import type { Role } from '@leerplein/domain'

/** Where in a unit's organisation a persona is placed by the plan. */
export type PersonaSlot = 'employee' | 'manager' | 'coordinator' | 'concern_admin' | 'privacy_officer'

export type PersonaDetails = {
	key: string
	email: string
	name: string
	/**
	 * A fixed employee number, so single sign-on tests can assert it; outside the range of the
	 * generated numbers (7 digits below 1,000,000), so it is unique in every scale.
	 */
	employeeNumber: string
	/** The unit the persona works in (the concern administrator's home unit is Kerndepartement). */
	homeUnitSlug: string
	slot: PersonaSlot
	roles: Role[]
}

/**
 * Well-known people in every scale, so tests and the demo sign-in can find them. The RVO
 * employee reports to the RVO manager; the concern administrator acts for the whole concern.
 */
export const PERSONA_DETAILS: PersonaDetails[] = [
	{
		key: 'rvo-employee',
		employeeNumber: '9000001',
		email: 'demo.medewerker@rvo.demo.rijksoverheid.nl',
		name: 'Sanne de Vries',
		homeUnitSlug: 'rvo',
		slot: 'employee',
		roles: ['employee'],
	},
	{
		key: 'rvo-manager',
		employeeNumber: '9000002',
		email: 'demo.leidinggevende@rvo.demo.rijksoverheid.nl',
		name: 'Mark Jansen',
		homeUnitSlug: 'rvo',
		slot: 'manager',
		roles: ['employee', 'manager'],
	},
	{
		key: 'rvo-coordinator',
		employeeNumber: '9000003',
		email: 'demo.coordinator@rvo.demo.rijksoverheid.nl',
		name: 'Fatima el Amrani',
		homeUnitSlug: 'rvo',
		slot: 'coordinator',
		roles: ['employee', 'coordinator'],
	},
	{
		key: 'nvwa-employee',
		employeeNumber: '9000004',
		email: 'demo.medewerker@nvwa.demo.rijksoverheid.nl',
		name: 'Lotte van Dijk',
		homeUnitSlug: 'nvwa',
		slot: 'employee',
		roles: ['employee'],
	},
	{
		key: 'nvwa-coordinator',
		employeeNumber: '9000005',
		email: 'demo.coordinator@nvwa.demo.rijksoverheid.nl',
		name: 'Peter Bakker',
		homeUnitSlug: 'nvwa',
		slot: 'coordinator',
		roles: ['employee', 'coordinator'],
	},
	{
		key: 'concern-admin',
		employeeNumber: '9000006',
		email: 'demo.beheerder@kd.demo.rijksoverheid.nl',
		name: 'Els Visser',
		homeUnitSlug: 'kd',
		slot: 'concern_admin',
		roles: ['employee', 'concern_admin'],
	},
	{
		// The concern's privacy officer (ADR 054): handles erasure requests and sets retention.
		key: 'privacy-officer',
		employeeNumber: '9000007',
		email: 'demo.privacy@kd.demo.rijksoverheid.nl',
		name: 'Noor Hendriks',
		homeUnitSlug: 'kd',
		slot: 'privacy_officer',
		roles: ['employee', 'privacy_officer'],
	},
]
