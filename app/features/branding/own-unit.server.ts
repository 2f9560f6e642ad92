import type { Database } from '@leerplein/db'
import { getTenantName } from '@leerplein/db/tenants'
import { can } from '@leerplein/domain'
import { refusal, type Actor } from '../../core/service.server.ts'

/**
 * The unit a branding page names, when it is the actor's own and they are its coordinator; any
 * other slug — another unit's, or none at all — is forbidden alike, so a crafted address learns
 * nothing. The unit is found by the actor's own id, never by the slug.
 */
export async function ownUnitBySlug(tx: Database, { actor, slug }: { actor: Actor; slug: string }): Promise<{ id: string; name: string; slug: string }> {
	const unit = await getTenantName(tx, { tenantId: actor.tenantId })
	if (!unit || unit.slug !== slug || !can(actor, 'update', { kind: 'tenant', tenantId: actor.tenantId })) throw refusal('forbidden', 'FORBIDDEN')
	return { id: actor.tenantId, ...unit }
}
