import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { readForm, requireIntent } from '../core/form.server.ts'
import { valueOrThrow } from '../core/http.server.ts'
import { ownSessions, requirePermission } from '../features/identity/guard.server.ts'
import { signOut } from '../features/identity/sign-out.server.ts'

/** Sign out here (`this`, the header's button) or on every device (`everywhere`, the account page). */
export async function action({ request, context }: ActionFunctionArgs) {
	const { actor, sessionId } = await requirePermission(request, context, 'delete', ownSessions)
	const intent = requireIntent(await readForm(request), ['this', 'everywhere'])
	const { clearCookie } = valueOrThrow(await signOut(context, { actor, sessionId, everywhere: intent === 'everywhere', auth: context.config }))
	return redirect('/inloggen?afgemeld=1', { headers: { 'Set-Cookie': clearCookie } })
}

/** Signing out is a form post; a visit goes to the catalogue. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requirePermission(request, context, 'read', ownSessions)
	return redirect('/catalogus')
}

/** A UI route, so a failure renders the error page. */
export default function SignOut() {
	return null
}
