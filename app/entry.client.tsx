import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import HttpBackend from 'i18next-http-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions } from './i18n/config.ts'

async function hydrate() {
	// The server rendered <html lang> and preloaded that language's catalogue (root.tsx); hydrate
	// in that language once it is here. Another language, if ever switched to in place, is fetched the
	// same way; no fallback is loaded, since both catalogues hold exactly the same keys (catalogues.test.ts).
	const lng = document.documentElement.lang
	const preloaded = document.querySelector<HTMLLinkElement>('link[data-i18n-catalogue]')?.getAttribute('href')
	await i18next
		.use(HttpBackend)
		.use(initReactI18next)
		.init({ ...i18nOptions, lng, fallbackLng: false, backend: { loadPath: (lngs: string[]) => (lngs[0] === lng && preloaded ? preloaded : `/i18n/${lngs[0]}.json`) } })
	startTransition(() => {
		hydrateRoot(
			document,
			<I18nextProvider i18n={i18next}>
				<StrictMode>
					<RemixBrowser />
				</StrictMode>
			</I18nextProvider>,
		)
	})
}

void hydrate()
