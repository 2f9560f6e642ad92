import { createInstance } from 'i18next'
import { expect, test } from 'vitest'
import { i18nConfig } from './resources.ts'

test('durations use the decimal comma in Dutch and the point in English', async () => {
	const i18n = createInstance()
	await i18n.init({ ...i18nConfig, lng: 'nl' })
	expect(i18n.t('duration.hours', { count: 1.5 })).toBe('1,5 uur')
	expect(i18n.t('duration.days', { count: 1 })).toBe('1 dag')
	expect(i18n.t('duration.days', { count: 2.5, lng: 'en' })).toBe('2.5 days')
})
