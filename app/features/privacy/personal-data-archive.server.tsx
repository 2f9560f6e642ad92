import type { PersonalData } from './personal-data.ts'
import { strToU8, zipSync } from 'fflate'
import type { TFunction } from 'i18next'
import { renderToStaticMarkup } from 'react-dom/server'
import { PersonalDataPage } from './personal-data-page.tsx'

/**
 * The ZIP a person downloads: `mijn-gegevens.json` (the register's tables, as the database holds
 * them) and `mijn-gegevens.html` (the same, readable, in the person's language).
 */
export function personalDataArchive(data: PersonalData, page: { name: string; date: string; contact: string; language: string; t: TFunction }): Uint8Array {
	const html = `<!doctype html>${renderToStaticMarkup(<PersonalDataPage data={data} {...page} />)}`
	return zipSync({
		'mijn-gegevens.json': strToU8(JSON.stringify(data, null, 2)),
		'mijn-gegevens.html': strToU8(html),
	})
}
