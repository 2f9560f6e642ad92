// @leerplein/db/catalogue — the shared catalogue: courses, themes, upcoming sessions, search and its synonyms, a unit's own courses.
export { courseVisibleTo, getCourse, listCatalogue, listThemes, listUpcomingSessions } from '../queries/catalogue.ts'
export type { CatalogueEntry, CourseDetail, ThemeSummary, UpcomingSession } from '../queries/catalogue.ts'
export {
	analyseSearchWords,
	catalogueSearchVersion,
	CORRECTION_SIMILARITY,
	matchCatalogueText,
	readCatalogueIndex,
	readIndexedCourses,
	readVisibleCourseStamps,
	searchCatalogue,
	searchCatalogueWith,
	searchVocabulary,
} from '../queries/search.ts'
export type {
	CatalogueSearchFilters,
	CatalogueSearchInput,
	CatalogueSearchResult,
	FacetCount,
	FacetName,
	SearchResultEntry,
	SearchTermGroup,
	SearchWordAnalysis,
} from '../queries/search.ts'
export { deleteSynonym, listSynonyms, saveSynonym } from '../queries/search-synonyms.ts'
export type { SaveSynonymOutcome, SynonymRow } from '../queries/search-synonyms.ts'
export { existingTenantIds, getOwnCourse, insertCourse, listOwnCourses, OWN_COURSE_SORTS, setCourseStatus, updateCourse } from '../queries/course-admin.ts'
export type { CourseFields, OwnCourse, OwnCourseFilter, OwnCourseRow, OwnCourseSort, ThemeOption } from '../queries/course-admin.ts'
export { FEW_RESULTS, listSearchQueryStats, recordSearchQuery, SEARCH_QUERY_SORTS } from '../queries/search-query-stats.ts'
export type { SearchQueryList, SearchQuerySort, SearchQueryStat } from '../queries/search-query-stats.ts'
