import { randomBytes } from 'node:crypto'
import type { Database } from '@leerplein/db'
import { listTenants } from '@leerplein/db/tenants'
import { insertXapiClient, listXapiClients, renewXapiClientSecretHash, updateXapiClient } from '@leerplein/db/xapi'
import { can, holdsRole, isUuid, parseXapiVersion, type Actor, type Resource, type XapiVersion } from '@leerplein/domain'
import { audit, inTenant, refuse, refusal, type ServiceContext, type ServiceResult } from '../../core/service.server.ts'
import { hashXapiSecret } from './client-auth.server.ts'
import type { XapiClientInput, XapiScope } from './client-schema.ts'

// A unit's xAPI clients (ADR 039): the systems that send its statements, kept by its coordinators
// on /beheer/xapi-systemen. The concern administrator keeps them too, for one unit at a time that
// the page names (`?eenheid=`); everything then runs in that unit's tenant context, so row-level
// security, not this code, decides which clients exist, and the unit's own audit trail records it.

/** The unit a page asks for (`?eenheid=<id>`): null when absent; a value that is no id names no unit. */
export function askedUnit(url: URL): string | null {
	return url.searchParams.get('eenheid')
}

/** The guard's resource: the asked unit's clients, or (none asked) the asker's own unit's. */
export const xapiClientsOf =
	(url: URL) =>
	(actor: Actor): Resource => ({ kind: 'xapi_clients', tenantId: unitIdOrNull(askedUnit(url)) ?? actor.tenantId })

const unitIdOrNull = (value: string | null) => (value !== null && isUuid(value) ? value : null)

export type XapiClientView = {
	id: string
	name: string
	key: string
	scopes: XapiScope[]
	/** The one version the system speaks; null: both, by its header. */
	xapiVersion: XapiVersion | null
	active: boolean
	lastUsedAt: string | null
	statementCount: number
	createdAt: string
}

export type XapiClientsPage = {
	/** Every unit, when the asker may act for any (the concern administrator); null for a coordinator. */
	units: { id: string; name: string }[] | null
	/** The unit whose clients are shown; null until the concern administrator chooses one. */
	unit: { id: string; name: string } | null
	clients: XapiClientView[]
}

/**
 * The unit whose clients the asker acts on: the asked one, if they may; without one, their own
 * unit when they coordinate it, else none (the concern administrator chooses explicitly). The
 * unit's other xAPI pages that the concern administrator keeps too (privacy, rules) ask the same way.
 */
export function xapiUnitFor(actor: Actor, asked: string | null): ServiceResult<string | null> {
	if (asked === null) return { ok: true, value: holdsRole(actor, 'coordinator', actor.tenantId) ? actor.tenantId : null }
	if (!isUuid(asked)) return refuse('not_found', 'UNIT_UNKNOWN')
	if (!can(actor, 'update', { kind: 'xapi_clients', tenantId: asked })) return refuse('forbidden', 'FORBIDDEN')
	return { ok: true, value: asked }
}

/**
 * What an xAPI page shows of units, read in its transaction: every unit to choose from when the
 * asker may act for any (the concern administrator; null for a coordinator), and the one acted on
 * (null until chosen). A unit that does not exist is not found.
 */
export async function xapiUnitChoice(tx: Database, actor: Actor, tenantId: string | null): Promise<{ units: { id: string; name: string }[] | null; unit: { id: string; name: string } | null }> {
	const units = (await listTenants(tx)).map(({ id, name }) => ({ id, name }))
	const unit = tenantId ? (units.find((candidate) => candidate.id === tenantId) ?? null) : null
	if (tenantId && !unit) throw refusal('not_found', 'UNIT_UNKNOWN')
	return { units: can(actor, 'update', { kind: 'concern' }) ? units : null, unit }
}

/** The unit's clients, active first and newest first, with last use and volume; for the concern administrator the units to choose from. */
export async function showXapiClients(ctx: ServiceContext, { actor, unitId }: { actor: Actor; unitId: string | null }): Promise<ServiceResult<XapiClientsPage>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	return inTenant(
		ctx,
		{ tenantId: tenantId ?? actor.tenantId, userId: actor.userId },
		async (tx) => {
			const { units, unit: shown } = await xapiUnitChoice(tx, actor, tenantId)
			const clients = shown ? await listXapiClients(tx) : []
			return {
				units,
				unit: shown,
				clients: clients
					.map((client) => ({
						id: client.id,
						name: client.name,
						key: client.key,
						scopes: client.scopes as XapiScope[],
						xapiVersion: parseXapiVersion(client.xapiVersion),
						active: client.active,
						lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
						statementCount: client.statementCount,
						createdAt: client.createdAt.toISOString(),
					}))
					.sort((a, b) => Number(b.active) - Number(a.active)),
			}
		},
		{ readOnly: true },
	)
}

/** What registering answers, once: the secret is never stored, only its hash. */
export type RegisteredXapiClient = { id: string; name: string; key: string; secret: string }

/**
 * Registers a client of the unit: a public key and a secret of 256 random bits, stored only as its
 * SHA-256 hash (ADR 039). The secret is in the answer and nowhere else: not in the audit trail, not in a log.
 */
export async function registerXapiClient(
	ctx: ServiceContext,
	{ actor, unitId, input }: { actor: Actor; unitId: string | null; input: XapiClientInput },
): Promise<ServiceResult<RegisteredXapiClient>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	if (!tenantId) return refuse('not_found', 'UNIT_UNKNOWN')
	const key = `xapi-${randomBytes(12).toString('hex')}`
	const secret = randomBytes(32).toString('base64url')
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		// A unit id that names no unit is not found (not a foreign-key failure on the insert).
		await xapiUnitChoice(tx, actor, tenantId)
		const client = await insertXapiClient(tx, { tenantId, name: input.name, key, secretHash: hashXapiSecret(secret), scopes: [...input.scopes], xapiVersion: input.xapiVersion })
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.client_registered', objectType: 'xapi_client', objectId: client.id, after: { name: client.name, key, scopes: client.scopes, xapiVersion: client.xapiVersion } })
		return { id: client.id, name: client.name, key, secret }
	})
}

/** How long the secret before a new one still opens the store: a week to switch the system over. */
export const PREVIOUS_SECRET_DAYS = 7

/** What issuing a new secret answers, once: the secret, and until when the one before it still works. */
export type RenewedXapiSecret = RegisteredXapiClient & { previousUntil: string }

/**
 * Issues a client a new secret of 256 random bits (stored only as its hash) and keeps the one before
 * it working for PREVIOUS_SECRET_DAYS, so the system is switched over without a gap; a secret before
 * that stops at once. Another unit's client (or none) is not found. Audited, never with a secret.
 */
export async function renewXapiClientSecret(
	ctx: ServiceContext,
	{ actor, unitId, clientId }: { actor: Actor; unitId: string | null; clientId: string },
): Promise<ServiceResult<RenewedXapiSecret>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	if (!tenantId) return refuse('not_found', 'XAPI_CLIENT_NOT_FOUND')
	const secret = randomBytes(32).toString('base64url')
	const now = ctx.clock.now()
	const previousUntil = new Date(now.getTime() + PREVIOUS_SECRET_DAYS * 86_400_000)
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		// Row-level security hides another unit's client: it is not found, and nothing changes.
		const client = await renewXapiClientSecretHash(tx, { clientId, secretHash: hashXapiSecret(secret), previousUntil })
		if (!client) throw refusal('not_found', 'XAPI_CLIENT_NOT_FOUND')
		await audit(ctx, tx, { actor, tenantId, action: 'xapi.client_secret_renewed', objectType: 'xapi_client', objectId: clientId, after: { key: client.key, previousSecretUntil: previousUntil.toISOString() } })
		return { id: clientId, name: client.name, key: client.key, secret, previousUntil: previousUntil.toISOString() }
	})
}

/** Changes a client's name, scopes and version; another unit's client (or none) is not found. Audited with before and after. */
export async function changeXapiClient(ctx: ServiceContext, { actor, unitId, input }: { actor: Actor; unitId: string | null; input: XapiClientInput }): Promise<ServiceResult<null>> {
	const clientId = input.id
	if (!clientId) return refuse('not_found', 'XAPI_CLIENT_NOT_FOUND')
	return updateClient(ctx, { actor, unitId, clientId, fields: { name: input.name, scopes: [...input.scopes], xapiVersion: input.xapiVersion }, action: 'xapi.client_changed' })
}

/** Deactivates a client (its credentials get 401 from then on) or activates it again; audited. */
export async function setXapiClientActive(
	ctx: ServiceContext,
	{ actor, unitId, clientId, active }: { actor: Actor; unitId: string | null; clientId: string; active: boolean },
): Promise<ServiceResult<null>> {
	return updateClient(ctx, { actor, unitId, clientId, fields: { active }, action: active ? 'xapi.client_activated' : 'xapi.client_deactivated' })
}

async function updateClient(
	ctx: ServiceContext,
	{ actor, unitId, clientId, fields, action }: { actor: Actor; unitId: string | null; clientId: string; fields: { name?: string; scopes?: string[]; active?: boolean; xapiVersion?: string | null }; action: string },
): Promise<ServiceResult<null>> {
	const unit = xapiUnitFor(actor, unitId)
	if (!unit.ok) return unit
	const tenantId = unit.value
	if (!tenantId) return refuse('not_found', 'XAPI_CLIENT_NOT_FOUND')
	return inTenant(ctx, { tenantId, userId: actor.userId }, async (tx) => {
		// Row-level security hides another unit's client: it is not found, and nothing changes.
		const changed = await updateXapiClient(tx, { clientId, fields })
		if (!changed) throw refusal('not_found', 'XAPI_CLIENT_NOT_FOUND')
		const shown = ({ name, scopes, active, xapiVersion }: { name: string; scopes: string[]; active: boolean; xapiVersion: string | null }) => ({ name, scopes, active, xapiVersion })
		await audit(ctx, tx, { actor, tenantId, action, objectType: 'xapi_client', objectId: clientId, before: shown(changed.before), after: shown(changed.after) })
		return null
	})
}
