export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number]
export const DEFAULT_LANGUAGE: UiLanguage = 'nl'

export function isUiLanguage(value: unknown): value is UiLanguage {
	return (SUPPORTED_LANGUAGES as readonly unknown[]).includes(value)
}

/**
 * What the server and the browser share. The catalogues are not here: the server holds both
 * (`resources.ts`); the browser loads only the page's language, as a chunk of its own
 * (entry.client.tsx), since both together were a third of the first load's script.
 */
export const i18nOptions = {
	supportedLngs: [...SUPPORTED_LANGUAGES],
	fallbackLng: DEFAULT_LANGUAGE,
	defaultNS: 'translation',
	interpolation: { escapeValue: false },
}
