// @leerplein/db/identity — people signing in: sessions (ADR 007), single sign-on (ADR 008) and rate limits.
export {
	deactivateUser,
	deleteExpiredSessions,
	deleteSession,
	deleteSessionsOfUser,
	extendSession,
	findUserIdByEmail,
	getSession,
	getSignedInPerson,
	insertSession,
	listSessionsOfUser,
} from '../queries/auth.ts'
export type { SessionRow, SignedInPerson } from '../queries/auth.ts'
export { deleteSsoConfig, findUserIdByEmployeeNumber, getSsoConfig, getSsoSetting, insertSsoAttempt, listSsoSettings, listSsoUnits, saveSsoConfig, takeSsoAttempt } from '../queries/sso.ts'
export type { SsoConfigRow, SsoConfigValues, SsoLoginAttempt, SsoUnit } from '../queries/sso.ts'
export { hitRateLimit } from '../queries/rate-limits.ts'
export type { RateLimitRule, RateLimitVerdict } from '../queries/rate-limits.ts'
