import { createHash } from 'node:crypto'
import type { Request, Response } from 'express'
import { isUiLanguage, SUPPORTED_LANGUAGES, type UiLanguage } from './config.ts'
import { i18nConfig } from './resources.ts'

/**
 * Each language's catalogue as the browser loads it: one JSON file, named by a hash of its content
 * so that a browser keeps it for a year and fetches it again only after a release changed a text.
 * Served outside Remix (server/index.ts): it is the same for everyone, so the no-store of a
 * signed-in person's answers does not apply to it.
 */
const files = new Map(
	SUPPORTED_LANGUAGES.map((lng) => {
		const json = JSON.stringify(i18nConfig.resources[lng].translation)
		return [lng, { json, version: createHash('sha256').update(json).digest('base64url').slice(0, 12) }] as const
	}),
)

/** Where the browser loads `lng`'s catalogue: the page preloads it, the client's i18next fetches it. */
export function catalogueHref(lng: UiLanguage): string {
	return `/i18n/${lng}.json?v=${files.get(lng)!.version}`
}

/** GET /i18n/{lng}.json: cached for a year when the version asked is this release's, else revalidated each time. */
export function serveCatalogue(req: Request, res: Response) {
	const lng = /^(\w+)\.json$/.exec(String(req.params.file))?.[1]
	const file = isUiLanguage(lng) ? files.get(lng) : undefined
	if (!file) return res.status(404).type('text/plain; charset=utf-8').send('Onbekende taal.')
	res.setHeader('Cache-Control', req.query.v === file.version ? 'public, max-age=31536000, immutable' : 'no-cache')
	res.type('application/json').send(file.json)
}
