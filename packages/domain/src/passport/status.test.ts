import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays, addMonths, amsterdamDate } from './calendar.ts'
import { EMPTY_CHAIN, extendChain, grantMeetsCause, passportStatus, sameStatus, statusOf, validityChain, type Competency, type PassportEvidence, type PassportRequirement } from './status.ts'

const yearly: Competency = { id: 'bhv', validityMonths: 12, warningDays: 60, renewalBasis: 'expiry' }
const fromCompletion: Competency = { ...yearly, renewalBasis: 'completion' }
const permanent: Competency = { id: 'integriteit', validityMonths: null, warningDays: 60, renewalBasis: 'expiry' }
const required: PassportRequirement = { id: 'req-inspecteur', introducedOn: '2020-01-01', graceDays: 0 }

const evidence = (id: string, occurredOn: string, extra: Partial<PassportEvidence> = {}): PassportEvidence => ({ id, occurredOn, superseded: false, revoked: false, ...extra })

describe('calendar', () => {
	test.each([
		['2024-02-29', 12, '2025-02-28'],
		['2024-02-29', 48, '2028-02-29'],
		['2023-08-31', 6, '2024-02-29'],
		['2024-01-31', 1, '2024-02-29'],
		['2024-12-15', 1, '2025-01-15'],
	])('%s plus %i months is %s (a missing day becomes the month’s last)', (date, months, expected) => {
		expect(addMonths(date, months)).toBe(expected)
	})

	test.each([
		// 00:30 in Amsterdam on 1 March (winter time, UTC+1) is still 28 February in UTC.
		['2025-02-28T23:30:00Z', '2025-03-01'],
		// Summer time (UTC+2): 22:30 UTC is already the next day in Amsterdam.
		['2025-06-30T22:30:00Z', '2025-07-01'],
		['2025-06-30T21:30:00Z', '2025-06-30'],
		// The evening before summer time starts, 23:30 UTC is 00:30 CET on the next day.
		['2025-03-29T23:30:00Z', '2025-03-30'],
	])('the instant %s falls on %s in Amsterdam', (instant, day) => {
		expect(amsterdamDate(new Date(instant))).toBe(day)
	})
})

describe('the status of one competency', () => {
	type Row = { name: string; competency: Competency; requirements: PassportRequirement[]; evidence: PassportEvidence[]; today: string; expected: Partial<ReturnType<typeof passportStatus>> }
	const rows: Row[] = [
		{
			name: 'required and never obtained: red, missing',
			competency: yearly,
			requirements: [required],
			evidence: [],
			today: '2026-06-01',
			expected: { status: 'red', validUntil: null, cause: { kind: 'missing', requirementId: 'req-inspecteur' }, nextChangeOn: null },
		},
		{
			name: 'valid and far from expiry: green until the warning window opens',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2026-01-10')],
			today: '2026-06-01',
			expected: { status: 'green', validUntil: '2027-01-10', cause: { kind: 'valid', evidenceId: 'e1', requirementId: 'req-inspecteur' }, nextChangeOn: '2026-11-11' },
		},
		{
			name: 'inside the 60-day warning window: orange, expiring',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2026-01-10')],
			today: '2026-11-11',
			expected: { status: 'orange', validUntil: '2027-01-10', cause: { kind: 'expiring', evidenceId: 'e1', requirementId: 'req-inspecteur' }, nextChangeOn: '2027-01-11' },
		},
		{
			name: 'the last valid day is still orange; the day after is red, expired',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2026-01-10')],
			today: '2027-01-11',
			expected: { status: 'red', validUntil: '2027-01-10', cause: { kind: 'expired', evidenceId: 'e1', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'evidence on 29 February + 12 months is valid through 28 February',
			competency: { ...yearly, warningDays: 0 },
			requirements: [required],
			evidence: [evidence('leap', '2024-02-29')],
			today: '2025-02-28',
			expected: { status: 'green', validUntil: '2025-02-28', nextChangeOn: '2025-03-01' },
		},
		{
			name: 'and lapses on 1 March of the next year',
			competency: { ...yearly, warningDays: 0 },
			requirements: [required],
			evidence: [evidence('leap', '2024-02-29')],
			today: '2025-03-01',
			expected: { status: 'red', cause: { kind: 'expired', evidenceId: 'leap', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'renewal inside the window extends from the old expiry (basis: expiry)',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2025-03-01'), evidence('e2', '2026-02-01')],
			today: '2026-02-02',
			expected: { status: 'green', validUntil: '2027-03-01', cause: { kind: 'valid', evidenceId: 'e2', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'renewal inside the window runs from its own date (basis: completion)',
			competency: fromCompletion,
			requirements: [required],
			evidence: [evidence('e1', '2025-03-01'), evidence('e2', '2026-02-01')],
			today: '2026-02-02',
			expected: { status: 'green', validUntil: '2027-02-01' },
		},
		{
			name: 'a renewal before the window opens runs from its own date, even on basis expiry',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2025-03-01'), evidence('e2', '2025-09-01')],
			today: '2025-09-02',
			expected: { status: 'green', validUntil: '2026-09-01', cause: { kind: 'valid', evidenceId: 'e2', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'after a lapse, new evidence starts afresh from its own date',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2023-03-01'), evidence('e2', '2025-05-05')],
			today: '2025-05-06',
			expected: { status: 'green', validUntil: '2026-05-05' },
		},
		{
			name: 'a leap-day certificate renewed inside the window chains from 28 February',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2024-02-29'), evidence('e2', '2025-02-01')],
			today: '2025-02-02',
			expected: { status: 'green', validUntil: '2026-02-28', cause: { kind: 'valid', evidenceId: 'e2', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'revoked evidence does not count: red again, missing',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('e1', '2026-01-10', { revoked: true })],
			today: '2026-06-01',
			expected: { status: 'red', cause: { kind: 'missing', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'superseded evidence does not count; its successor does',
			competency: yearly,
			requirements: [required],
			evidence: [evidence('wrong-date', '2026-05-01', { superseded: true }), evidence('corrected', '2025-05-01')],
			today: '2026-06-01',
			expected: { status: 'red', cause: { kind: 'expired', evidenceId: 'corrected', requirementId: 'req-inspecteur' } },
		},
		{
			name: 'a new requirement inside its grace period: orange, due on introduction + grace',
			competency: yearly,
			requirements: [{ id: 'new', introducedOn: '2026-05-01', graceDays: 90 }],
			evidence: [],
			today: '2026-06-01',
			expected: { status: 'orange', cause: { kind: 'grace', requirementId: 'new', dueOn: '2026-07-30', evidenceId: null }, nextChangeOn: '2026-07-31' },
		},
		{
			name: 'the grace period over: red',
			competency: yearly,
			requirements: [{ id: 'new', introducedOn: '2026-05-01', graceDays: 90 }],
			evidence: [],
			today: '2026-07-31',
			expected: { status: 'red', cause: { kind: 'missing', requirementId: 'new' } },
		},
		{
			name: 'of two requirements the earlier deadline binds',
			competency: yearly,
			requirements: [{ id: 'job', introducedOn: '2026-05-01', graceDays: 90 }, { id: 'person', introducedOn: '2026-05-01', graceDays: 10 }],
			evidence: [],
			today: '2026-06-01',
			expected: { status: 'red', cause: { kind: 'missing', requirementId: 'person' } },
		},
		{
			name: 'not required: grey whatever the evidence, and says which evidence holds',
			competency: yearly,
			requirements: [],
			evidence: [evidence('e1', '2026-01-10')],
			today: '2026-06-01',
			expected: { status: 'not_required', validUntil: '2027-01-10', cause: { kind: 'not_required', evidenceId: 'e1' } },
		},
		{
			name: 'a permanent competency stays green without a valid-until',
			competency: permanent,
			requirements: [required],
			evidence: [evidence('e1', '2001-01-01')],
			today: '2026-06-01',
			expected: { status: 'green', validUntil: null, permanent: true, cause: { kind: 'valid', evidenceId: 'e1', requirementId: 'req-inspecteur' }, nextChangeOn: null },
		},
	]

	test.each(rows)('$name', ({ competency, requirements, evidence: pieces, today, expected }) => {
		expect(passportStatus(competency, requirements, pieces, { today })).toMatchObject(expected)
	})

	test('evidence arriving out of order gives the same status as in date order', () => {
		const inOrder = [evidence('a', '2023-04-01'), evidence('b', '2024-03-15'), evidence('c', '2025-03-20')]
		const today = '2025-04-01'
		const expected = passportStatus(yearly, [required], inOrder, { today })
		expect(expected).toMatchObject({ status: 'green', validUntil: '2026-04-01' })
		for (const shuffled of [[inOrder[2]!, inOrder[0]!, inOrder[1]!], [inOrder[1]!, inOrder[2]!, inOrder[0]!], [...inOrder].reverse()]) {
			expect(passportStatus(yearly, [required], shuffled, { today })).toEqual(expected)
		}
	})

	test('a late report of older evidence refolds the chain from that date', () => {
		const stored = validityChain(yearly, [evidence('b', '2025-03-20')])
		const late = evidence('a', '2024-04-01')
		const all = [evidence('b', '2025-03-20'), late]
		// Held since April 2024, renewed inside the window: the renewal now runs from the old expiry.
		expect(extendChain(yearly, stored, { kind: 'added', evidence: late }, all)).toEqual(validityChain(yearly, all))
		expect(validityChain(yearly, all).validUntil).toBe('2026-04-01')
	})
})

describe('incremental recompute', () => {
	const day = fc.integer({ min: 0, max: 6 * 366 }).map((offset) => {
		const date = new Date(Date.UTC(2022, 0, 1 + offset))
		return date.toISOString().slice(0, 10)
	})
	const competency = fc.record({
		id: fc.constant('c'),
		validityMonths: fc.option(fc.integer({ min: 1, max: 36 }), { nil: null, freq: 5 }),
		warningDays: fc.integer({ min: 0, max: 120 }),
		renewalBasis: fc.constantFrom('completion' as const, 'expiry' as const),
	})
	type Change = { kind: 'add'; occurredOn: string } | { kind: 'supersede' | 'revoke'; pick: number }
	const change: fc.Arbitrary<Change> = fc.oneof(
		{ weight: 4, arbitrary: day.map((occurredOn) => ({ kind: 'add' as const, occurredOn })) },
		{ weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'supersede' as const, pick })) },
		{ weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'revoke' as const, pick })) },
	)

	test('folding each change onto the stored chain equals a full recompute after every step (0 drift)', () => {
		fc.assert(
			fc.property(competency, fc.array(change, { maxLength: 30 }), day, fc.array(fc.record({ introducedOn: day, graceDays: fc.integer({ min: 0, max: 180 }) }), { maxLength: 2 }), (comp, changes, today, reqs) => {
				const requirements = reqs.map((requirement, index) => ({ id: `r${index}`, ...requirement }))
				let all: PassportEvidence[] = []
				let stored = EMPTY_CHAIN
				changes.forEach((next, index) => {
					if (next.kind === 'add') {
						const piece = evidence(`e${String(index).padStart(3, '0')}`, next.occurredOn)
						all = [...all, piece]
						stored = extendChain(comp, stored, { kind: 'added', evidence: piece }, all)
					} else {
						const counting = all.filter((piece) => !piece.superseded && !piece.revoked)
						const target = counting[next.pick % Math.max(counting.length, 1)]
						if (!target) return
						all = all.map((piece) => (piece.id === target.id ? { ...piece, [next.kind === 'supersede' ? 'superseded' : 'revoked']: true } : piece))
						stored = extendChain(comp, stored, { kind: next.kind === 'supersede' ? 'superseded' : 'revoked', evidenceId: target.id }, all)
					}
					const incremental = statusOf(comp, stored, requirements, { today })
					const full = passportStatus(comp, requirements, all, { today })
					expect(sameStatus(incremental, full)).toBe(true)
					expect(stored).toEqual(validityChain(comp, all))
				})
			}),
			{ numRuns: 500 },
		)
	})
})

describe('levels', () => {
	// 1 Basis, 2 Gevorderd, 3 Expert.
	const levelled: Competency = { ...yearly, id: 'inspectie', levelCount: 3 }
	const expert: PassportRequirement = { ...required, id: 'req-expert', minLevel: 3 }
	const basis: PassportRequirement = { ...required, id: 'req-basis', minLevel: 1 }
	type Row = { name: string; competency: Competency; requirements: PassportRequirement[]; evidence: PassportEvidence[]; today: string; expected: Partial<ReturnType<typeof passportStatus>> }
	const rows: Row[] = [
		{
			name: 'a minimum met by evidence at that level: green, the level held shown',
			competency: levelled,
			requirements: [expert],
			evidence: [evidence('e3', '2026-01-10', { level: 3 })],
			today: '2026-06-01',
			expected: { status: 'green', level: 3, validUntil: '2027-01-10', cause: { kind: 'valid', evidenceId: 'e3', requirementId: 'req-expert', requiredLevel: 3 }, nextChangeOn: '2026-11-11' },
		},
		{
			name: 'evidence above the minimum meets it',
			competency: levelled,
			requirements: [{ ...expert, minLevel: 2 }],
			evidence: [evidence('e3', '2026-01-10', { level: 3 })],
			today: '2026-06-01',
			expected: { status: 'green', level: 3, cause: { kind: 'valid', evidenceId: 'e3', requirementId: 'req-expert', requiredLevel: 2 } },
		},
		{
			name: 'only a lower level held: red, level too low, until that lower level lapses',
			competency: levelled,
			requirements: [expert],
			evidence: [evidence('e1', '2026-01-10', { level: 1 })],
			today: '2026-06-01',
			expected: { status: 'red', level: 1, validUntil: null, cause: { kind: 'level_too_low', requirementId: 'req-expert', requiredLevel: 3, heldLevel: 1, evidenceId: 'e1' }, nextChangeOn: '2027-01-11' },
		},
		{
			name: 'a lower level after the higher one lapsed: red, level too low (the higher chain has expired)',
			competency: levelled,
			requirements: [expert],
			evidence: [evidence('e3', '2024-01-10', { level: 3 }), evidence('e2', '2026-01-10', { level: 2 })],
			today: '2026-06-01',
			expected: { status: 'red', level: 2, validUntil: '2025-01-10', cause: { kind: 'level_too_low', requirementId: 'req-expert', requiredLevel: 3, heldLevel: 2, evidenceId: 'e2' } },
		},
		{
			name: 'a lower level inside the grace period: orange, grace (the deadline has not passed)',
			competency: levelled,
			requirements: [{ ...expert, introducedOn: '2026-05-01', graceDays: 90 }],
			evidence: [evidence('e1', '2026-01-10', { level: 1 })],
			today: '2026-06-01',
			expected: { status: 'orange', level: 1, cause: { kind: 'grace', requirementId: 'req-expert', dueOn: '2026-07-30', evidenceId: null, requiredLevel: 3 }, nextChangeOn: '2026-07-31' },
		},
		{
			name: 'evidence without a level counts as the lowest level',
			competency: levelled,
			requirements: [basis],
			evidence: [evidence('e0', '2026-01-10')],
			today: '2026-06-01',
			expected: { status: 'green', level: 1, cause: { kind: 'valid', evidenceId: 'e0', requirementId: 'req-basis', requiredLevel: 1 } },
		},
		{
			name: 'two requirements at different levels: the unmet one decides (worst colour wins)',
			competency: levelled,
			requirements: [basis, expert],
			evidence: [evidence('e2', '2026-01-10', { level: 2 })],
			today: '2026-06-01',
			expected: { status: 'red', level: 2, cause: { kind: 'level_too_low', requirementId: 'req-expert', requiredLevel: 3, heldLevel: 2, evidenceId: 'e2' } },
		},
		{
			name: 'the higher level lapses before the lower: the level held changes by the calendar on that day',
			competency: levelled,
			requirements: [basis],
			evidence: [evidence('e1', '2026-03-01', { level: 1 }), evidence('e3', '2026-01-10', { level: 3 })],
			today: '2026-06-01',
			expected: { status: 'green', level: 3, validUntil: '2027-03-01', nextChangeOn: '2026-12-31' },
		},
		{
			name: 'not required: the level held is still shown',
			competency: levelled,
			requirements: [],
			evidence: [evidence('e2', '2026-01-10', { level: 2 })],
			today: '2026-06-01',
			expected: { status: 'not_required', level: 2, validUntil: '2027-01-10', cause: { kind: 'not_required', evidenceId: 'e2' } },
		},
		{
			name: 'a revoked higher level does not count',
			competency: levelled,
			requirements: [expert],
			evidence: [evidence('e3', '2026-01-10', { level: 3, revoked: true }), evidence('e1', '2026-01-10', { level: 1 })],
			today: '2026-06-01',
			expected: { status: 'red', level: 1, cause: { kind: 'level_too_low', requirementId: 'req-expert', requiredLevel: 3, heldLevel: 1, evidenceId: 'e1' } },
		},
	]
	test.each(rows)('$name', ({ competency, requirements, evidence: pieces, today, expected }) => {
		expect(passportStatus(competency, requirements, pieces, { today })).toMatchObject(expected)
	})

	test('a competency without levels ignores levels on requirements and evidence: the rule as before', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ day: fc.integer({ min: 0, max: 2000 }), level: fc.option(fc.integer({ min: 1, max: 3 })), revoked: fc.boolean() }), { maxLength: 6 }),
				fc.array(fc.record({ day: fc.integer({ min: 0, max: 2000 }), grace: fc.integer({ min: 0, max: 200 }), minLevel: fc.option(fc.integer({ min: 1, max: 3 })) }), { maxLength: 3 }),
				fc.integer({ min: 0, max: 2500 }),
				(pieces, reqs, day) => {
					const on = (offset: number) => addDays('2020-01-01', offset)
					const withLevels = pieces.map((piece, index) => evidence(`e${index}`, on(piece.day), { level: piece.level, revoked: piece.revoked }))
					const withoutLevels = withLevels.map(({ level: _level, ...piece }) => piece)
					const requirements = reqs.map((req, index) => ({ id: `r${index}`, introducedOn: on(req.day), graceDays: req.grace, minLevel: req.minLevel }))
					const plain = requirements.map(({ minLevel: _minLevel, ...req }) => req)
					const today = on(day)
					expect(passportStatus(yearly, requirements, withLevels, { today })).toEqual(passportStatus(yearly, plain, withoutLevels, { today }))
				},
			),
		)
	})

	test('the stored status with levels compares equal only with the same level', () => {
		const a = passportStatus(levelled, [basis], [evidence('e2', '2026-01-10', { level: 2 })], { today: '2026-06-01' })
		expect(sameStatus(a, { ...a })).toBe(true)
		expect(sameStatus(a, { ...a, level: 1 })).toBe(false)
	})
})

describe('a course suggested for a dot', () => {
	test.each([
		['no level asked, a course without a level', null, { kind: 'missing', requirementId: 'r' }, true],
		['no level asked, a course granting 1', 1, { kind: 'expired', requirementId: 'r', evidenceId: 'e' }, true],
		['level 2 asked, a course granting 1', 1, { kind: 'missing', requirementId: 'r', requiredLevel: 2 }, false],
		['level 2 asked, a course without a level (the lowest)', null, { kind: 'missing', requirementId: 'r', requiredLevel: 2 }, false],
		['level 2 asked, a course granting 2', 2, { kind: 'expiring', requirementId: 'r', evidenceId: 'e', requiredLevel: 2 }, true],
		['level 3 asked, held at 1, a course granting 2', 2, { kind: 'level_too_low', requirementId: 'r', requiredLevel: 3, heldLevel: 1, evidenceId: 'e' }, false],
		['level 3 asked, held at 1, a course granting 3', 3, { kind: 'level_too_low', requirementId: 'r', requiredLevel: 3, heldLevel: 1, evidenceId: 'e' }, true],
		['in its grace period for level 2, a course granting 3', 3, { kind: 'grace', requirementId: 'r', dueOn: '2030-01-01', evidenceId: null, requiredLevel: 2 }, true],
	] as const)('%s: %s', (_name, grantsLevel, cause, expected) => {
		expect(grantMeetsCause(grantsLevel, cause)).toBe(expected)
	})
})
