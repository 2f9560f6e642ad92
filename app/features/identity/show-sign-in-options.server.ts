import { listSsoUnits } from '@leerplein/db/identity'
import { listTenants } from '@leerplein/db/tenants'
import { DEMO_PERSONAS } from '@leerplein/db/seed'
import { succeed, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

export type SignInOptions = {
	/** Units whose own identity provider a visitor can sign in with. */
	ssoUnits: { slug: string; shortName: string }[]
	/** Demo mode only: each persona with the role it shows (not the 'employee' everyone has) and the unit it acts in. */
	personas: { key: string; name: string; role: string; unit: string | null }[]
}

/** The ways in a visitor is offered on the sign-in page. */
export async function showSignInOptions(ctx: ServiceContext, { demoMode }: { demoMode: boolean }): Promise<ServiceResult<SignInOptions>> {
	const ssoUnits = (await listSsoUnits(ctx.db)).map(({ slug, shortName }) => ({ slug, shortName }))
	if (!demoMode) return succeed({ ssoUnits, personas: [] })
	const tenants = await listTenants(ctx.db)
	const personas = DEMO_PERSONAS.map(({ key, name, roles, tenantSlug }) => ({
		key,
		name,
		role: roles.find((role) => role !== 'employee') ?? 'employee',
		unit: tenants.find((tenant) => tenant.slug === tenantSlug)?.shortName ?? null,
	}))
	return succeed({ ssoUnits, personas })
}
