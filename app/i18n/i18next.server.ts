import { createCookie } from '@remix-run/node'
import { createInstance, type i18n, type TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './config.ts'
import { i18nConfig } from './resources.ts'

/** The chosen UI language; not secret, but only the server needs to read it. */
export const languageCookie = createCookie('lng', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	secure: process.env.NODE_ENV === 'production',
	maxAge: 60 * 60 * 24 * 365,
})

// Dutch is the default for everyone; English only when chosen (query or cookie), not from the browser's header.
const detector = new RemixI18Next({
	detection: {
		supportedLanguages: [...SUPPORTED_LANGUAGES],
		fallbackLanguage: DEFAULT_LANGUAGE,
		cookie: languageCookie,
		order: ['searchParams', 'cookie'],
	},
	i18next: i18nConfig,
})

// One initialised i18next per language, shared by every request: remix-i18next's getFixedT and
// the React provider each initialised a fresh one per request, a tenth of the server's CPU.
// Sharing is safe because nothing ever changes an instance's language.
const translators = new Map<string, Promise<i18n>>()

export function translatorFor(lng: string): Promise<i18n> {
	let translator = translators.get(lng)
	if (!translator) {
		const instance = createInstance()
		translator = instance
			.use(initReactI18next)
			.init({ ...i18nConfig, lng })
			.then(() => instance)
		translators.set(lng, translator)
	}
	return translator
}

/** The request's language (query, then cookie, else Dutch) and a translation function for it. */
export const i18next = {
	getLocale: (request: Request): Promise<string> => detector.getLocale(request),
	async getFixedT(request: Request): Promise<TFunction> {
		const lng = await detector.getLocale(request)
		return (await translatorFor(lng)).getFixedT(lng)
	},
}
