// @leerplein/db/po-rules — the concern's default P&O rules.
export { getConcernPoDefaults, getDefaultPassMarkPercent, updateConcernPoDefaults, updateDefaultPassMarkPercent } from '../queries/concern-settings.ts'
