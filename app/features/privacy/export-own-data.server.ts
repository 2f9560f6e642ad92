import { exportPersonalData, type PersonalData } from '@leerplein/db/privacy'
import { audit, inTenant, type Actor, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'

/**
 * Everything Leerplein holds about the signed-in person (issue 22, item 1; ADR 053), read through
 * the database's personal-data register, so a table added with personal data is in the export
 * the day it is registered. Audited: a download of one's own data is a fact worth knowing.
 */
export async function exportOwnData(ctx: ServiceContext, { actor }: { actor: Actor }): Promise<ServiceResult<PersonalData>> {
	return inTenant(ctx, actor, async (tx) => {
		const data = await exportPersonalData(tx, { userId: actor.userId })
		await audit(ctx, tx, { actor, action: 'privacy.export', objectType: 'user', objectId: actor.userId })
		return data
	})
}
