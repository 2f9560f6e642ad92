// Which employee of a unit a statement is about (ADR 039, "People"). A unit's systems name people
// in one way, the unit's setting: an account on the systems' home page whose name is the employee
// number, or the person's e-mail address (mbox, or its SHA-1 as mbox_sha1sum). Only the actor
// counts, and only when it is an agent: a group is no person, and its members are not matched.

/** How a unit's systems name its employees in statements. */
export type XapiPersonIdentifier = { kind: 'account'; homePage: string } | { kind: 'mbox' }

/** What to look a person up by: the employee number, the e-mail address (lower case) or the SHA-1 of `mailto:` + address (hex, lower case). */
export type XapiPersonLookup = { by: 'employeeNumber'; value: string } | { by: 'email'; value: string } | { by: 'emailSha1'; value: string }

/** A person of the unit as matching needs them. */
export type XapiMatchablePerson = { id: string; employeeNumber: string; email: string }

/** One home page, however it ends: `https://lims.nvwa.nl` and `https://lims.nvwa.nl/` name the same system. */
const withoutTrailingSlash = (homePage: string) => homePage.replace(/\/+$/, '')

/**
 * What a statement's actor key (domain `agentKey`) is looked up by under the unit's identifier, or
 * null when it cannot name a person of the unit: another kind of identifier, an account on another
 * home page, an empty account name or a malformed address.
 */
export function personLookupOf(actorKey: string | null, identifier: XapiPersonIdentifier | null): XapiPersonLookup | null {
	if (actorKey === null || identifier === null) return null
	switch (identifier.kind) {
		case 'account': {
			if (!actorKey.startsWith('account:')) return null
			const rest = actorKey.slice('account:'.length)
			// The home page is known, so the name is what follows it and the separator, even if it holds a `|`.
			const home = withoutTrailingSlash(identifier.homePage)
			for (const prefix of [`${home}|`, `${home}/|`]) {
				if (rest.startsWith(prefix)) {
					const name = rest.slice(prefix.length).trim()
					return name === '' ? null : { by: 'employeeNumber', value: name }
				}
			}
			return null
		}
		case 'mbox': {
			if (actorKey.startsWith('mbox:mailto:')) {
				const address = actorKey.slice('mbox:mailto:'.length).trim().toLowerCase()
				return /^[^@\s]+@[^@\s]+$/.test(address) ? { by: 'email', value: address } : null
			}
			if (actorKey.startsWith('mbox_sha1sum:')) {
				const hash = actorKey.slice('mbox_sha1sum:'.length).toLowerCase()
				return /^[0-9a-f]{40}$/.test(hash) ? { by: 'emailSha1', value: hash } : null
			}
			return null
		}
		default: {
			const never: never = identifier
			return never
		}
	}
}

/** Whether a statement's actor can be a person: an agent, not a group (identified or not). */
export function actorIsAgent(statement: Record<string, unknown>): boolean {
	const actor = statement.actor
	return typeof actor === 'object' && actor !== null && (actor as Record<string, unknown>).objectType !== 'Group'
}

/**
 * Matches actor keys to people, given the candidates looked up for them. `sha1` hashes a text to
 * lower-case hex (the caller's; the domain does no I/O and imports no crypto). An address matches
 * whatever its case; the SHA-1 is of `mailto:` + the address as the person's record has it, or
 * lower-cased (xAPI leaves the case to the sender). Answers actor key → person id, for the keys that matched.
 */
export function matchPeople(
	actorKeys: readonly string[],
	identifier: XapiPersonIdentifier | null,
	people: readonly XapiMatchablePerson[],
	sha1: (text: string) => string,
): Map<string, string> {
	const byNumber = new Map<string, string>()
	const byEmail = new Map<string, string>()
	const bySha1 = new Map<string, string>()
	const needsSha1 = actorKeys.some((key) => personLookupOf(key, identifier)?.by === 'emailSha1')
	for (const person of people) {
		byNumber.set(person.employeeNumber.trim(), person.id)
		byEmail.set(person.email.trim().toLowerCase(), person.id)
		if (needsSha1) for (const address of new Set([person.email.trim(), person.email.trim().toLowerCase()])) bySha1.set(sha1(`mailto:${address}`), person.id)
	}
	const matched = new Map<string, string>()
	for (const key of new Set(actorKeys)) {
		const lookup = personLookupOf(key, identifier)
		if (!lookup) continue
		const found = (lookup.by === 'employeeNumber' ? byNumber : lookup.by === 'email' ? byEmail : bySha1).get(lookup.value)
		if (found) matched.set(key, found)
	}
	return matched
}

/** The look-ups of many actor keys, grouped for one query: employee numbers, addresses, and whether any SHA-1 needs every address. */
export function groupLookups(actorKeys: readonly string[], identifier: XapiPersonIdentifier | null): { employeeNumbers: string[]; emails: string[]; anySha1: boolean } {
	const employeeNumbers = new Set<string>()
	const emails = new Set<string>()
	let anySha1 = false
	for (const key of actorKeys) {
		const lookup = personLookupOf(key, identifier)
		if (lookup?.by === 'employeeNumber') employeeNumbers.add(lookup.value)
		else if (lookup?.by === 'email') emails.add(lookup.value)
		else if (lookup?.by === 'emailSha1') anySha1 = true
	}
	return { employeeNumbers: [...employeeNumbers], emails: [...emails], anySha1 }
}

/** An actor key as a coordinator reads it: the kind of identifier and its parts. */
export type DescribedAgentKey =
	| { kind: 'account'; homePage: string; name: string }
	| { kind: 'mbox'; address: string }
	| { kind: 'mbox_sha1sum'; hash: string }
	| { kind: 'openid'; uri: string }
	| { kind: 'unknown'; key: string }

/** Splits an agent key back into its identifier (an account's home page ends at the first `|`: an IRL seldom holds one). */
export function describeAgentKey(key: string): DescribedAgentKey {
	if (key.startsWith('account:')) {
		const rest = key.slice('account:'.length)
		const bar = rest.indexOf('|')
		if (bar > 0) return { kind: 'account', homePage: rest.slice(0, bar), name: rest.slice(bar + 1) }
	}
	if (key.startsWith('mbox:')) return { kind: 'mbox', address: key.slice('mbox:'.length).replace(/^mailto:/, '') }
	if (key.startsWith('mbox_sha1sum:')) return { kind: 'mbox_sha1sum', hash: key.slice('mbox_sha1sum:'.length) }
	if (key.startsWith('openid:')) return { kind: 'openid', uri: key.slice('openid:'.length) }
	return { kind: 'unknown', key }
}
