import { findDuplicateCandidates, withTenantContext, type DuplicateCourse } from '@leerplein/db'
import { fingerprintCourse, rankDuplicates, type DuplicateCandidate, type DuplicateFingerprint, type ScoredDuplicate } from '@leerplein/domain'
import type { LeerpleinContext } from '../load-context.ts'

export type DuplicateSuggestion = ScoredDuplicate<Pick<DuplicateCourse, 'id' | 'title' | 'summary' | 'providerName' | 'providerShortName' | 'providerTenantId' | 'themeNameNl' | 'themeNameEn' | 'form' | 'durationMinutes'>>

/** How many suggestions a coordinator sees at most: the strongest few are what matters. */
const MAX_SUGGESTIONS = 5
/**
 * How many candidates the database proposes for scoring. A double reworded by another unit can
 * rank below the same topic's tailored variants by title alone; at 50,000 courses the 40 most
 * alike titles hold 87% of the seeded doubles' partners, the 20 most alike 77%.
 */
const CANDIDATES = 40

/**
 * Fingerprints of existing courses, by id and last change: the same popular candidates come up
 * for many drafts, and preparing their text is most of the work. Oldest entries go first.
 */
const fingerprints = new Map<string, DuplicateFingerprint>()
const MAX_CACHED_FINGERPRINTS = 20_000

function cachedFingerprint(course: DuplicateCourse): DuplicateFingerprint {
	const key = `${course.id}@${new Date(course.updatedAt).getTime()}`
	let fingerprint = fingerprints.get(key)
	if (!fingerprint) {
		fingerprint = fingerprintCourse(course)
		if (fingerprints.size >= MAX_CACHED_FINGERPRINTS) fingerprints.delete(fingerprints.keys().next().value!)
		fingerprints.set(key, fingerprint)
	}
	return fingerprint
}

/**
 * The courses already in the concern catalogue that the course being written most likely
 * duplicates, with the reasons. The database proposes candidates by title; the domain decides.
 */
export async function suggestDuplicates(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, draft, courseId = null }: { tenantId: string; userId: string; draft: DuplicateCandidate; courseId?: string | null },
): Promise<DuplicateSuggestion[]> {
	if (draft.title.trim().length < 3) return []
	const candidates = await withTenantContext(db, { tenantId, userId }, (tx) => findDuplicateCandidates(tx, { title: draft.title, excludeCourseId: courseId, limit: CANDIDATES }))
	return rankDuplicates(draft, candidates, { fingerprintOf: cachedFingerprint })
		.slice(0, MAX_SUGGESTIONS)
		.map(({ course, score, reasons }) => ({
			score,
			reasons,
			course: {
				id: course.id,
				title: course.title,
				summary: course.summary,
				providerName: course.providerName,
				providerShortName: course.providerShortName,
				providerTenantId: course.providerTenantId,
				themeNameNl: course.themeNameNl,
				themeNameEn: course.themeNameEn,
				form: course.form,
				durationMinutes: course.durationMinutes,
			},
		}))
}
