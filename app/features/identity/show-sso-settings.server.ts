import { listSsoSettings } from '@leerplein/db/identity'
import { can } from '@leerplein/domain'
import { inTenant, refuse, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type UnitSsoSummary = {
	unit: { slug: string; name: string; shortName: string }
	/** The unit's provider, or null: it has no single sign-on. `secretSet`: whether the named variable is set here (never its value). */
	config: { issuer: string; clientId: string; clientSecretEnv: string; secretSet: boolean; updatedAt: Date } | null
}

/** Every unit with its identity provider or none, for the concern administrator (/beheer/inloggen, ADR 051). */
export async function showSsoSettings(
	ctx: ServiceContext,
	{ actor, secretFromEnv }: { actor: Actor; secretFromEnv: (name: string) => string | undefined },
): Promise<ServiceResult<UnitSsoSummary[]>> {
	if (!can(actor, 'read', { kind: 'sso_settings' })) return refuse('forbidden', 'FORBIDDEN')
	return inTenant(
		ctx,
		actor,
		async (tx) =>
			(await listSsoSettings(tx)).map(({ unit, config }) => ({
				unit: { slug: unit.slug, name: unit.name, shortName: unit.shortName },
				config: config && {
					issuer: config.issuer,
					clientId: config.clientId,
					clientSecretEnv: config.clientSecretEnv,
					secretSet: secretFromEnv(config.clientSecretEnv) !== undefined,
					updatedAt: config.updatedAt,
				},
			})),
		{ readOnly: true },
	)
}
