import * as learningLocker from '@learninglocker/xapi-validation'

// xAPI statements (1.0.3 and 2.0.0) as the learning record store reads and returns them
// (ADR 039): the rules that need no I/O. Structure is checked by Learning Locker's validation
// library (the xAPI 1.0.3 schema, with its formats: IRIs, mailto, UUIDs, ISO 8601, language
// maps); what 2.0.0 added (context agents and groups) and what the LRS itself decides (voiding,
// the version, ids) is checked here.

/** The versions this store speaks; the header answers with the one the client asked for. */
export type XapiVersion = '1.0.3' | '2.0.0'

export const XAPI_VOIDED = 'http://adlnet.gov/expapi/verbs/voided'

/** `X-Experience-API-Version`: 1.0.x (any patch) or 2.0.x; anything else is refused with 400. */
export function parseXapiVersion(header: string | null): XapiVersion | null {
	if (!header) return null
	const value = header.trim()
	if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3'
	if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0'
	return null
}

type Json = Record<string, unknown>
type Check = { ok: true } | { ok: false; message: string }

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

type LearningLockerWarning = { path: string[]; name: string; typeName?: string; keys?: string[] }
const runLearningLocker = ((learningLocker as unknown as { default?: unknown }).default ?? learningLocker) as unknown as
	| ((data: unknown) => LearningLockerWarning[])
	| { default: (data: unknown) => LearningLockerWarning[] }
const learningLockerValidate = typeof runLearningLocker === 'function' ? runLearningLocker : runLearningLocker.default

function describe(warning: LearningLockerWarning): string {
	const where = warning.path.join('.')
	if (warning.name === 'RestrictedKeysWarning') return `${where} has properties the specification does not allow: ${(warning.keys ?? []).join(', ')}`
	if (warning.name === 'RequiredWarning') return `${where} is required`
	if (warning.typeName) return `${where} is not a valid ${warning.typeName}`
	return `${where} is invalid (${warning.name})`
}

/**
 * A statement as the store keeps it: a context activity given as one object (allowed by the
 * specification) becomes an array of one, in the statement and in a sub-statement.
 */
export function normalizeStatement(statement: Json): Json {
	const normalizeContext = (context: unknown) => {
		if (!isObject(context) || !isObject(context.contextActivities)) return context
		const activities = Object.fromEntries(Object.entries(context.contextActivities).map(([name, value]) => [name, isObject(value) ? [value] : value]))
		return { ...context, contextActivities: activities }
	}
	const normalized: Json = { ...statement }
	if (isObject(statement.context)) normalized.context = normalizeContext(statement.context)
	if (isObject(statement.object) && statement.object.objectType === 'SubStatement' && isObject(statement.object.context))
		normalized.object = { ...statement.object, context: normalizeContext(statement.object.context) }
	return normalized
}

/** Checks one statement as a client sent it, before the LRS adds what it sets. */
export function checkStatement(statement: unknown, version: XapiVersion): Check {
	if (!isObject(statement)) return { ok: false, message: 'a statement must be a JSON object' }
	const { context } = statement
	let checked: unknown = statement
	if (isObject(context) && ('contextAgents' in context || 'contextGroups' in context)) {
		if (version !== '2.0.0') return { ok: false, message: 'context.contextAgents and context.contextGroups are xAPI 2.0 properties' }
		const contextual = checkContextAgents(context)
		if (!contextual.ok) return contextual
		const { contextAgents: _agents, contextGroups: _groups, ...rest } = context
		checked = { ...statement, context: rest }
	}
	if (isObject(statement.object) && statement.object.objectType === 'SubStatement' && isObject(statement.object.context)) {
		const sub = statement.object.context
		if ('contextAgents' in sub || 'contextGroups' in sub) {
			if (version !== '2.0.0') return { ok: false, message: 'context.contextAgents and context.contextGroups are xAPI 2.0 properties' }
			const contextual = checkContextAgents(sub)
			if (!contextual.ok) return contextual
			const { contextAgents: _agents, contextGroups: _groups, ...rest } = sub
			checked = { ...(checked as Json), object: { ...statement.object, context: rest } }
		}
	}
	// The statement's own version is this store's to judge (Learning Locker's schema knows only 1.0.x):
	// a 1.0.3 client may send 1.0.x, a 2.0 client 1.0.x or 2.0.x (xAPI Data 2.4.10; 2.0 Data 2.4.10).
	if ('version' in statement) {
		const allowed = version === '2.0.0' ? /^(1\.0|2\.0)(\.\d+)?$/ : /^1\.0(\.\d+)?$/
		if (!(typeof statement.version === 'string' && allowed.test(statement.version))) return { ok: false, message: version === '2.0.0' ? 'version must be 1.0.x or 2.0.x' : 'version must be 1.0.x' }
		const { version: _version, ...rest } = checked as Json
		checked = rest
	}
	const warnings = learningLockerValidate(checked)
	if (warnings.length > 0) return { ok: false, message: warnings.slice(0, 5).map(describe).join('; ') }
	if (isVoiding(statement)) {
		const object = statement.object as Json
		if (object.objectType !== 'StatementRef') return { ok: false, message: 'a voiding statement must have a StatementRef as its object' }
	}
	return { ok: true }
}

function checkContextAgents(context: Json): Check {
	for (const [name, objectType, property] of [
		['contextAgents', 'contextAgent', 'agent'],
		['contextGroups', 'contextGroup', 'group'],
	] as const) {
		const list = context[name]
		if (list === undefined) continue
		if (!Array.isArray(list)) return { ok: false, message: `context.${name} must be an array` }
		for (const entry of list) {
			if (!isObject(entry) || entry.objectType !== objectType) return { ok: false, message: `each of context.${name} needs objectType ${objectType}` }
			const allowed = new Set(['objectType', property, 'relevantTypes'])
			if (Object.keys(entry).some((key) => !allowed.has(key))) return { ok: false, message: `context.${name} has properties the specification does not allow` }
			if (entry.relevantTypes !== undefined && (!Array.isArray(entry.relevantTypes) || entry.relevantTypes.length === 0 || !entry.relevantTypes.every((type) => typeof type === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(type))))
				return { ok: false, message: `context.${name}.relevantTypes must be a non-empty array of IRIs` }
			const agent = entry[property]
			const probe = learningLockerValidate({ actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.com/probe' } })
			if (!isObject(agent) || probe.length > 0) return { ok: false, message: `context.${name}.${property} is not a valid ${property}` }
			if (property === 'group' && agent.objectType !== 'Group') return { ok: false, message: 'context.contextGroups.group must be a Group' }
		}
	}
	return { ok: true }
}

export function isVoiding(statement: Json): boolean {
	return isObject(statement.verb) && statement.verb.id === XAPI_VOIDED
}

/**
 * An agent's or identified group's inverse functional identifier as one string, the key the
 * store files and filters statements and documents by; null for an anonymous group.
 */
export function agentKey(agent: unknown): string | null {
	if (!isObject(agent)) return null
	if (typeof agent.mbox === 'string') return `mbox:${agent.mbox}`
	if (typeof agent.mbox_sha1sum === 'string') return `mbox_sha1sum:${agent.mbox_sha1sum}`
	if (typeof agent.openid === 'string') return `openid:${agent.openid}`
	if (isObject(agent.account) && typeof agent.account.homePage === 'string' && typeof agent.account.name === 'string')
		return `account:${agent.account.homePage}|${agent.account.name}`
	return null
}

/** An agent given as a query parameter (JSON): its key, or null when it is no valid agent or identified group. */
export function agentKeyOfParameter(value: string | null): string | null {
	if (value === null) return null
	let agent: unknown
	try {
		agent = JSON.parse(value)
	} catch {
		return null
	}
	if (!isObject(agent)) return null
	const identifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((name) => name in agent)
	if (identifiers.length !== 1) return null
	const probe = learningLockerValidate({ actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.com/probe' } })
	return probe.length > 0 ? null : agentKey(agent)
}

const isActor = (value: Json) => value.objectType === 'Agent' || value.objectType === 'Group' || (value.objectType === undefined && !('id' in value) && agentKey(value) !== null)

function agentsOf(actor: unknown): string[] {
	if (!isObject(actor)) return []
	const own = agentKey(actor)
	const members = Array.isArray(actor.member) ? actor.member.map(agentKey).filter((key): key is string => key !== null) : []
	return own ? [own, ...members] : members
}

function activitiesOfContext(context: unknown): string[] {
	if (!isObject(context) || !isObject(context.contextActivities)) return []
	const ids: string[] = []
	for (const list of Object.values(context.contextActivities)) {
		const entries = Array.isArray(list) ? list : [list]
		for (const entry of entries) if (isObject(entry) && typeof entry.id === 'string') ids.push(entry.id)
	}
	return ids
}

function agentsOfContext(context: unknown): string[] {
	if (!isObject(context)) return []
	const keys = [...agentsOf(context.instructor), ...agentsOf(context.team)]
	for (const entry of Array.isArray(context.contextAgents) ? context.contextAgents : []) if (isObject(entry)) keys.push(...agentsOf(entry.agent))
	for (const entry of Array.isArray(context.contextGroups) ? context.contextGroups : []) if (isObject(entry)) keys.push(...agentsOf(entry.group))
	return keys
}

export type StatementIndex = {
	verbId: string
	actorKey: string | null
	/** The object's key when the object is an agent or group: the `agent` filter matches actor or object. */
	objectAgentKey: string | null
	agentKeys: string[]
	activityId: string | null
	activityIds: string[]
	targetId: string | null
	registration: string | null
}

/** The columns the store files a (valid) statement under, for the filters of GET /statements. */
export function indexStatement(statement: Json): StatementIndex {
	const object = isObject(statement.object) ? statement.object : {}
	const objectIsActivity = object.objectType === undefined || object.objectType === 'Activity'
	const agentKeys = [...agentsOf(statement.actor), ...agentsOf(statement.authority), ...agentsOfContext(statement.context)]
	const activityIds = [...activitiesOfContext(statement.context)]
	if (objectIsActivity && typeof object.id === 'string') activityIds.push(object.id)
	if (isActor(object)) agentKeys.push(...agentsOf(object))
	if (object.objectType === 'SubStatement') {
		agentKeys.push(...agentsOf(object.actor), ...agentsOfContext(object.context))
		const inner = isObject(object.object) ? object.object : {}
		if ((inner.objectType === undefined || inner.objectType === 'Activity') && typeof inner.id === 'string') activityIds.push(inner.id)
		if (isActor(inner)) agentKeys.push(...agentsOf(inner))
		activityIds.push(...activitiesOfContext(object.context))
	}
	const context = isObject(statement.context) ? statement.context : {}
	return {
		verbId: isObject(statement.verb) && typeof statement.verb.id === 'string' ? statement.verb.id : '',
		actorKey: agentKey(statement.actor),
		objectAgentKey: isActor(object) ? agentKey(object) : null,
		agentKeys: [...new Set(agentKeys)],
		activityId: objectIsActivity && typeof object.id === 'string' ? object.id : null,
		activityIds: [...new Set(activityIds)],
		targetId: object.objectType === 'StatementRef' && typeof object.id === 'string' ? object.id.toLowerCase() : null,
		registration: typeof context.registration === 'string' ? context.registration.toLowerCase() : null,
	}
}

/** What the LRS sets on a statement it stores: id, stored, timestamp, authority, version. */
export function completeStatement(statement: Json, { id, stored, authority, version }: { id: string; stored: Date; authority: Json; version: XapiVersion }): Json {
	return {
		...statement,
		id,
		timestamp: typeof statement.timestamp === 'string' ? statement.timestamp : stored.toISOString(),
		stored: stored.toISOString(),
		authority,
		version: typeof statement.version === 'string' ? statement.version : version === '2.0.0' ? '2.0.0' : '1.0.0',
	}
}

function idsOnlyActor(actor: unknown): unknown {
	if (!isObject(actor)) return actor
	const kept: Json = {}
	for (const key of ['objectType', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (key in actor) kept[key] = actor[key]
	if (actor.objectType === 'Group' && agentKey(actor) === null && Array.isArray(actor.member)) kept.member = actor.member.map(idsOnlyActor)
	return kept
}

const idsOnlyVerb = (verb: unknown) => (isObject(verb) ? { id: verb.id } : verb)

/** An activity is identified by its id alone (xAPI Communication 2.1.3, `format=ids`). */
function idsOnlyObject(object: unknown): unknown {
	if (!isObject(object)) return object
	if (object.objectType === undefined || object.objectType === 'Activity') return { id: object.id }
	if (object.objectType === 'Agent' || object.objectType === 'Group') return idsOnlyActor(object)
	if (object.objectType === 'SubStatement') return idsOnly(object)
	return object
}

function idsOnlyContext(context: unknown): unknown {
	if (!isObject(context)) return context
	const kept: Json = { ...context }
	if ('instructor' in context) kept.instructor = idsOnlyActor(context.instructor)
	if ('team' in context) kept.team = idsOnlyActor(context.team)
	if (isObject(context.contextActivities))
		kept.contextActivities = Object.fromEntries(Object.entries(context.contextActivities).map(([name, list]) => [name, Array.isArray(list) ? list.map(idsOnlyObject) : idsOnlyObject(list)]))
	if (Array.isArray(context.contextAgents)) kept.contextAgents = context.contextAgents.map((entry: unknown) => (isObject(entry) ? { ...entry, agent: idsOnlyActor(entry.agent) } : entry))
	if (Array.isArray(context.contextGroups)) kept.contextGroups = context.contextGroups.map((entry: unknown) => (isObject(entry) ? { ...entry, group: idsOnlyActor(entry.group) } : entry))
	return kept
}

/** A statement or sub-statement with every agent, group, verb and activity reduced to what identifies it. */
function idsOnly(statement: Json): Json {
	const kept: Json = { ...statement, actor: idsOnlyActor(statement.actor), verb: idsOnlyVerb(statement.verb), object: idsOnlyObject(statement.object) }
	if ('context' in statement) kept.context = idsOnlyContext(statement.context)
	if ('authority' in statement) kept.authority = idsOnlyActor(statement.authority)
	return kept
}

/** One language of a language map: the first of `languages` it has (`en` matches `en-US`), else its first. */
function oneLanguage(map: unknown, languages: readonly string[]): unknown {
	if (!isObject(map)) return map
	const keys = Object.keys(map)
	if (keys.length <= 1) return map
	const chosen =
		languages.map((wanted) => keys.find((key) => key.toLowerCase() === wanted.toLowerCase()) ?? keys.find((key) => key.toLowerCase().split('-')[0] === wanted.toLowerCase().split('-')[0])).find(Boolean) ?? keys[0]!
	return { [chosen]: map[chosen] }
}

const INTERACTION_COMPONENTS = ['choices', 'scale', 'source', 'target', 'steps'] as const

function canonicalObject(object: unknown, languages: readonly string[]): unknown {
	if (!isObject(object)) return object
	if (object.objectType === 'SubStatement') return canonical(object, languages)
	if (!isObject(object.definition)) return object
	const definition: Json = { ...object.definition }
	for (const name of ['name', 'description']) if (name in definition) definition[name] = oneLanguage(definition[name], languages)
	for (const list of INTERACTION_COMPONENTS)
		if (Array.isArray(definition[list])) definition[list] = definition[list].map((component: unknown) => (isObject(component) && 'description' in component ? { ...component, description: oneLanguage(component.description, languages) } : component))
	return { ...object, definition }
}

/** Every language map of a statement (verb, activities in object and context, attachments) in one language. */
function canonical(statement: Json, languages: readonly string[]): Json {
	const result: Json = { ...statement, object: canonicalObject(statement.object, languages) }
	if (isObject(statement.verb) && 'display' in statement.verb) result.verb = { ...statement.verb, display: oneLanguage(statement.verb.display, languages) }
	if (isObject(statement.context) && isObject(statement.context.contextActivities)) {
		const activities = Object.entries(statement.context.contextActivities).map(([name, list]) => [name, Array.isArray(list) ? list.map((activity) => canonicalObject(activity, languages)) : canonicalObject(list, languages)])
		result.context = { ...statement.context, contextActivities: Object.fromEntries(activities) }
	}
	if (Array.isArray(statement.attachments))
		result.attachments = statement.attachments.map((attachment: unknown) => {
			if (!isObject(attachment)) return attachment
			const one: Json = { ...attachment }
			for (const name of ['display', 'description']) if (name in one) one[name] = oneLanguage(one[name], languages)
			return one
		})
	return result
}

/**
 * The `format` parameter: `ids` keeps only identifiers; `canonical` keeps one language of every
 * language map (the reader's, from Accept-Language); `exact` returns what was stored.
 */
export function formatStatement(statement: Json, format: 'ids' | 'exact' | 'canonical', languages: readonly string[] = []): Json {
	if (format === 'exact') return statement
	if (format === 'canonical') return canonical(statement, languages)
	return idsOnly(statement)
}

/** The languages of an Accept-Language header, most wanted first. */
export function acceptedLanguages(header: string | null): string[] {
	if (!header) return []
	return header
		.split(',')
		.map((part) => {
			const [tag, ...rest] = part.trim().split(';')
			const q = Number(/q=([\d.]+)/.exec(rest.join(';'))?.[1] ?? '1')
			return { tag: tag!.trim(), q: Number.isFinite(q) ? q : 0 }
		})
		.filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
		.sort((a, b) => b.q - a.q)
		.map((entry) => entry.tag)
}

/**
 * Whether two statements with the same id are the same statement (a repeated PUT or POST is
 * answered as stored, a different one is a conflict): equal apart from what the LRS sets.
 */
export function sameStatement(stored: Json, incoming: Json): boolean {
	const strip = ({ stored: _s, authority: _a, version: _v, timestamp: _t, id: _i, ...rest }: Json) => comparableDurations(rest)
	return canonicalJson(strip(stored)) === canonicalJson(strip(incoming))
}

/**
 * A duration as compared: seconds truncated to hundredths ("any precision beyond 0.01 second
 * precision shall not be included in the comparison", xAPI 2.0 Data 4.6; the store keeps what was sent).
 */
export function comparableDuration(duration: string): string {
	return duration.replace(/(\d+)(?:\.(\d*))?S$/, (_whole, seconds: string, fraction: string | undefined) => {
		const hundredths = (fraction ?? '').slice(0, 2).replace(/0+$/, '')
		return `${Number(seconds)}${hundredths ? `.${hundredths}` : ''}S`
	})
}

function comparableDurations(statement: Json): Json {
	const compared: Json = { ...statement }
	if (isObject(statement.result) && typeof statement.result.duration === 'string') compared.result = { ...statement.result, duration: comparableDuration(statement.result.duration) }
	if (isObject(statement.object) && statement.object.objectType === 'SubStatement') compared.object = comparableDurations(statement.object)
	return compared
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	if (isObject(value))
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
			.join(',')}}`
	return JSON.stringify(value)
}

export const XAPI_SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature'

/**
 * A signed statement's JWS (xAPI Data 2.6): compact serialisation, RS256/384/512, and a payload
 * that is the statement as sent apart from its attachments. The signature itself is not verified
 * against a key (the specification leaves trust in the signer to the reader).
 */
export function checkSignature(statement: Json, jws: string, decodeBase64Url: (part: string) => string): Check {
	const parts = jws.trim().split('.')
	if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return { ok: false, message: 'the signature is not a compact JWS' }
	const decode = (part: string): unknown => JSON.parse(decodeBase64Url(part))
	let header: unknown
	let payload: unknown
	try {
		header = decode(parts[0]!)
		payload = decode(parts[1]!)
	} catch {
		return { ok: false, message: 'the signature’s header or payload is not JSON' }
	}
	if (!isObject(header) || !['RS256', 'RS384', 'RS512'].includes(String(header.alg))) return { ok: false, message: 'a statement signature uses RS256, RS384 or RS512' }
	if (!isObject(payload)) return { ok: false, message: 'the signature’s payload is not a statement' }
	const { attachments: _signed, ...signed } = payload
	const { attachments: _sent, ...sent } = statement
	if (!sameStatement(signed, sent)) return { ok: false, message: 'the signature’s payload is not this statement' }
	return { ok: true }
}

/**
 * The canonical definition of an activity from every definition the unit's statements gave it,
 * oldest first (xAPI Communication 2.5: "all available information about an activity"): language
 * maps and extensions are merged key by key, interaction components by their id, and any other
 * property is taken from the latest definition that has it.
 */
export function mergeActivityDefinitions(definitions: readonly unknown[]): Json | null {
	let merged: Json | null = null
	for (const definition of definitions) {
		if (!isObject(definition)) continue
		const next: Json = { ...(merged ?? {}) }
		for (const [name, value] of Object.entries(definition)) {
			const before = next[name]
			if ((name === 'name' || name === 'description' || name === 'extensions') && isObject(value) && isObject(before)) next[name] = { ...before, ...value }
			else if ((INTERACTION_COMPONENTS as readonly string[]).includes(name) && Array.isArray(value) && Array.isArray(before)) next[name] = mergeComponents(before, value)
			else next[name] = value
		}
		merged = next
	}
	return merged
}

function mergeComponents(before: unknown[], after: unknown[]): unknown[] {
	const merged = [...before]
	for (const component of after) {
		const at = isObject(component) ? merged.findIndex((known) => isObject(known) && known.id === component.id) : -1
		const known = merged[at]
		if (at < 0 || !isObject(known) || !isObject(component)) merged.push(component)
		else merged[at] = { ...known, ...component, ...(isObject(known.description) && isObject(component.description) ? { description: { ...known.description, ...component.description } } : {}) }
	}
	return merged
}
