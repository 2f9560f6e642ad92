import { Faker, base, en, nl } from '@faker-js/faker'
import {
	CONCERN_DEFAULT_PO_SETTINGS,
	effectivePoSettings,
	poOverridesSchema,
	type Language,
	type PoOverrides,
	type PoSettings,
	type Role,
} from '@leerplein/domain'
import { DAY_MS } from './calendar.ts'
import { PERSONA_DETAILS, type PersonaDetails } from './content/personas.ts'
import { THEMES } from './content/themes.ts'
import { MANAGEMENT_PROFILES, UNITS, type UnitContent } from './content/units.ts'
import { hashSeed, Random, SEED } from './prng.ts'
import { SCALE_SIZES, type SeedScale } from './scales.ts'

/**
 * The organisation half of the plan: units, themes, job profiles, locations, people and
 * roles. It depends only on the scale (never on `now`): rows carry an age, and the writer
 * turns ages into timestamps.
 */

const YEAR_MS = 365 * DAY_MS
/** Leerplein replaced the nine old environments about three years ago; units and people were imported then. */
const LAUNCH_AGE_MS = 3 * YEAR_MS + 45 * DAY_MS

export const EMAIL_DOMAIN = 'demo.rijksoverheid.nl'

export type PlannedTenant = {
	id: string
	slug: string
	name: string
	shortName: string
	poOverrides: PoOverrides
	/** The rules in force (concern defaults plus overrides), used to plan approvals. */
	settings: PoSettings
	ageMs: number
}

export type PlannedTheme = { id: string; slug: string; nameNl: string; nameEn: string }

export type PlannedJobProfile = { id: string; tenantIndex: number; name: string; ageMs: number }

export type PlannedLocation = { id: string; tenantIndex: number; name: string; address: string; city: string; ageMs: number }

export type PlannedUser = {
	id: string
	tenantIndex: number
	employeeNumber: string
	name: string
	email: string
	jobProfileIndex: number
	/** Index into `users` of the manager; null for a unit's director. */
	managerIndex: number | null
	/** 0 for employees, 1 for team leads, higher up the line; the director has the highest level. */
	level: number
	preferredLanguage: Language | null
	active: boolean
	ageMs: number
}

export type PlannedRole = { id: string; userIndex: number; role: Role; tenantIndex: number | null; ageMs: number }

export type Organisation = {
	tenants: PlannedTenant[]
	themes: PlannedTheme[]
	jobProfiles: PlannedJobProfile[]
	locations: PlannedLocation[]
	/** Managers come before the people who report to them, so users can be inserted in order. */
	users: PlannedUser[]
	roles: PlannedRole[]
	/** Per unit, the indexes of its active users: who can enrol. */
	activeUsersByTenant: number[][]
	/** Persona key → user index. */
	personaUsers: Map<string, number>
}

export function planOrganisation(scale: SeedScale): Organisation {
	const random = Random.stream('organisation')
	const tenants = UNITS.map((unit, index) => planTenant(unit, index, random))
	const themes: PlannedTheme[] = THEMES.map((theme) => ({ id: random.uuid(LAUNCH_AGE_MS + DAY_MS), ...theme }))

	const jobProfiles: PlannedJobProfile[] = []
	const locations: PlannedLocation[] = []
	for (const [tenantIndex, unit] of UNITS.entries()) {
		for (const name of [...Object.keys(unit.jobProfiles), ...Object.values(MANAGEMENT_PROFILES)]) {
			jobProfiles.push({ id: random.uuid(LAUNCH_AGE_MS), tenantIndex, name, ageMs: LAUNCH_AGE_MS })
		}
		for (const location of unit.locations) {
			const ageMs = LAUNCH_AGE_MS - random.int(0, 700) * DAY_MS
			locations.push({ id: random.uuid(ageMs), tenantIndex, ...location, ageMs })
		}
	}

	const people = planPeople(scale, jobProfiles)
	return { tenants, themes, jobProfiles, locations, ...people }
}

function planTenant(unit: UnitContent, index: number, random: Random): PlannedTenant {
	// The domain's schema guards the hand-written rules, so a typo fails the seed rather than the portal.
	const poOverrides = poOverridesSchema.parse(unit.poOverrides)
	const ageMs = LAUNCH_AGE_MS + (9 - index) * 60_000
	return {
		id: random.uuid(ageMs),
		slug: unit.slug,
		name: unit.name,
		shortName: unit.shortName,
		poOverrides,
		settings: effectivePoSettings(CONCERN_DEFAULT_PO_SETTINGS, poOverrides),
		ageMs,
	}
}

/** How many people a unit has at a scale; small units keep enough people for every role. */
export function unitHeadcount(unit: UnitContent, scale: SeedScale): number {
	return Math.max(12, Math.round(unit.employees * SCALE_SIZES[scale].employeeFactor))
}

/**
 * Management layers, top first: one team lead per ~11 people, and each higher manager
 * leads ~8 managers, up to a single director.
 */
function managementLayers(headcount: number): number[] {
	const layers = [Math.max(1, Math.round(headcount / 11))]
	while (layers[0]! > 1) layers.unshift(Math.ceil(layers[0]! / 8))
	return layers
}

function planPeople(scale: SeedScale, jobProfiles: PlannedJobProfile[]) {
	const random = Random.stream('people')
	const faker = new Faker({ locale: [nl, en, base] })
	faker.seed(hashSeed(SEED, 'names'))
	const takenEmails = new Set(PERSONA_DETAILS.map((persona) => persona.email))

	const users: PlannedUser[] = []
	const roles: PlannedRole[] = []
	const activeUsersByTenant: number[][] = []
	const personaUsers = new Map<string, number>()
	const coordinatorsByTenant: number[][] = []

	const profileIndex = (tenantIndex: number, name: string) => {
		const index = jobProfiles.findIndex((profile) => profile.tenantIndex === tenantIndex && profile.name === name)
		if (index < 0) throw new Error(`no job profile ${name} in unit ${tenantIndex}`)
		return index
	}

	for (const [tenantIndex, unit] of UNITS.entries()) {
		const headcount = unitHeadcount(unit, scale)
		const layers = managementLayers(headcount)
		const topLevel = layers.length
		// levels[k] holds the user indexes of layer k (0 = director), and last the plain employees.
		const levels: number[][] = []
		let employeeNumber = 100_000 + random.int(0, 400_000)

		const addUser = (level: number, managerIndex: number | null, profile: string) => {
			const first = faker.person.firstName()
			const last = faker.person.lastName()
			employeeNumber += random.int(1, 9)
			const ageMs = LAUNCH_AGE_MS - random.int(0, 60) * DAY_MS
			const language: Language | null = random.chance(unit.slug === 'cpb' ? 0.2 : 0.03)
				? 'en'
				: random.chance(0.1)
					? 'nl'
					: null
			users.push({
				id: random.uuid(ageMs),
				tenantIndex,
				employeeNumber: String(employeeNumber).padStart(7, '0'),
				name: `${first} ${last}`,
				email: uniqueEmail(first, last, unit.slug, takenEmails),
				jobProfileIndex: profileIndex(tenantIndex, profile),
				managerIndex,
				level,
				preferredLanguage: language,
				active: true,
				ageMs,
			})
			return users.length - 1
		}

		const managementProfile = (layer: number) =>
			layer === 0 ? MANAGEMENT_PROFILES.director : layer === layers.length - 1 ? MANAGEMENT_PROFILES.teamLead : MANAGEMENT_PROFILES.head
		for (const [layer, count] of layers.entries()) {
			const above = levels[layer - 1]
			levels.push(
				Array.from({ length: count }, (_, j) =>
					addUser(topLevel - layer, above ? above[Math.floor((j * above.length) / count)]! : null, managementProfile(layer)),
				),
			)
		}
		const teamLeads = levels[levels.length - 1]!
		const employeeCount = headcount - layers.reduce((sum, n) => sum + n, 0)
		const employees = Array.from({ length: employeeCount }, (_, j) =>
			addUser(0, teamLeads[Math.floor((j * teamLeads.length) / employeeCount)]!, random.weighted(unit.jobProfiles)),
		)

		// People with a special part to play: personas first, then coordinators and concern administrators.
		const personas = PERSONA_DETAILS.filter((persona) => persona.homeUnitSlug === unit.slug)
		const reserved = new Set<number>()
		const placePersona = (persona: PersonaDetails, userIndex: number) => {
			const user = users[userIndex]!
			user.name = persona.name
			user.email = persona.email
			user.employeeNumber = persona.employeeNumber
			user.preferredLanguage = 'nl'
			reserved.add(userIndex)
			personaUsers.set(persona.key, userIndex)
		}
		for (const persona of personas.filter((p) => p.slot === 'manager')) placePersona(persona, teamLeads[0]!)
		// The first employees report to the first team lead, so an employee persona has a manager (a persona in RVO).
		let nextEmployee = 0
		for (const persona of personas.filter((p) => p.slot === 'employee')) placePersona(persona, employees[nextEmployee++]!)

		const candidates = random.shuffle(employees.filter((index) => !reserved.has(index)))
		const coordinatorCount = Math.min(10, Math.max(2, Math.round(headcount / 400)))
		const coordinators = candidates.splice(0, coordinatorCount)
		for (const [k, persona] of personas.filter((p) => p.slot === 'coordinator').entries()) placePersona(persona, coordinators[k]!)
		coordinatorsByTenant.push(coordinators)

		if (unit.slug === 'kd') {
			const admins = candidates.splice(0, 2)
			// The first is the concern administrator, the second the privacy officer (ADR 054).
			const [admin, officer] = admins as [number, number]
			for (const persona of personas.filter((p) => p.slot === 'concern_admin')) placePersona(persona, admin)
			for (const persona of personas.filter((p) => p.slot === 'privacy_officer')) placePersona(persona, officer)
			roles.push(role(random, admin, 'concern_admin', null), role(random, officer, 'privacy_officer', null))
		}

		// About one in a hundred accounts belongs to someone who has left; they keep their history but cannot enrol.
		for (const userIndex of candidates) if (random.chance(0.01)) users[userIndex]!.active = false

		const unitUsers = [...levels.flat(), ...employees]
		for (const userIndex of unitUsers) roles.push(role(random, userIndex, 'employee', tenantIndex))
		for (const userIndex of levels.flat()) roles.push(role(random, userIndex, 'manager', tenantIndex))
		for (const userIndex of coordinators) roles.push(role(random, userIndex, 'coordinator', tenantIndex))
		activeUsersByTenant.push(unitUsers.filter((userIndex) => users[userIndex]!.active))
	}

	// Kerndepartement's first coordinator also runs the offering of CPB, a small unit without its own L&D desk.
	const cpbIndex = UNITS.findIndex((unit) => unit.slug === 'cpb')
	const kdCoordinator = coordinatorsByTenant[UNITS.findIndex((unit) => unit.slug === 'kd')]![0]!
	roles.push(role(random, kdCoordinator, 'coordinator', cpbIndex))

	return { users, roles, activeUsersByTenant, personaUsers }
}

function role(random: Random, userIndex: number, name: Role, tenantIndex: number | null): PlannedRole {
	const ageMs = LAUNCH_AGE_MS - random.int(0, 90) * DAY_MS
	return { id: random.uuid(ageMs), userIndex, role: name, tenantIndex, ageMs }
}

/** voornaam.achternaam@unit.demo.rijksoverheid.nl, with a number when the name is taken. */
function uniqueEmail(first: string, last: string, unitSlug: string, taken: Set<string>): string {
	const local = `${asciiLower(first)}.${asciiLower(last)}`
	for (let n = 1; ; n++) {
		const email = `${local}${n === 1 ? '' : n}@${unitSlug}.${EMAIL_DOMAIN}`
		if (!taken.has(email)) {
			taken.add(email)
			return email
		}
	}
}

function asciiLower(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z]/g, '')
}
