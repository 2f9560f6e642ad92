export const SEED_SCALES = ['small', 'default', 'large'] as const
export type SeedScale = (typeof SEED_SCALES)[number]

export type ScaleSizes = {
	/** Multiplies each unit's headcount (content/units.ts); small units keep a minimum. */
	employeeFactor: number
	courses: number
	upcomingSessions: number
	pastSessions: number
	/** Aimed for; the plan lands close to it (never overbooking decides the rest). */
	enrolments: number
}

/** `small` for fast end-to-end tests, `default` for the demo, `large` for benchmarks. */
export const SCALE_SIZES: Record<SeedScale, ScaleSizes> = {
	small: { employeeFactor: 0.0215, courses: 150, upcomingSessions: 200, pastSessions: 100, enrolments: 2_500 },
	default: { employeeFactor: 1, courses: 3_000, upcomingSessions: 8_000, pastSessions: 5_500, enrolments: 90_000 },
	large: { employeeFactor: 1, courses: 50_000, upcomingSessions: 60_000, pastSessions: 40_000, enrolments: 1_000_000 },
}

/** Reads a scale from a flag or `SEED_SCALE`; nothing given means 'default'. */
export function parseSeedScale(raw: string | undefined): SeedScale {
	if (raw === undefined || raw.trim() === '') return 'default'
	const value = raw.trim().toLowerCase()
	if ((SEED_SCALES as readonly string[]).includes(value)) return value as SeedScale
	throw new Error(`Unknown seed scale "${raw}": use one of ${SEED_SCALES.join(', ')}`)
}
