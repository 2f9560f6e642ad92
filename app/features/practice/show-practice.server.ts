import { getPracticeSettings, listPracticeCards } from '@leerplein/db/practice'
import { courseRetention, PRACTICE_SESSION_SIZE, practiceCardIsDue, type QuestionKind } from '@leerplein/domain'
import { inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/** A question to answer: never its correct option or explanation, which come only with the answer. */
export type PracticeQuestion = { cardId: string; courseTitle: string; kind: QuestionKind; prompt: string; options: string[] }

export type PracticeCourse = { courseId: string; title: string; cards: number; due: number; retention: number | null; optedOut: boolean }

export type PracticeView = {
	questions: PracticeQuestion[]
	/** Due now, over every course practised (the session shows at most `PRACTICE_SESSION_SIZE`). */
	dueTotal: number
	courses: PracticeCourse[]
	optedOut: boolean
	digestHour: number
	/** The soonest next due moment of a card practised, when nothing is due now. */
	nextDue: Date | null
}

/**
 * The signed-in person's practice (ADR 047): at most five due questions of the courses they did
 * not opt out of (none when they opted out altogether), and per course how many cards, how many
 * due and the estimated retention (FSRS recall averaged over the cards practised). Only their own
 * cards, read-only.
 */
export async function showPractice(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<PracticeView>> {
	const now = ctx.clock.now()
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const [cards, settings] = await Promise.all([listPracticeCards(tx, { tenantId: actor.tenantId, userId: actor.userId }), getPracticeSettings(tx, { tenantId: actor.tenantId, userId: actor.userId })])
			const outs = new Set(settings.courseOptOuts)
			const practised = settings.optedOut ? [] : cards.filter((card) => !outs.has(card.courseId))
			const due = practised.filter((card) => practiceCardIsDue(card, now))
			const byCourse = new Map<string, typeof cards>()
			for (const card of cards) byCourse.set(card.courseId, [...(byCourse.get(card.courseId) ?? []), card])
			const courses = [...byCourse.entries()]
				.map(([courseId, list]) => ({
					courseId,
					title: list[0]!.courseTitle,
					cards: list.length,
					due: list.filter((card) => practiceCardIsDue(card, now)).length,
					retention: courseRetention(list, now),
					optedOut: outs.has(courseId),
				}))
				.sort((a, b) => a.title.localeCompare(b.title, 'nl'))
			const later = practised.filter((card) => !practiceCardIsDue(card, now)).map((card) => card.due.getTime())
			return {
				questions: due.slice(0, PRACTICE_SESSION_SIZE).map((card) => ({ cardId: card.id, courseTitle: card.courseTitle, kind: card.kind, prompt: card.prompt, options: card.options })),
				dueTotal: due.length,
				courses,
				optedOut: settings.optedOut,
				digestHour: settings.digestHour,
				nextDue: due.length === 0 && later.length > 0 ? new Date(Math.min(...later)) : null,
			}
		},
		{ readOnly: true },
	)
}
