// @leerplein/db/po-rules — the concern's default P&O rules.
export { getConcernPoDefaults, updateConcernPoDefaults } from '../queries/concern-settings.ts'
