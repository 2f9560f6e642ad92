import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isUiLanguage } from '../i18n/config.ts'
import { languageCookie } from '../i18n/i18next.server.ts'
import { invariantResponse, safeRedirectPath } from '../core/http.server.ts'

/** The language switch: remembers the choice in a cookie and returns to the page it came from. */
export async function action({ request }: ActionFunctionArgs) {
	const form = await request.formData()
	const language = form.get('lng')
	invariantResponse(isUiLanguage(language), 400, 'LANGUAGE_UNKNOWN')
	return redirect(safeRedirectPath(form.get('redirectTo'), '/catalogus'), {
		headers: { 'Set-Cookie': await languageCookie.serialize(language) },
	})
}

export function loader() {
	return redirect('/catalogus')
}

/** A UI route, not a resource route, so a refused switch renders the Dutch error page. */
export default function LanguageSwitch() {
	return null
}
