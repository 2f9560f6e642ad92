import type { CourseForm, CourseStatus, Language } from '@leerplein/domain'
import { DAY_MS } from './calendar.ts'
import { ANGLES, type Angle } from './content/angles.ts'
import { TOPICS, type Topic } from './content/topics.ts'
import { UNITS } from './content/units.ts'
import { Random } from './prng.ts'
import { SCALE_SIZES, type SeedScale } from './scales.ts'

/**
 * The catalogue half of the plan. A course is one topic seen from one angle; every
 * (topic, angle) pair is used once, so courses that share a topic are still different
 * offerings. Only the deliberate near-duplicate clusters reuse a pair: the same offering,
 * provided by several units in slightly different words. Like the organisation, this
 * depends only on the scale, so `seededDuplicateClusters` can recompute it without a db.
 */

const CATALOGUE_AGE_MS = 3 * 365 * DAY_MS
/** About this share of the catalogue sits in near-duplicate clusters. */
const DUPLICATE_SHARE = 0.05

export type Combination = { topic: Topic; angle: Angle }

export type PlannedCourse = {
	index: number
	id: string
	providerIndex: number
	topic: Topic
	angle: Angle
	/** 0: the angle's own title; 1–3: one of its variant wordings (near-duplicates only). */
	wording: number
	/** 0 for the first course of a (topic, angle) pair; the large scale runs out of pairs and tailors repeats to a field of work (series n → WORK_CONTEXTS[n - 1]). */
	series: number
	cluster: number | null
	language: Language
	form: CourseForm
	durationMinutes: number
	priceCents: number
	visibility: 'concern' | 'selected'
	/** Units a 'selected' course is opened to (the provider always sees its own). */
	audienceIndexes: number[]
	status: CourseStatus
	ageMs: number
	/** Relative demand, used to give popular courses more sessions. */
	popularity: number
}

export type CoursePlan = {
	courses: PlannedCourse[]
	/** Course indexes per near-duplicate cluster. */
	clusters: number[][]
}

/** Every sensible (topic, angle) pair, in one fixed random order shared by all scales. */
export function allCombinations(): Combination[] {
	const combinations: Combination[] = []
	for (const topic of TOPICS) {
		for (const angle of ANGLES) {
			if (!angle.kinds.includes(topic.kind)) continue
			if (angle.themes && !angle.themes.includes(topic.theme)) continue
			if (angle.notThemes?.includes(topic.theme)) continue
			if (topic.skip.includes(angle.key)) continue
			combinations.push({ topic, angle })
		}
	}
	return Random.stream('combinations').shuffle(combinations)
}

export function planCourses(scale: SeedScale): CoursePlan {
	const random = Random.stream('courses', scale)
	const total = SCALE_SIZES[scale].courses
	const combinations = allCombinations()

	const clusterSizes: number[] = []
	const duplicateTarget = Math.round(total * DUPLICATE_SHARE)
	// Even the small scale gets a few clusters, so dedup tests have something to find.
	for (let sum = 0; sum < duplicateTarget || clusterSizes.length < 3; ) {
		const size = Math.min(Number(random.weighted({ '2': 45, '3': 35, '4': 20 })), Math.max(2, duplicateTarget - sum))
		clusterSizes.push(size)
		sum += size
	}

	const courses: PlannedCourse[] = []
	const clusters: number[][] = []
	let nextCombination = 0

	for (const [cluster, size] of clusterSizes.entries()) {
		const { topic, angle } = combinations[nextCombination++]!
		const providers = pickDistinctProviders(random, topic, size)
		const wordings = random.shuffle([0, 1, 2, 3]).slice(0, size)
		const head = drawAttributes(random, topic, angle, providers[0]!)
		const members: number[] = []
		for (const [k, providerIndex] of providers.entries()) {
			const form = k === 0 || angle.forms || random.chance(0.75) ? head.form : SIMILAR_FORM[head.form]
			const durationMinutes = k === 0 ? head.durationMinutes : similarDuration(random, head.durationMinutes, angle)
			const priceCents = k === 0 ? head.priceCents : similarPrice(random, head.priceCents)
			const ageMs = drawAge(random)
			members.push(courses.length)
			courses.push({
				index: courses.length,
				id: random.uuid(ageMs),
				providerIndex,
				topic,
				angle,
				wording: wordings[k]!,
				series: 0,
				cluster,
				language: 'nl',
				form,
				durationMinutes,
				priceCents,
				// Near-duplicates are published to the whole concern: that is what makes them a problem.
				visibility: 'concern',
				audienceIndexes: [],
				status: 'published',
				ageMs,
				popularity: head.popularity * random.around(1, 0.3),
			})
		}
		clusters.push(members)
	}

	while (courses.length < total) {
		const n = nextCombination++
		const { topic, angle } = combinations[n % combinations.length]!
		const providerIndex = pickProvider(random, topic)
		const attributes = drawAttributes(random, topic, angle, providerIndex)
		const ageMs = drawAge(random)
		const statusRoll = random.next()
		const selected = random.chance(0.12)
		courses.push({
			index: courses.length,
			id: random.uuid(ageMs),
			providerIndex,
			topic,
			angle,
			wording: 0,
			series: Math.floor(n / combinations.length),
			cluster: null,
			language: attributes.language,
			form: attributes.form,
			durationMinutes: attributes.durationMinutes,
			priceCents: attributes.priceCents,
			visibility: selected ? 'selected' : 'concern',
			audienceIndexes: selected ? pickAudience(random, providerIndex) : [],
			status: statusRoll < 0.03 ? 'draft' : statusRoll < 0.06 ? 'archived' : 'published',
			ageMs,
			popularity: attributes.popularity,
		})
	}
	return { courses, clusters }
}

function drawAge(random: Random): number {
	// Whole minutes within office-ish hours keep createdAt plausible; ids follow the same age.
	return Math.floor(random.next() * (CATALOGUE_AGE_MS - DAY_MS)) + DAY_MS + random.int(0, 59) * 60_000
}

function providerWeights(topic: Topic): Record<string, number> {
	return Object.fromEntries(
		UNITS.map((unit, index) => [String(index), unit.courseWeight * (unit.favouriteThemes.includes(topic.theme) ? 3 : 1)]),
	)
}

function pickProvider(random: Random, topic: Topic): number {
	return Number(random.weighted(providerWeights(topic)))
}

function pickDistinctProviders(random: Random, topic: Topic, count: number): number[] {
	const weights = providerWeights(topic)
	const picked: number[] = []
	while (picked.length < count) {
		const index = random.weighted(weights)
		picked.push(Number(index))
		weights[index] = 0
	}
	return picked
}

function pickAudience(random: Random, providerIndex: number): number[] {
	const others = UNITS.map((_, index) => index).filter((index) => index !== providerIndex)
	return random
		.shuffle(others)
		.slice(0, random.int(1, 3))
		.sort((a, b) => a - b)
}

const SIMILAR_FORM: Record<CourseForm, CourseForm> = {
	classroom: 'blended',
	blended: 'classroom',
	elearning: 'webinar',
	webinar: 'elearning',
}

const FORM_MIX: Record<Topic['kind'], Partial<Record<CourseForm, number>>> = {
	general: { classroom: 40, elearning: 22, blended: 15, webinar: 23 },
	tool: { classroom: 35, elearning: 45, webinar: 20 },
	certificate: { classroom: 55, blended: 25, elearning: 20 },
}

/** Realistic lengths per form, in minutes: half a day to three days in class, short e-learnings and webinars. */
const DURATIONS: Record<CourseForm, number[]> = {
	classroom: [180, 210, 240, 240, 360, 420, 420, 420, 840, 840, 1260],
	elearning: [30, 45, 60, 60, 90, 120, 180, 240],
	blended: [480, 720, 960, 1260, 1680, 2400],
	webinar: [45, 60, 60, 90, 90, 120],
}

/** Share of free courses per form: most online courses are free, classroom courses often cost money. */
const FREE_SHARE: Record<CourseForm, number> = { classroom: 0.4, blended: 0.3, elearning: 0.8, webinar: 0.9 }

function drawAttributes(random: Random, topic: Topic, angle: Angle, providerIndex: number) {
	const provider = UNITS[providerIndex]!
	const language: Language = random.chance(provider.poOverrides.defaultLanguage === 'en' ? 0.4 : 0.05) ? 'en' : 'nl'
	const form = random.weighted(angle.forms ?? FORM_MIX[topic.kind])
	const durationMinutes = angle.durationMinutes ?? drawDuration(random, topic, angle, form)
	const freeShare = topic.kind === 'certificate' ? 0.1 : angle.key === 'masterclass' || angle.key === 'coaching' ? 0.2 : FREE_SHARE[form]
	const hourlyEuros = topic.kind === 'certificate' ? 90 : random.pick([35, 45, 55, 65, 80])
	const priceCents = random.chance(freeShare) ? 0 : euroPrice((durationMinutes / 60) * hourlyEuros, random)
	// Demand is skewed: a few courses are very popular, most are not.
	const popularity = Math.exp(random.around(0, 1.4))
	return { language, form, durationMinutes, priceCents, popularity }
}

function drawDuration(random: Random, topic: Topic, angle: Angle, form: CourseForm): number {
	if (angle.key === 'leergang') return random.pick([1680, 2400, 3360])
	if (topic.kind === 'certificate' && form === 'classroom') {
		return angle.key === 'herhaling' ? random.pick([240, 420]) : random.pick([420, 840, 1260])
	}
	return random.pick(DURATIONS[form])
}

/** A price in whole euros between €45 and €2,500, in the shapes people quote (€395, €1,250). */
function euroPrice(rawEuros: number, random: Random): number {
	const rounded = Math.max(45, Math.min(2_500, Math.round(rawEuros / 25) * 25))
	const euros = rounded >= 200 && random.chance(0.5) ? rounded - 5 : rounded
	return euros * 100
}

function similarDuration(random: Random, minutes: number, angle: Angle): number {
	if (angle.durationMinutes) return angle.durationMinutes
	const step = minutes <= 120 ? 15 : 30
	return Math.max(step, Math.round((minutes * random.around(1, 0.2)) / step) * step)
}

function similarPrice(random: Random, priceCents: number): number {
	if (priceCents === 0) return random.chance(0.7) ? 0 : euroPrice(random.pick([95, 150, 195, 250]), random)
	if (random.chance(0.15)) return 0
	return Math.max(500, Math.round((priceCents * random.around(1, 0.15)) / 500) * 500)
}
