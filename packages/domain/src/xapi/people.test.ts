import { describe, expect, test } from 'vitest'
import { actorIsAgent, describeAgentKey, groupLookups, matchPeople, personLookupOf, type XapiMatchablePerson } from './people.ts'
import { agentKey } from './statements.ts'

// The SHA-1s of the addresses below (`printf %s TEXT | sha1sum`): the domain takes the hash function from its caller.
const SHA1: Record<string, string> = {
	'mailto:bram@nvwa.nl': '6bf3b155576817e031e44fdecdba9bf05a4c6818',
	'mailto:anna.de.vries@nvwa.nl': '68391fe355c0fdb35c233975d9977771dff215bc',
	'mailto:Anna.de.Vries@nvwa.nl': '6d244f8aca36cb8c1db4fb0974a5cf1611c9cc03',
	'mailto:onbekend@nvwa.nl': '80fbdf14b489a87c07544e07ff5a9c66d3d6f0c0',
}
const sha1 = (text: string) => SHA1[text] ?? 'f'.repeat(40)
const lims = { kind: 'account', homePage: 'https://lims.nvwa.nl' } as const
const mbox = { kind: 'mbox' } as const
const people: XapiMatchablePerson[] = [
	{ id: 'p-anna', employeeNumber: '100234', email: 'Anna.de.Vries@nvwa.nl' },
	{ id: 'p-bram', employeeNumber: '100235', email: 'bram@nvwa.nl' },
]

describe('matching xAPI actors to people', () => {
	test('under an account identifier, an account on the unit’s home page is looked up by its name as employee number', () => {
		const key = agentKey({ account: { homePage: 'https://lims.nvwa.nl', name: '100234' } })
		expect(personLookupOf(key, lims)).toEqual({ by: 'employeeNumber', value: '100234' })
		// A trailing slash on either side names the same system.
		expect(personLookupOf('account:https://lims.nvwa.nl/|100234', lims)).toEqual({ by: 'employeeNumber', value: '100234' })
		expect(personLookupOf('account:https://lims.nvwa.nl|100234', { kind: 'account', homePage: 'https://lims.nvwa.nl/' })).toEqual({ by: 'employeeNumber', value: '100234' })
	})

	test('under an account identifier, another home page, an e-mail address or an empty name names nobody', () => {
		expect(personLookupOf('account:https://lims.nvwa.nl.evil.example|100234', lims)).toBeNull()
		expect(personLookupOf('account:https://andere.nl|100234', lims)).toBeNull()
		expect(personLookupOf('mbox:mailto:anna@nvwa.nl', lims)).toBeNull()
		expect(personLookupOf('account:https://lims.nvwa.nl| ', lims)).toBeNull()
		expect(personLookupOf(null, lims)).toBeNull()
	})

	test('under an mbox identifier, an address is looked up in lower case and a SHA-1 as hex; an account names nobody', () => {
		expect(personLookupOf('mbox:mailto:Anna.de.Vries@NVWA.nl', mbox)).toEqual({ by: 'email', value: 'anna.de.vries@nvwa.nl' })
		expect(personLookupOf(`mbox_sha1sum:${'A'.repeat(40)}`, mbox)).toEqual({ by: 'emailSha1', value: 'a'.repeat(40) })
		expect(personLookupOf('mbox_sha1sum:abc', mbox)).toBeNull()
		expect(personLookupOf('account:https://lims.nvwa.nl|100234', mbox)).toBeNull()
		expect(personLookupOf('openid:https://id.example/anna', mbox)).toBeNull()
	})

	test('without a setting nobody is matched', () => {
		expect(personLookupOf('mbox:mailto:bram@nvwa.nl', null)).toBeNull()
		expect(matchPeople(['mbox:mailto:bram@nvwa.nl'], null, people, sha1).size).toBe(0)
	})

	test('given the candidates, each key matches its person; unknown keys are left out', () => {
		const keys = ['account:https://lims.nvwa.nl|100234', 'account:https://lims.nvwa.nl|100235', 'account:https://lims.nvwa.nl|999999']
		expect([...matchPeople(keys, lims, people, sha1)]).toEqual([
			['account:https://lims.nvwa.nl|100234', 'p-anna'],
			['account:https://lims.nvwa.nl|100235', 'p-bram'],
		])
	})

	test('an address matches whatever its case, a SHA-1 of the address as recorded or lower-cased', () => {
		const keys = ['mbox:mailto:anna.de.vries@nvwa.nl', `mbox_sha1sum:${sha1('mailto:bram@nvwa.nl')}`, `mbox_sha1sum:${sha1('mailto:anna.de.vries@nvwa.nl')}`, `mbox_sha1sum:${sha1('mailto:onbekend@nvwa.nl')}`]
		expect(Object.fromEntries(matchPeople(keys, mbox, people, sha1))).toEqual({
			'mbox:mailto:anna.de.vries@nvwa.nl': 'p-anna',
			[`mbox_sha1sum:${sha1('mailto:bram@nvwa.nl')}`]: 'p-bram',
			[`mbox_sha1sum:${sha1('mailto:anna.de.vries@nvwa.nl')}`]: 'p-anna',
		})
	})

	test('a batch groups into one look-up: numbers and addresses, and whether a SHA-1 needs all addresses', () => {
		expect(groupLookups(['account:https://lims.nvwa.nl|1', 'account:https://lims.nvwa.nl|1', 'account:https://x.nl|2'], lims)).toEqual({ employeeNumbers: ['1'], emails: [], anySha1: false })
		expect(groupLookups(['mbox:mailto:a@b.nl', `mbox_sha1sum:${'0'.repeat(40)}`], mbox)).toEqual({ employeeNumbers: [], emails: ['a@b.nl'], anySha1: true })
	})

	test('a group actor is no person, an agent is', () => {
		expect(actorIsAgent({ actor: { objectType: 'Group', mbox: 'mailto:team@nvwa.nl', member: [{ mbox: 'mailto:anna@nvwa.nl' }] } })).toBe(false)
		expect(actorIsAgent({ actor: { mbox: 'mailto:anna@nvwa.nl' } })).toBe(true)
		expect(actorIsAgent({ actor: { objectType: 'Agent', mbox: 'mailto:anna@nvwa.nl' } })).toBe(true)
	})

	test('a key reads back as its identifier for the coordinator', () => {
		expect(describeAgentKey('account:https://lims.nvwa.nl|100234')).toEqual({ kind: 'account', homePage: 'https://lims.nvwa.nl', name: '100234' })
		expect(describeAgentKey('mbox:mailto:anna@nvwa.nl')).toEqual({ kind: 'mbox', address: 'anna@nvwa.nl' })
		expect(describeAgentKey('mbox_sha1sum:abc')).toEqual({ kind: 'mbox_sha1sum', hash: 'abc' })
		expect(describeAgentKey('openid:https://id.example/a')).toEqual({ kind: 'openid', uri: 'https://id.example/a' })
	})
})
