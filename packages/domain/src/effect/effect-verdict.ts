import { EFFECT_MIN_TEAMS_PER_GROUP, type EffectResult, type EffectGroupSummary, type CalendarMonth } from './difference-in-differences.ts'

// The verdict of `differenceInDifferences` as one paragraph a team leader reads without a course in
// statistics (issue 18, item 3; ADR 040): what changed, what may be concluded, and what not. The
// paragraph is built from the result's codes and numbers, so it never says more than they do.

export type EffectLanguage = 'nl' | 'en'

export type DescribeEffectOptions = {
	/** The measure's unit in the chosen language, said once after the first number: "fouten per maand". */
	unit?: string
	/** Decimals shown; one unless the measure needs more (a rate of 0.03 would show as 0.0). */
	decimals?: number
}

const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const

const MONTH_NAMES = {
	nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const

const WORDS = {
	nl: {
		fell: 'daalde',
		rose: 'steeg',
		lower: 'minder',
		higher: 'meer',
		trainedChange: (verb: string, amount: string, from: string, to: string) => `Bij de getrainde teams ${verb} het gemiddelde na de training met ${amount} (van ${from} naar ${to})`,
		trainedSame: (from: string, to: string) => `Bij de getrainde teams bleef het gemiddelde na de training vrijwel gelijk (van ${from} naar ${to})`,
		comparisonChange: (verb: string, amount: string, from: string, to: string) => `; bij de vergelijkingsteams ${verb} het in dezelfde tijd met ${amount} (van ${from} naar ${to}).`,
		comparisonSame: (from: string, to: string) => `; bij de vergelijkingsteams bleef het in dezelfde tijd vrijwel gelijk (van ${from} naar ${to}).`,
		interval: (from: string, to: string) => `95%-betrouwbaarheidsinterval ${from} tot ${to}`,
		intervalAcross: (from: string, to: string) => `95%-betrouwbaarheidsinterval van ${from} tot ${to}`,
		effect: (difference: string, interval: string) => `Het verschil, ${difference} (${interval}), is waarschijnlijk het effect van de training.`,
		verdictGood: (better: string) => `Omdat ${better} hier beter is, is dat een verbetering.`,
		verdictBad: (better: string) => `Omdat ${better} hier beter is, is dat een verslechtering.`,
		lowerIsBetter: 'lager',
		higherIsBetter: 'hoger',
		parallel: 'Dat rust op de aanname dat de getrainde teams zich zonder training net zo hadden ontwikkeld als de vergelijkingsteams.',
		noEffect: (difference: string, interval: string) =>
			`Het verschil, ${difference} (${interval}), is niet aantoonbaar een effect van de training: het kan ook toeval zijn.`,
		noComparison:
			'Alle teams hebben de training gevolgd, dus er is geen vergelijkingsgroep: of de verandering door de training komt of door iets anders in dezelfde tijd (het seizoen, de drukte, andere veranderingen), is niet te zeggen.',
		tooFew: (trained: number, comparison: number, least: number) =>
			`Te weinig teams om een conclusie te trekken (${count(trained, 'getraind team', 'getrainde teams')} en ${count(comparison, 'vergelijkingsteam', 'vergelijkingsteams')} met metingen van vóór én na de training; er zijn er minstens ${least} van elk nodig).`,
		noneTrained: 'Geen van de teams heeft de training gevolgd, dus er is geen effect te bepalen.',
		noDataBefore: (month: string) => `Er zijn van de getrainde teams geen metingen van vóór de training (vóór ${month}), dus er is geen effect te bepalen.`,
		noDataAfter: (month: string) => `Er zijn van de getrainde teams nog geen metingen van na de training (na ${month}), dus er is nog geen effect te bepalen.`,
		noDataEither: 'Er zijn van de getrainde teams geen metingen van vóór en van na de training, dus er is geen effect te bepalen.',
		leftOut: (teams: number) =>
			teams === 1
				? '1 team is niet meegeteld, omdat het geen metingen van vóór of van na de training heeft.'
				: `${teams} teams zijn niet meegeteld, omdat ze geen metingen van vóór of van na de training hebben.`,
		duringOne: (month: string) => `De maand van de training zelf (${month}) telt niet mee.`,
		duringMany: (first: string, last: string) => `De maanden van de training zelf (${first} tot en met ${last}) tellen niet mee.`,
	},
	en: {
		fell: 'fell',
		rose: 'rose',
		lower: 'lower',
		higher: 'higher',
		trainedChange: (verb: string, amount: string, from: string, to: string) => `For the trained teams the average ${verb} by ${amount} after the training (from ${from} to ${to})`,
		trainedSame: (from: string, to: string) => `For the trained teams the average stayed about the same after the training (from ${from} to ${to})`,
		comparisonChange: (verb: string, amount: string, from: string, to: string) => `; for the comparison teams it ${verb} by ${amount} over the same time (from ${from} to ${to}).`,
		comparisonSame: (from: string, to: string) => `; for the comparison teams it stayed about the same over the same time (from ${from} to ${to}).`,
		interval: (from: string, to: string) => `95% confidence interval ${from} to ${to}`,
		intervalAcross: (from: string, to: string) => `95% confidence interval from ${from} to ${to}`,
		effect: (difference: string, interval: string) => `The difference, ${difference} (${interval}), is probably the effect of the training.`,
		verdictGood: (better: string) => `As ${better} is better here, that is an improvement.`,
		verdictBad: (better: string) => `As ${better} is better here, that is a deterioration.`,
		lowerIsBetter: 'lower',
		higherIsBetter: 'higher',
		parallel: 'This rests on the assumption that without the training the trained teams would have developed as the comparison teams did.',
		noEffect: (difference: string, interval: string) =>
			`The difference, ${difference} (${interval}), does not demonstrate an effect of the training: it may be chance.`,
		noComparison:
			'All teams took the training, so there is no comparison group: whether the change comes from the training or from something else at the same time (the season, the workload, other changes) cannot be told.',
		tooFew: (trained: number, comparison: number, least: number) =>
			`Too few teams to draw a conclusion (${count(trained, 'trained team', 'trained teams')} and ${count(comparison, 'comparison team', 'comparison teams')} with measurements both before and after the training; at least ${least} of each are needed).`,
		noneTrained: 'None of the teams took the training, so no effect can be determined.',
		noDataBefore: (month: string) => `There are no measurements of the trained teams from before the training (before ${month}), so no effect can be determined.`,
		noDataAfter: (month: string) => `There are no measurements of the trained teams from after the training yet (after ${month}), so no effect can be determined yet.`,
		noDataEither: 'There are no measurements of the trained teams from before or after the training, so no effect can be determined.',
		leftOut: (teams: number) =>
			teams === 1
				? '1 team was left out because it has no measurements from before or after the training.'
				: `${teams} teams were left out because they have no measurements from before or after the training.`,
		duringOne: (month: string) => `The month of the training itself (${month}) does not count.`,
		duringMany: (first: string, last: string) => `The months of the training itself (${first} to ${last}) do not count.`,
	},
} as const

function count(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`
}

/**
 * One paragraph in Dutch or English: the trained and comparison teams' change, the estimate with
 * its interval and what it means, and the caveats (the assumption behind a comparison, teams left
 * out, the months of the intervention not counted). Numbers in the language's format: 3,2 in Dutch.
 */
export function describeEffect(result: EffectResult, language: EffectLanguage, options: DescribeEffectOptions = {}): string {
	const words = WORDS[language]
	const decimals = options.decimals ?? 1
	// `negative`: a value that rounds to zero shows as 0,0, not -0,0.
	const formatter = new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' })
	const number = (value: number) => formatter.format(value)
	// A change shown as zero is said as "about the same" rather than "fell by 0.0".
	const showsAsZero = (value: number) => formatter.format(Math.abs(value)) === formatter.format(0)
	const unit = options.unit ? ` ${options.unit}` : ''
	const signed = (value: number) => (showsAsZero(value) ? number(0) : `${number(Math.abs(value))} ${value < 0 ? words.lower : words.higher}`)
	const month = (value: CalendarMonth, withYear = true) => {
		const [year, index] = value.split('-')
		const name = MONTH_NAMES[language][Number(index) - 1] ?? value
		return withYear ? `${name} ${year}` : name
	}

	const { verdict, trained, comparison, intervention } = result
	const groupSentence = (group: EffectGroupSummary, unitText: string, which: 'trained' | 'comparison'): string => {
		if (group.change === null || group.meanBefore === null || group.meanAfter === null) return ''
		const from = number(group.meanBefore)
		const to = number(group.meanAfter)
		if (showsAsZero(group.change)) return which === 'trained' ? words.trainedSame(from, to) : words.comparisonSame(from, to)
		const verb = group.change < 0 ? words.fell : words.rose
		const amount = `${number(Math.abs(group.change))}${unitText}`
		return which === 'trained' ? words.trainedChange(verb, amount, from, to) : words.comparisonChange(verb, amount, from, to)
	}
	// The unit is said once, after the trained teams' change; the comparison's number shares it.
	const changes = (): string => (comparison.change === null ? `${groupSentence(trained, unit, 'trained')}.` : groupSentence(trained, unit, 'trained') + groupSentence(comparison, '', 'comparison'))
	const caveats = (): string[] => [
		...(result.leftOut.length > 0 ? [words.leftOut(result.leftOut.length)] : []),
		intervention.firstMonth === intervention.lastMonth
			? words.duringOne(month(intervention.firstMonth))
			: // "maart tot en met mei 2026": the year once when both months share it.
				words.duringMany(month(intervention.firstMonth, intervention.firstMonth.slice(0, 4) !== intervention.lastMonth.slice(0, 4)), month(intervention.lastMonth)),
	]

	switch (verdict.status) {
		case 'no_answer': {
			const [reason] = verdict.reasons
			if (reason === 'none_trained') return words.noneTrained
			if (verdict.reasons.length > 1) return words.noDataEither
			return reason === 'no_data_before' ? words.noDataBefore(month(intervention.firstMonth)) : words.noDataAfter(month(intervention.lastMonth))
		}
		case 'before_after_only': {
			const opening = verdict.reasons[0] === 'too_few_teams' ? [words.tooFew(trained.teams, comparison.teams, EFFECT_MIN_TEAMS_PER_GROUP)] : []
			const closing = verdict.reasons[0] === 'no_comparison' ? [words.noComparison] : []
			const figures = trained.change === null ? [] : [changes()]
			return [...opening, ...figures, ...closing, ...caveats()].join(' ')
		}
		case 'no_demonstrable_effect':
		case 'effect': {
			const estimate = result.estimate
			if (!estimate) throw new Error('describeEffect: a verdict on an estimate without the estimate')
			const { lower, upper } = estimate.interval
			// Said by size within one direction ("0,7 tot 5,3 minder"), across zero from the lower end.
			const interval =
				upper < 0
					? words.interval(number(-upper), `${number(-lower)} ${words.lower}`)
					: lower > 0
						? words.interval(number(lower), `${number(upper)} ${words.higher}`)
						: words.intervalAcross(signed(lower), signed(upper))
			const difference = signed(estimate.difference)
			if (verdict.status === 'no_demonstrable_effect') return [changes(), words.noEffect(difference, interval), ...caveats()].join(' ')
			const better = verdict.better === 'lower' ? words.lowerIsBetter : words.higherIsBetter
			return [changes(), words.effect(difference, interval), verdict.favourable ? words.verdictGood(better) : words.verdictBad(better), words.parallel, ...caveats()].join(' ')
		}
		default: {
			const unknown: never = verdict
			throw new Error(`describeEffect: unknown verdict ${JSON.stringify(unknown)}`)
		}
	}
}
