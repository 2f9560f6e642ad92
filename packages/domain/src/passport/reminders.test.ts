import { describe, expect, test } from 'vitest'
import { duePassportReminders, PASSPORT_REMINDER_DAYS, reminderKey, type PassportReminder, type RedChange, type ReminderDot } from './reminders.ts'

const dot = (extra: Partial<ReminderDot> = {}): ReminderDot => ({ userId: 'ann', competencyId: 'bhv', status: 'green', validUntil: '2027-03-31', permanent: false, ...extra })
const red = (extra: Partial<RedChange> = {}): RedChange => ({ historyId: 'h1', userId: 'ann', competencyId: 'bhv', fromStatus: 'orange', changedOn: '2027-04-01', ...extra })
const expiring = (validUntil: string, daysBefore: number): PassportReminder => ({ kind: 'expiring', userId: 'ann', competencyId: 'bhv', validUntil, daysBefore })

describe('the passport reminders due on a day', () => {
	test('remind 60 and 14 days before the last valid day', () => {
		expect(PASSPORT_REMINDER_DAYS).toEqual([60, 14])
	})

	type Row = { name: string; dots: ReminderDot[]; redChanges?: RedChange[]; sent?: string[]; today: string; expected: PassportReminder[] }
	const rows: Row[] = [
		{ name: 'more than 60 days to go: nothing yet', dots: [dot()], today: '2027-01-29', expected: [] },
		{ name: 'exactly 60 days before the last valid day: the 60-day reminder', dots: [dot()], today: '2027-01-30', expected: [expiring('2027-03-31', 60)] },
		{ name: 'a run that missed the 60th day sends it on the 59th', dots: [dot()], today: '2027-01-31', expected: [expiring('2027-03-31', 60)] },
		{ name: 'the 60-day reminder already sent: nothing on the 59th', dots: [dot()], sent: [reminderKey(expiring('2027-03-31', 60))], today: '2027-01-31', expected: [] },
		{ name: 'exactly 14 days before, orange by then: the 14-day reminder', dots: [dot({ status: 'orange' })], sent: [reminderKey(expiring('2027-03-31', 60))], today: '2027-03-17', expected: [expiring('2027-03-31', 14)] },
		{ name: 'first seen 10 days before expiry: only the 14-day reminder, never two at once', dots: [dot({ status: 'orange' })], today: '2027-03-21', expected: [expiring('2027-03-31', 14)] },
		{ name: 'the last valid day itself still reminds when nothing was sent', dots: [dot({ status: 'orange' })], today: '2027-03-31', expected: [expiring('2027-03-31', 14)] },
		{ name: 'past the last valid day: no expiry reminder', dots: [dot({ status: 'orange' })], today: '2027-04-01', expected: [] },
		// 29 February 2028 is a leap day: 60 days before it is 31 December 2027, 14 days before it 15 February.
		{ name: 'leap year: 60 days before 29 February counts the leap day', dots: [dot({ validUntil: '2028-02-29' })], today: '2027-12-31', expected: [expiring('2028-02-29', 60)] },
		{ name: 'leap year: the day before that is still too early', dots: [dot({ validUntil: '2028-02-29' })], today: '2027-12-30', expected: [] },
		{ name: 'leap year: 14 days before 1 March crosses 29 February', dots: [dot({ validUntil: '2028-03-01' })], sent: [reminderKey(expiring('2028-03-01', 60))], today: '2028-02-16', expected: [expiring('2028-03-01', 14)] },
		{ name: 'a renewal moves the last valid day: the reminders of the new expiry are new ones', dots: [dot({ validUntil: '2028-03-31' })], sent: [reminderKey(expiring('2027-03-31', 60)), reminderKey(expiring('2027-03-31', 14))], today: '2028-01-31', expected: [expiring('2028-03-31', 60)] },
		{ name: 'permanent validity never reminds', dots: [dot({ permanent: true, validUntil: null })], today: '2027-03-20', expected: [] },
		{ name: 'a competency that is not required does not remind of its expiry', dots: [dot({ status: 'not_required' })], today: '2027-03-20', expected: [] },
		{ name: 'a red dot has nothing left to expire', dots: [dot({ status: 'red' })], today: '2027-03-20', expected: [] },
		{
			name: 'a dot that turned red from orange: the red reminder, the day it turned',
			dots: [dot({ status: 'red' })],
			redChanges: [red()],
			today: '2027-04-01',
			expected: [{ kind: 'turned_red', userId: 'ann', competencyId: 'bhv', historyId: 'h1', changedOn: '2027-04-01' }],
		},
		{
			name: 'a run that missed it sends it up to seven days later',
			dots: [dot({ status: 'red' })],
			redChanges: [red()],
			today: '2027-04-08',
			expected: [{ kind: 'turned_red', userId: 'ann', competencyId: 'bhv', historyId: 'h1', changedOn: '2027-04-01' }],
		},
		{ name: 'an older change to red is not dug up', dots: [dot({ status: 'red' })], redChanges: [red()], today: '2027-04-09', expected: [] },
		{ name: 'the red reminder already sent', dots: [dot({ status: 'red' })], redChanges: [red()], sent: ['turned_red:ann:bhv:h1'], today: '2027-04-02', expected: [] },
		{ name: 'a dot that went green again needs no red reminder', dots: [dot({ status: 'green', validUntil: '2028-04-01' })], redChanges: [red()], today: '2027-04-02', expected: [] },
		{ name: 'red from the start (a new requirement without grace) is no reminder', dots: [dot({ status: 'red', validUntil: null })], redChanges: [red({ fromStatus: null }), red({ historyId: 'h2', fromStatus: 'not_required' })], today: '2027-04-02', expected: [] },
		{
			name: 'red, green, red again within the week: one reminder, for the latest change',
			dots: [dot({ status: 'red' })],
			redChanges: [red(), red({ historyId: 'h3', fromStatus: 'green', changedOn: '2027-04-05' })],
			today: '2027-04-06',
			expected: [{ kind: 'turned_red', userId: 'ann', competencyId: 'bhv', historyId: 'h3', changedOn: '2027-04-05' }],
		},
	]

	test.each(rows)('$name', ({ dots, redChanges = [], sent = [], today, expected }) => {
		// Given the unit's dots, its recent changes to red and the ledger; when the daily job runs on `today`; then these are due.
		expect(duePassportReminders({ dots, redChanges, sent: new Set(sent) }, { today })).toEqual(expected)
	})

	test('each person and competency is reminded on its own', () => {
		const dots = [dot(), dot({ userId: 'bob' }), dot({ competencyId: 'avg', validUntil: '2027-02-13' })]
		expect(duePassportReminders({ dots, redChanges: [], sent: new Set() }, { today: '2027-01-30' }).map(reminderKey)).toEqual([
			'expiring:ann:bhv:2027-03-31:60',
			'expiring:bob:bhv:2027-03-31:60',
			'expiring:ann:avg:2027-02-13:14',
		])
	})

	test('other offsets can be passed (per competency, later)', () => {
		expect(duePassportReminders({ dots: [dot()], redChanges: [], sent: new Set() }, { today: '2027-03-01', offsets: [30, 7] })).toEqual([expiring('2027-03-31', 30)])
	})
})
