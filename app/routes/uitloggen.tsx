import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getSignedIn } from '../features/identity/guard.server.ts'
import { signOut } from '../features/identity/sign-out.server.ts'

export async function action({ request, context }: ActionFunctionArgs) {
	const signedIn = await getSignedIn(request, context)
	if (!signedIn) return redirect('/inloggen')
	const everywhere = (await request.formData()).get('intent') === 'everywhere'
	const clearCookie = await signOut(context, signedIn, { everywhere })
	return redirect('/inloggen?afgemeld=1', { headers: { 'Set-Cookie': clearCookie } })
}

export function loader() {
	return redirect('/catalogus')
}

/** A UI route, so a failure renders the error page. */
export default function SignOut() {
	return null
}
