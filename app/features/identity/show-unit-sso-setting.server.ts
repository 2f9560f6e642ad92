import { getSsoSetting } from '@leerplein/db/identity'
import { can, type SsoConfig } from '@leerplein/domain'
import { inTenant, refusal, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type UnitSsoSetting = {
	unit: { slug: string; name: string; shortName: string }
	config: (SsoConfig & { secretSet: boolean; updatedAt: Date }) | null
}

/** One unit's identity provider (or none), and whether its secret's variable is set here, for the concern administrator (ADR 051). */
export async function showUnitSsoSetting(
	ctx: ServiceContext,
	{ actor, slug, secretFromEnv }: { actor: Actor; slug: string; secretFromEnv: (name: string) => string | undefined },
): Promise<ServiceResult<UnitSsoSetting>> {
	if (!can(actor, 'read', { kind: 'sso_settings' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(
		ctx,
		actor,
		async (tx) => {
			const found = await getSsoSetting(tx, { slug })
			if (!found) throw refusal('not_found', 'TENANT_NOT_FOUND')
			const { unit, config } = found
			return {
				unit: { slug: unit.slug, name: unit.name, shortName: unit.shortName },
				config: config && {
					issuer: config.issuer,
					clientId: config.clientId,
					clientSecretEnv: config.clientSecretEnv,
					employeeNumberClaim: config.employeeNumberClaim,
					extraScopes: config.extraScopes,
					mfaAcrValues: config.mfaAcrValues,
					secretSet: secretFromEnv(config.clientSecretEnv) !== undefined,
					updatedAt: config.updatedAt,
				},
			}
		},
		{ readOnly: true },
	)
}
