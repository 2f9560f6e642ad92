import type { SsoConfigRow } from '@leerplein/db/identity'

/**
 * What the audit trail keeps of a unit's provider, before and after a change (ADR 049, 051): every
 * setting, and the secret only by its variable's name — the value is never read here.
 */
export function auditedSsoConfig(unitSlug: string, config: SsoConfigRow) {
	return {
		unit: unitSlug,
		issuer: config.issuer,
		clientId: config.clientId,
		clientSecretEnv: config.clientSecretEnv,
		employeeNumberClaim: config.employeeNumberClaim,
		extraScopes: config.extraScopes,
		mfaAcrValues: config.mfaAcrValues,
	}
}
