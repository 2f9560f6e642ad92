import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, safeRedirectPath } from '../core/http.server.ts'
import { SUPPORTED_LANGUAGES } from '../i18n/config.ts'
import { languageCookie } from '../i18n/i18next.server.ts'

/** The header's language switch: which language, and the page to return to. */
const languageSchema = z.object({ lng: z.enum(SUPPORTED_LANGUAGES, { error: 'LANGUAGE_UNKNOWN' }), redirectTo: z.string().optional() })

/** The language switch (a public page): remembers the choice in a cookie and returns to the page it came from. */
export async function action({ request }: ActionFunctionArgs) {
	const form = await readForm(request)
	requireIntent(form, ['switch'])
	const submission = parseForm(form, languageSchema)
	invariantResponse(submission.status === 'success', 400, 'LANGUAGE_UNKNOWN')
	return redirect(safeRedirectPath(submission.value.redirectTo ?? null, '/catalogus'), {
		headers: { 'Set-Cookie': await languageCookie.serialize(submission.value.lng) },
	})
}

export function loader() {
	return redirect('/catalogus')
}

/** A UI route, not a resource route, so a refused switch renders the Dutch error page. */
export default function LanguageSwitch() {
	return null
}
