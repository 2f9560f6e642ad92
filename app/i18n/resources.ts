import { i18nOptions } from './config.ts'
import { en } from './en.ts'
import { nl } from './nl.ts'

/** The server's i18next options: every catalogue, so any request's language renders at once. */
export const i18nConfig = {
	...i18nOptions,
	resources: { nl: { translation: nl }, en: { translation: en } },
}
