// @leerplein/db/passport — the quality passport: statuses recomputed from evidence and requirements, a person's dots and history, competencies and course links.
export { listPassport, listPassportHistory, recomputePassports } from '../queries/passport.ts'
export type { RecomputeReport, RecomputeTrigger } from '../queries/passport.ts'
