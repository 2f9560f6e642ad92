import type { CourseForm } from '@leerplein/domain'
import type { Angle } from './content/angles.ts'
import type { Topic } from './content/topics.ts'
import { UNITS } from './content/units.ts'
import { WORK_CONTEXTS, type WorkContext } from './content/work-contexts.ts'
import { reword, toInformal } from './content/wording.ts'
import type { PlannedCourse } from './plan-courses.ts'
import { Random } from './prng.ts'

export type CourseText = {
	title: string
	summary: string
	description: string
	keywords: string[]
	/** The course form's fields of issue 14: one goal per line, who it is for, what to know before, whom to ask. */
	learningGoals: string
	targetAudience: string
	prerequisites: string
	contactName: string
	contactEmail: string
}

/**
 * Writes a course's title, summary, description, keywords, learning goals, audience,
 * prerequisites and contact. Text is rendered only when
 * the course is inserted (the large scale would otherwise hold 50,000 descriptions in
 * memory), from a random stream of its own: members of a near-duplicate cluster share one
 * stream for the content and differ only in wording.
 */
export function renderCourseText(course: PlannedCourse): CourseText {
	const content = Random.stream('course-content', course.cluster === null ? `course-${course.index}` : `cluster-${course.cluster}`)
	const wording = Random.stream('course-wording', course.index)
	return course.language === 'en' ? englishText(course, content) : dutchText(course, content, wording)
}

function fill(template: string, topic: Topic): string {
	return template
		.replaceAll('{N}', topic.name)
		.replaceAll('{i}', topic.inline)
		.replaceAll('{E}', topic.en)
		.replaceAll('{e}', topic.enInline)
}

export function courseTitle(course: PlannedCourse): string {
	const { angle, topic } = course
	const template = course.language === 'en' ? angle.titleEn : course.wording === 0 ? angle.title : angle.variants[course.wording - 1]!
	const title = fill(template, topic)
	const titled = title.charAt(0).toUpperCase() + title.slice(1)
	const context = workContext(course)
	if (!context) return titled
	return `${titled} ${course.language === 'en' ? context.titleEn : context.title}`
}

/** The field of work a large-scale repeat of a (topic, angle) pair is tailored to. */
function workContext(course: PlannedCourse): WorkContext | null {
	if (course.series === 0) return null
	const context = WORK_CONTEXTS[course.series - 1]
	if (!context) throw new Error(`No work context for series ${course.series}: add WORK_CONTEXTS or lower the scale`)
	return context
}

const FOCUS_SENTENCES = [
	'We behandelen onder meer {a}, {b} en {c}.',
	'Onderwerpen zijn onder meer {a}, {b} en {c}.',
	'Aan bod komen {a}, {b} en {c}.',
]

/** Each names one focus item; a description uses two of them, for two different items. */
const GOAL_SENTENCES = [
	'Na afloop heeft u meer inzicht in {x}.',
	'U leert hoe u in uw eigen werk omgaat met {x}.',
	'U oefent met situaties uit uw eigen werk, bijvoorbeeld rond {x}.',
	'We staan stil bij de valkuilen rond {x}.',
	'U krijgt praktische handvatten voor {x}.',
	'Ook is er aandacht voor {x}.',
]

const CLOSING_SENTENCES = [
	'Na afloop ontvangt u een bewijs van deelname.',
	'{This} telt mee voor het Kwaliteitspaspoort van functies waarvoor dit onderwerp verplicht is.',
	'Aan het eind schrijft u een kaart aan uzelf met uw voornemens; die ontvangt u na drie maanden terug.',
	'Na drie maanden vragen we u wat {the} heeft opgeleverd in uw werk.',
]

/** How a description names the course ("deze training", "dit webinar"), by form. */
type Kind = { the: string; this: string }

function kindOf(form: CourseForm, angle: Angle): Kind {
	const de = (word: string): Kind => ({ the: `de ${word}`, this: `deze ${word}` })
	if (angle.key === 'leergang') return de('leergang')
	switch (form) {
		case 'classroom':
			return de('training')
		case 'elearning':
			return de('e-learning')
		case 'webinar':
			return { the: 'het webinar', this: 'dit webinar' }
		case 'blended':
			return de('cursus')
		default: {
			const unreachable: never = form
			return unreachable
		}
	}
}

function dutchText(course: PlannedCourse, content: Random, wording: Random): CourseText {
	const { topic, angle } = course
	// Draw every shared choice up front, in a fixed order, so cluster members make the same choices.
	const [a, b, c] = content.shuffle(topic.focus) as [string, string, string]
	const focusSentence = content.pick(FOCUS_SENTENCES)
	const goals = content.shuffle(GOAL_SENTENCES).slice(0, 2)
	const intro = content.int(0, 1)
	const summaryChoice = content.int(0, 1)
	const closing = content.pick(CLOSING_SENTENCES)
	const withClosing = content.chance(0.6)
	const logisticsChoice = content.next()

	const kind = kindOf(course.form, angle)
	const paragraphs: string[][] = [
		[fill(angle.intros[intro]!, topic), focusSentence.replace('{a}', a).replace('{b}', b).replace('{c}', c)],
		[goals[0]!.replace('{x}', b), goals[1]!.replace('{x}', c), fill(angle.extra, topic)],
		...contextParagraph(course),
		logistics(course, kind, logisticsChoice),
		[
			`${capitalise(kind.this)} is bedoeld voor ${fill(angle.audience, topic)}.`,
			levelSentence(angle, topic, kind),
			...(course.priceCents > 0 ? ['De kosten worden doorbelast aan uw afdeling.'] : []),
			...(withClosing ? [capitalise(closing.replace('{This}', kind.this).replace('{the}', kind.the))] : []),
		],
	]

	// A near-duplicate is the same offering written up by another unit: same content, other words.
	const isVariant = course.cluster !== null
	if (isVariant && wording.chance(0.4)) paragraphs[1]!.reverse()
	if (isVariant && wording.chance(0.3)) paragraphs.pop()
	let summary = fill(angle.summaries[isVariant ? (summaryChoice + course.wording) % 2 : summaryChoice]!, topic)
	let description = paragraphs.map((sentences) => sentences.join(' ')).join('\n\n')
	if (isVariant) {
		summary = reword(summary, wording)
		description = reword(description, wording)
	}
	let learningGoals = dutchGoals(angle, [a, b, c])
	let prerequisites = dutchPrerequisites(angle, topic)
	if (UNITS[course.providerIndex]!.voice === 'je') {
		summary = toInformal(summary)
		description = toInformal(description)
		learningGoals = toInformal(learningGoals)
		prerequisites = toInformal(prerequisites)
	}
	return {
		title: courseTitle(course),
		summary: capitalise(summary),
		description,
		keywords: keywords(course),
		learningGoals,
		targetAudience: `${capitalise(fill(angle.audience, topic))}.`,
		prerequisites,
		...contactOf(course),
	}
}

/**
 * Three learning goals, one per line, from the topic's focus items (already in the course's own
 * order) and the angle's depth. No draws from the random streams: the texts that existed before
 * the course form (and the duplicate ground truth built on them) stay exactly as they were.
 */
function dutchGoals(angle: Angle, [a, b, c]: [string, string, string]): string {
	switch (angle.level) {
		case 'basis':
			return [`U kunt uitleggen wat ${a} inhoudt.`, `U herkent ${b} in uw eigen werk.`, `U weet bij wie u terechtkunt met vragen over ${c}.`].join('\n')
		case 'gevorderd':
			return [`U past ${a} zelfstandig toe in uw eigen werk.`, `U weegt de keuzes rond ${b} af en legt ze uit aan collega’s.`, `U herkent de valkuilen rond ${c} en voorkomt ze.`].join('\n')
		case 'expert':
			return [`U adviseert anderen over ${a}.`, `U beoordeelt lastige situaties rond ${b} en onderbouwt uw oordeel.`, `U verbetert de aanpak van ${c} in uw organisatie.`].join('\n')
		default: {
			const unreachable: never = angle.level
			return unreachable
		}
	}
}

function dutchPrerequisites(angle: Angle, topic: Topic): string {
	switch (angle.level) {
		case 'basis':
			return ''
		case 'gevorderd':
			return `Enige ervaring met ${topic.inline} in uw eigen werk, of een basiscursus erover.`
		case 'expert':
			return `Ruime ervaring met ${topic.inline}. U brengt een eigen casus mee.`
		default: {
			const unreachable: never = angle.level
			return unreachable
		}
	}
}

/** The opleidingsadviseurs a unit's courses name as contact: a few per unit, taken in turn. */
const ADVISERS = [
	['Anouk', 'de Vries'],
	['Bram', 'Jansen'],
	['Fatma', 'Yilmaz'],
	['Joost', 'van Dijk'],
	['Lotte', 'Bakker'],
	['Mohamed', 'El Idrissi'],
	['Sanne', 'Visser'],
	['Thijs', 'Mulder'],
] as const

function contactOf(course: PlannedCourse): { contactName: string; contactEmail: string } {
	const unit = UNITS[course.providerIndex]!
	const [first, last] = ADVISERS[(course.providerIndex * 3 + (course.index % 3)) % ADVISERS.length]!
	const local = `${first}.${last}`.toLowerCase().replace(/\s+/g, '')
	return { contactName: `${first} ${last}`, contactEmail: `${local}@${unit.slug}.demo.rijksoverheid.nl` }
}

function contextParagraph(course: PlannedCourse): string[][] {
	const context = workContext(course)
	return context ? [[`Deze variant is toegespitst op het werk ${context.title}.`, `De casussen komen uit ${context.cases}.`]] : []
}

function levelSentence(angle: Angle, topic: Topic, kind: Kind): string {
	switch (angle.level) {
		case 'basis':
			return 'Voorkennis is niet nodig.'
		case 'gevorderd':
			return `Enige ervaring met ${topic.inline} is gewenst.`
		case 'expert':
			return `${capitalise(kind.this)} vraagt ruime ervaring met ${topic.inline}.`
		default: {
			const unreachable: never = angle.level
			return unreachable
		}
	}
}

function logistics(course: PlannedCourse, kind: Kind, choice: number): string[] {
	const minutes = course.durationMinutes
	const days = Math.ceil(minutes / 420)
	switch (course.form) {
		case 'classroom':
			if (minutes <= 480) {
				return [
					`${capitalise(kind.the)} duurt ${dutchDuration(minutes)} en vindt plaats op locatie.`,
					choice < 0.5 ? "Er is veel ruimte voor oefenen en voor uitwisseling met collega's." : 'De groep is klein, zodat er tijd is voor uw eigen vragen.',
				]
			}
			return [
				`${capitalise(kind.the)} bestaat uit ${dutchNumber(days)} bijeenkomsten op locatie.`,
				choice < 0.5 ? 'Tussen de bijeenkomsten door past u het geleerde toe in uw werk.' : 'Lunch en koffie zijn inbegrepen.',
			]
		case 'elearning':
			return [
				`U doorloopt de e-learning in uw eigen tempo; reken op ongeveer ${dutchDuration(minutes)}.`,
				'De e-learning staat in Moodle; u start hem vanuit Leerplein en uw voortgang wordt automatisch bijgehouden.',
			]
		case 'webinar':
			return [
				`Het webinar duurt ${dutchDuration(minutes)} en is live te volgen.`,
				choice < 0.5 ? 'Een opname is achteraf beschikbaar voor deelnemers.' : 'U kunt vooraf vragen insturen.',
			]
		case 'blended':
			return [
				`${capitalise(kind.the)} combineert ${dutchNumber(Math.max(2, days))} bijeenkomsten op locatie met online modules in Moodle.`,
				`Reken in totaal op ongeveer ${Math.round(minutes / 60)} uur, verdeeld over enkele weken.`,
			]
		default: {
			const unreachable: never = course.form
			return unreachable
		}
	}
}

function dutchDuration(minutes: number): string {
	if (minutes < 60) return `${minutes} minuten`
	if (minutes <= 240 && minutes % 60 === 0) return minutes === 60 ? 'een uur' : `${minutes / 60} uur`
	if (minutes < 180) return `${String(minutes / 60).replace('.', ',')} uur`
	if (minutes <= 240) return 'een dagdeel'
	if (minutes <= 480) return 'een dag'
	return `${dutchNumber(Math.ceil(minutes / 420))} dagen`
}

function dutchNumber(n: number): string {
	return ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'][n] ?? String(n)
}

function englishText(course: PlannedCourse, content: Random): CourseText {
	const { topic, angle } = course
	const practice = content.pick([
		'You will practise with situations from your own work and leave with concrete next steps.',
		'The course mixes short talks, discussion and exercises based on cases from central government.',
		'Participants from different units share their experience, so you learn from each other as well.',
	])
	const format: Record<CourseForm, string> = {
		classroom: `The course takes place on site and lasts ${englishDuration(course.durationMinutes)}.`,
		elearning: `You work through the e-learning in Moodle at your own pace; allow about ${englishDuration(course.durationMinutes)}.`,
		webinar: `The webinar lasts ${englishDuration(course.durationMinutes)} and can be followed live.`,
		blended: 'The programme combines classroom sessions with online modules in Moodle.',
	}
	const summary = fill(angle.summaryEn, topic)
	const context = workContext(course)
	const description = [
		context ? `${summary} This edition is tailored to work ${context.titleEn}.` : `${summary} It draws on examples from across central government.`,
		practice,
		`${format[course.form]} The course is taught in English.`,
	].join('\n\n')
	return {
		title: courseTitle(course),
		summary: capitalise(summary),
		description,
		keywords: keywords(course),
		learningGoals: [`You can explain what ${topic.enInline} means for your work.`, `You apply ${topic.enInline} in a case of your own.`, 'You know where to turn with further questions.'].join('\n'),
		targetAudience: 'Colleagues across central government who work in English, or with international partners.',
		prerequisites: angle.level === 'basis' ? '' : `Some experience with ${topic.enInline}.`,
		...contactOf(course),
	}
}

function englishDuration(minutes: number): string {
	if (minutes < 60) return `${minutes} minutes`
	if (minutes <= 240) return `${String(minutes / 60)} hours`.replace(/^1 hours$/, 'one hour')
	if (minutes <= 480) return 'one day'
	return `${Math.ceil(minutes / 420)} days`
}

/** Keywords the search can match on besides the title: the topic's, the angle's and the form's. */
const ANGLE_KEYWORDS: Record<string, string[]> = {
	leidinggevenden: ['leidinggevenden', 'management'],
	beleid: ['beleidsmedewerkers'],
	toezicht: ['toezicht', 'inspecteurs'],
	juristen: ['juristen'],
	nieuw: ['introductie', 'onboarding'],
	gevorderd: ['verdieping'],
	masterclass: ['masterclass'],
	opfris: ['opfriscursus'],
	intervisie: ['intervisie'],
	kort: ['webinar'],
	actueel: ['actualiteiten'],
	projectleiders: ['projectleiders'],
	ondersteuning: ['secretariaat', 'managementondersteuning'],
	adviseurs: ['adviseurs'],
	ict: ['ICT'],
	casuistiek: ['casuïstiek', 'casussen'],
	traindetrainer: ['train-de-trainer'],
	communicatieadviseurs: ['communicatieadviseurs'],
	hr: ['HR', 'P&O'],
	controllers: ['controllers', 'financials'],
	hybride: ['hybride werken'],
	teams: ['teamsessie'],
	zelfstudie: ['e-learning', 'zelfstudie'],
	internationaal: ['internationaal'],
	coaching: ['coaching'],
	leergang: ['leergang'],
	certificaat: ['certificaat', 'examen'],
	examen: ['examentraining'],
	herhaling: ['herhaling', 'hercertificering'],
}

function keywords(course: PlannedCourse): string[] {
	const words = [...course.topic.keywords, ...(ANGLE_KEYWORDS[course.angle.key] ?? [])]
	const context = workContext(course)
	if (context) words.push(context.keyword)
	if (course.language === 'en') words.push('English')
	return [...new Set(words)]
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1)
}
