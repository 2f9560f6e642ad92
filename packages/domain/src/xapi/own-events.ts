// Leerplein's own events as xAPI statements (ADR 039, "Leerplein's own events"): an enrolment
// made, a session attended, a course completed — written by the portal into the unit's own store
// with stable ids, so a repeated event stores nothing new and reports read one learning record.

type Json = Record<string, unknown>

export type OwnEventKind = 'registered' | 'attended' | 'completed' | 'scored'

export type OwnEvent = {
	kind: OwnEventKind
	/** The enrolment the event is about: the statement's registration and the source of its id. */
	enrolmentId: string
	/** The person (users.id): the actor's account name on the portal. */
	userId: string
	tenantId: string
	course: { id: string; title: string }
	session: { id: string; startsAt: Date }
	/** When it happened (the service's clock; for a score, when the tool says it was given). */
	at: Date
	/** Scored only: the online part (an LTI line item) and the score the tool gave. */
	scored?: { partId: string; label: string; given: number | null; maximum: number | null; completed: boolean }
}

export const OWN_EVENT_VERBS: Record<OwnEventKind, { id: string; display: Json }> = {
	registered: { id: 'http://adlnet.gov/expapi/verbs/registered', display: { 'nl-NL': 'schreef zich in voor', en: 'registered' } },
	attended: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'nl-NL': 'was aanwezig bij', en: 'attended' } },
	completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'nl-NL': 'voltooide', en: 'completed' } },
	scored: { id: 'http://adlnet.gov/expapi/verbs/scored', display: { 'nl-NL': 'behaalde een score voor', en: 'scored' } },
}

/** The namespace of Leerplein's own statement ids (UUID v5); fixed forever, or repeated events would store twice. */
export const OWN_EVENT_NAMESPACE = '6f1c1f4e-2d0a-4c53-9a77-3b8f0c2e5d41'

/** The portal's stable activity ids: a course and a session keep theirs for as long as the portal runs at this address. */
export const courseActivityId = (publicOrigin: string, courseId: string) => `${publicOrigin}/xapi/activities/course/${courseId}`
export const sessionActivityId = (publicOrigin: string, sessionId: string) => `${publicOrigin}/xapi/activities/session/${sessionId}`
export const onlinePartActivityId = (publicOrigin: string, partId: string) => `${publicOrigin}/xapi/activities/online-part/${partId}`

/** The person as the portal's account: home page the portal, name the user id (never reused, unlike an employee number may be). */
export const portalAccount = (publicOrigin: string, userId: string): Json => ({ objectType: 'Agent', account: { homePage: publicOrigin, name: userId } })

/**
 * A UUID version 5 (RFC 9562 5.5) of `name` in `namespace`. SHA-1 is the caller's (no I/O or
 * platform crypto in the domain): `sha1(bytes)` answers the 20-byte digest.
 */
export function uuidV5(namespace: string, name: string, sha1: (bytes: Uint8Array) => Uint8Array): string {
	const space = namespace.replace(/-/g, '')
	const named = utf8(name)
	const bytes = new Uint8Array(16 + named.length)
	for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(space.slice(i * 2, i * 2 + 2), 16)
	bytes.set(named, 16)
	const hash = sha1(bytes).slice(0, 16)
	hash[6] = (hash[6]! & 0x0f) | 0x50
	hash[8] = (hash[8]! & 0x3f) | 0x80
	const hex = [...hash].map((byte) => byte.toString(16).padStart(2, '0')).join('')
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A string's UTF-8 bytes, without a platform encoder: percent-encoding is UTF-8. */
function utf8(text: string): Uint8Array {
	const encoded = encodeURIComponent(text)
	const bytes: number[] = []
	for (let i = 0; i < encoded.length; i++) {
		if (encoded[i] === '%') {
			bytes.push(Number.parseInt(encoded.slice(i + 1, i + 3), 16))
			i += 2
		} else bytes.push(encoded.charCodeAt(i))
	}
	return Uint8Array.from(bytes)
}

/**
 * The id of an event's statement: the same event always gives the same id — kind and enrolment;
 * for a score also the part and the moment the tool gave it (a tool resends a score unchanged).
 */
export const ownEventStatementId = (event: Pick<OwnEvent, 'kind' | 'enrolmentId' | 'scored' | 'at'>, sha1: (bytes: Uint8Array) => Uint8Array) =>
	uuidV5(OWN_EVENT_NAMESPACE, event.kind === 'scored' && event.scored ? `scored:${event.enrolmentId}:${event.scored.partId}:${event.at.toISOString()}` : `${event.kind}:${event.enrolmentId}`, sha1)

/**
 * The statement of one event, without `stored` and `authority` (the store sets those). Attended
 * is about the session (a meeting, part of the course); registered and completed are about the
 * course, grouped by the session. The unit is an extension of the context; courses have a Dutch
 * title only, so the English name repeats it.
 */
export function ownEventStatement(event: OwnEvent, { publicOrigin, sha1 }: { publicOrigin: string; sha1: (bytes: Uint8Array) => Uint8Array }): Json {
	const course = { objectType: 'Activity', id: courseActivityId(publicOrigin, event.course.id), definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'nl-NL': event.course.title, en: event.course.title } } }
	const startsOn = event.session.startsAt.toISOString().slice(0, 10)
	const session = {
		objectType: 'Activity',
		id: sessionActivityId(publicOrigin, event.session.id),
		definition: { type: 'http://adlnet.gov/expapi/activities/meeting', name: { 'nl-NL': `${event.course.title}, uitvoering van ${startsOn}`, en: `${event.course.title}, session of ${startsOn}` } },
	}
	const aboutSession = event.kind === 'attended'
	const part = event.kind === 'scored' && event.scored ? event.scored : null
	const statement: Json = {
		id: ownEventStatementId(event, sha1),
		actor: portalAccount(publicOrigin, event.userId),
		verb: OWN_EVENT_VERBS[event.kind],
		object: part
			? { objectType: 'Activity', id: onlinePartActivityId(publicOrigin, part.partId), definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'nl-NL': part.label, en: part.label } } }
			: aboutSession
				? session
				: course,
		context: {
			registration: event.enrolmentId,
			platform: 'Leerplein',
			contextActivities: aboutSession || part ? { parent: [course], ...(part ? { grouping: [session] } : {}) } : { grouping: [session] },
			extensions: { [`${publicOrigin}/xapi/extensions/unit`]: event.tenantId },
		},
		timestamp: event.at.toISOString(),
	}
	if (event.kind === 'completed') statement.result = { completion: true, success: true }
	if (part) statement.result = { completion: part.completed, ...scoreOf(part) }
	return statement
}

/** A tool's score as xAPI's: raw within min 0 and max, scaled when there is a maximum; none without a score. */
function scoreOf({ given, maximum }: { given: number | null; maximum: number | null }): Json {
	if (given === null) return {}
	if (maximum === null || maximum <= 0) return { score: { raw: given } }
	const raw = Math.min(Math.max(given, 0), maximum)
	return { score: { raw, min: 0, max: maximum, scaled: Math.round((raw / maximum) * 10_000) / 10_000 } }
}
