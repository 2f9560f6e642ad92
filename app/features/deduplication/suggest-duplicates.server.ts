import { findDuplicateCandidateVersions, getDuplicateCourses, withTenantContext, type DuplicateCourse } from '@leerplein/db'
import { fingerprintCourse, rankDuplicates, type DuplicateCandidate, type DuplicateFingerprint, type ScoredDuplicate } from '@leerplein/domain'
import type { LeerpleinContext } from '../../load-context.ts'

type SuggestedCourse = Pick<
	DuplicateCourse,
	'id' | 'title' | 'summary' | 'providerName' | 'providerShortName' | 'providerTenantId' | 'themeNameNl' | 'themeNameEn' | 'form' | 'durationMinutes'
>
export type DuplicateSuggestion = ScoredDuplicate<SuggestedCourse>

/** How many suggestions a coordinator sees at most: the strongest few are what matters. */
const MAX_SUGGESTIONS = 5
/**
 * How many candidates the database proposes for scoring. A double reworded by another unit can
 * rank below the same topic's tailored variants by title alone; at 50,000 courses the 40 most
 * alike titles hold 87% of the seeded doubles' partners, the 20 most alike 77%.
 */
const CANDIDATES = 40

/** An existing course prepared for scoring: what a suggestion shows, and its fingerprint (its text is not kept). */
type PreparedCandidate = { course: SuggestedCourse & DuplicateCandidate; fingerprint: DuplicateFingerprint }

/**
 * Candidates by id and last change: the same popular candidates come up for many drafts, and
 * reading and preparing their text is most of the work. Oldest entries go first.
 */
const prepared = new Map<string, PreparedCandidate>()
const MAX_PREPARED = 20_000
const preparedKey = (id: string, updatedAt: Date) => `${id}@${updatedAt.getTime()}`

function prepare(course: DuplicateCourse): PreparedCandidate {
	const { id, title, summary, providerName, providerShortName, providerTenantId, themeId, themeNameNl, themeNameEn, form, durationMinutes } = course
	const entry = {
		course: { id, title, summary, description: '', providerName, providerShortName, providerTenantId, themeId, themeNameNl, themeNameEn, form, durationMinutes },
		fingerprint: fingerprintCourse(course),
	}
	if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!)
	prepared.set(preparedKey(course.id, new Date(course.updatedAt)), entry)
	return entry
}

/**
 * The courses already in the concern catalogue that the course being written most likely
 * duplicates, with the reasons. The database proposes candidates by title; only those not
 * prepared before are read whole; the domain decides.
 */
export async function suggestDuplicates(
	{ db }: Pick<LeerpleinContext, 'db'>,
	{ tenantId, userId, draft, courseId = null }: { tenantId: string; userId: string; draft: DuplicateCandidate; courseId?: string | null },
): Promise<DuplicateSuggestion[]> {
	if (draft.title.trim().length < 3) return []
	const candidates = await withTenantContext(db, { tenantId, userId }, async (tx) => {
		const versions = await findDuplicateCandidateVersions(tx, { title: draft.title, excludeCourseId: courseId, limit: CANDIDATES })
		const unread = versions.filter((version) => !prepared.has(preparedKey(version.id, version.updatedAt)))
		const read = new Map((await getDuplicateCourses(tx, { courseIds: unread.map((version) => version.id) })).map((course) => [course.id, prepare(course)]))
		return versions.flatMap((version) => read.get(version.id) ?? prepared.get(preparedKey(version.id, version.updatedAt)) ?? [])
	})
	const fingerprints = new Map(candidates.map((candidate) => [candidate.course, candidate.fingerprint]))
	return rankDuplicates(
		draft,
		candidates.map((candidate) => candidate.course),
		{ fingerprintOf: (course) => fingerprints.get(course)! },
	)
		.slice(0, MAX_SUGGESTIONS)
		.map(({ course: { description: _, themeId: __, ...course }, score, reasons }) => ({ score, reasons, course }))
}
