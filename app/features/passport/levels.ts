// How a competency's levels read on every passport page: by number and name ("3 Expert"), so a
// requirement's minimum and a piece of evidence's level say the same thing everywhere.

/** "2 Gevorderd" for level 2 of these levels; null when there is no level or the competency has none. */
export function levelName(levels: readonly string[], level: number | null | undefined): string | null {
	if (level === null || level === undefined || levels.length === 0) return null
	const name = levels[level - 1]
	return name === undefined ? String(level) : `${level} ${name}`
}

/** A competency's name with its levels, for a choice list: "Inspectie (1 Basis, 2 Gevorderd, 3 Expert)". */
export function competencyWithLevels(competency: { name: string; levels: readonly string[] }): string {
	return competency.levels.length === 0 ? competency.name : `${competency.name} (${competency.levels.map((name, index) => `${index + 1} ${name}`).join(', ')})`
}
