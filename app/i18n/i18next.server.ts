import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LANGUAGE, i18nConfig, SUPPORTED_LANGUAGES } from './config.ts'

/** The chosen UI language; not secret, but only the server needs to read it. */
export const languageCookie = createCookie('lng', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	secure: process.env.NODE_ENV === 'production',
	maxAge: 60 * 60 * 24 * 365,
})

// Dutch is the default for everyone; English only when chosen (query or cookie), not from the browser's header.
export const i18next = new RemixI18Next({
	detection: {
		supportedLanguages: [...SUPPORTED_LANGUAGES],
		fallbackLanguage: DEFAULT_LANGUAGE,
		cookie: languageCookie,
		order: ['searchParams', 'cookie'],
	},
	i18next: i18nConfig,
})
