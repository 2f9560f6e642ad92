import { describe, expect, test } from 'vitest'
import { en as uiEn } from '../../i18n/en.ts'
import { nl as uiNl } from '../../i18n/nl.ts'
import { en, mailTranslator, nl } from './mail-strings.server.ts'

function keys(value: object, prefix = ''): string[] {
	return Object.entries(value).flatMap(([key, child]) => (typeof child === 'string' ? [`${prefix}${key}`] : keys(child as object, `${prefix}${key}.`)))
}

describe('the mail texts', () => {
	test('have the same keys in English as in Dutch, none empty', () => {
		expect(keys(en).sort()).toEqual(keys(nl).sort())
		expect(keys(nl).filter((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], nl) === '')).toEqual([])
	})

	test('stay on the server: the catalogues the browser loads have no mail section', () => {
		expect('mail' in uiNl).toBe(false)
		expect('mail' in uiEn).toBe(false)
	})

	test('are filled in as before: values as they are (no HTML escaping), line breaks kept', async () => {
		const t = await mailTranslator('nl')
		expect(t('mail.enrolment_declined_body', { session: 'Woo & AVG <basis>, 3 juni', reason: 'Geen "budget"' })).toBe(
			'Uw aanvraag voor Woo & AVG <basis>, 3 juni is afgewezen.\nReden: Geen "budget"',
		)
		expect(t('mail.greeting', { name: 'Sanne de Vries' })).toBe('Beste Sanne de Vries,')
		expect((await mailTranslator('en'))('mail.reminder_1_day_subject', { title: 'Privacy' })).toBe('Reminder: Privacy tomorrow')
	})
})
