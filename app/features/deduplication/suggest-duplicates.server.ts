import type { Database } from '@leerplein/db'
import { findDuplicateCandidateVersions, getDuplicateCourses, type DuplicateCourse } from '@leerplein/db/deduplication'
import { can, fingerprintCourse, rankDuplicates, type DuplicateCandidate, type DuplicateFingerprint, type ScoredDuplicate } from '@leerplein/domain'
import { createCache } from '../../core/cache.server.ts'
import { inTenant, refuse, succeed, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

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
 * reading and preparing their text is most of the work. A change to a course gives it a new key,
 * so an entry is never stale; the least recently used go first.
 */
const prepared = createCache<PreparedCandidate>({ name: 'duplicate-candidates', max: 20_000 })
const preparedKey = (id: string, updatedAt: Date) => `${id}@${updatedAt.getTime()}`

function prepare(course: DuplicateCourse): PreparedCandidate {
	const { id, title, summary, providerName, providerShortName, providerTenantId, themeId, themeNameNl, themeNameEn, form, durationMinutes } = course
	const entry = {
		course: { id, title, summary, description: '', providerName, providerShortName, providerTenantId, themeId, themeNameNl, themeNameEn, form, durationMinutes },
		fingerprint: fingerprintCourse(course),
	}
	prepared.set(preparedKey(course.id, new Date(course.updatedAt)), entry)
	return entry
}

/**
 * The courses already in the concern catalogue that the course being written most likely
 * duplicates (the strongest few), with the reasons; for a unit's coordinator, who may join one
 * instead. Fewer than three letters of title suggest nothing.
 */
export async function suggestDuplicates(
	ctx: ServiceContext,
	{ actor, draft, courseId = null }: { actor: Actor; draft: DuplicateCandidate; courseId?: string | null },
): Promise<ServiceResult<DuplicateSuggestion[]>> {
	if (!can(actor, 'create', { kind: 'course', providerTenantId: actor.tenantId })) return refuse('forbidden', 'FORBIDDEN')
	if (draft.title.trim().length < 3) return succeed([])
	return inTenant(ctx, actor, (tx) => findDuplicateSuggestions(tx, { draft, courseId }))
}

/**
 * The suggestions for a draft, in the caller's transaction (saving a course asks in its own).
 * The database proposes candidates by title, as the unit may see them; only those not prepared
 * before are read whole; the domain decides.
 */
export async function findDuplicateSuggestions(tx: Database, { draft, courseId }: { draft: DuplicateCandidate; courseId: string | null }): Promise<DuplicateSuggestion[]> {
	if (draft.title.trim().length < 3) return []
	const versions = await findDuplicateCandidateVersions(tx, { title: draft.title, excludeCourseId: courseId, limit: CANDIDATES })
	const known = new Map(versions.map((version) => [version.id, prepared.get(preparedKey(version.id, version.updatedAt))]))
	const unread = versions.filter((version) => !known.get(version.id))
	for (const course of await getDuplicateCourses(tx, { courseIds: unread.map((version) => version.id) })) known.set(course.id, prepare(course))
	const candidates = versions.flatMap((version) => known.get(version.id) ?? [])
	const fingerprints = new Map(candidates.map((candidate) => [candidate.course, candidate.fingerprint]))
	return rankDuplicates(
		draft,
		candidates.map((candidate) => candidate.course),
		{ fingerprintOf: (course) => fingerprints.get(course)! },
	)
		.slice(0, MAX_SUGGESTIONS)
		.map(({ course: { description: _, themeId: __, ...course }, score, reasons }) => ({ score, reasons, course }))
}
