import { en } from './en.ts'
import { nl } from './nl.ts'

export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number]
export const DEFAULT_LANGUAGE: UiLanguage = 'nl'

export function isUiLanguage(value: unknown): value is UiLanguage {
	return (SUPPORTED_LANGUAGES as readonly unknown[]).includes(value)
}

/** Both catalogues are small, so they ship with the bundle: no flash of untranslated text, no extra request. */
export const i18nConfig = {
	supportedLngs: [...SUPPORTED_LANGUAGES],
	fallbackLng: DEFAULT_LANGUAGE,
	defaultNS: 'translation',
	resources: { nl: { translation: nl }, en: { translation: en } },
	interpolation: { escapeValue: false },
}
