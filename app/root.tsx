import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useChangeLanguage } from 'remix-i18next/react'
import { can, type Actor } from '@leerplein/domain'
import { actorOf, getSignedIn } from './features/identity/guard.server.ts'
import { isTrainer } from './features/sessions/is-trainer.server.ts'
import { ErrorPage } from './components/error-page.tsx'
import { useNonce } from './components/nonce.tsx'
import { SiteFooter, SiteHeader } from './components/site-chrome.tsx'
import { DEFAULT_LANGUAGE } from './i18n/config.ts'
import { en } from './i18n/en.ts'
import { nl } from './i18n/nl.ts'
import { i18next } from './i18n/i18next.server.ts'
import styles from './styles/app.css?url'

export async function loader({ request, context }: LoaderFunctionArgs) {
	// Every page's layout, the sign-in page's too: no guard; a visitor sees the navigation without a person.
	const [locale, signedIn] = await Promise.all([i18next.getLocale(request), getSignedIn(request, context)])
	// An internal trainer is a person in the unit's trainer list, not a role: asked of the database.
	const trains = signedIn ? await isTrainer(context, { actor: actorOf(signedIn) }) : null
	return {
		locale,
		person: signedIn
			? {
					name: signedIn.person.name,
					// Which links the navigation shows, by the same permission rule the routes and services apply.
					...navigationFor(actorOf(signedIn)),
					trains: trains?.ok === true && trains.value,
					outbox: context.config.demoMode,
				}
			: null,
	}
}

/** The sections of the portal an actor may open, one can() each. */
function navigationFor(actor: Actor) {
	const ownUnit = actor.tenantId
	return {
		approves: can(actor, 'read', { kind: 'approvals', tenantId: ownUnit }),
		// A manager's own team: its learning, budget and dots (/mijn-team).
		managesTeam: can(actor, 'read', { kind: 'team_overview', tenantId: ownUnit }),
		runsSessions: can(actor, 'update', { kind: 'session', tenantId: ownUnit }),
		managesSynonyms: can(actor, 'update', { kind: 'search_synonyms' }),
		managesPoDefaults: can(actor, 'update', { kind: 'po_defaults' }),
		managesCompetencies: can(actor, 'update', { kind: 'competencies' }),
		// A manager's team or a coordinator's unit: the passport matrix.
		readsPassports: (['team', 'unit'] as const).some((scope) => can(actor, 'read', { kind: 'passport_matrix', tenantId: ownUnit, scope })),
		readsPassportOverview: can(actor, 'read', { kind: 'passport_overview' }),
		managesRequirements: can(actor, 'create', { kind: 'unit_requirements', tenantId: ownUnit }),
		managesConcernRequirements: can(actor, 'create', { kind: 'concern_requirements' }),
		// The unit's own offering: its coordinators (the concern administrator merges instead).
		courseAdmin: can(actor, 'create', { kind: 'course-offering', tenantId: ownUnit }),
		concernAdmin: can(actor, 'update', { kind: 'concern' }),
		// The unit's own report (ADR 043): its coordinators.
		readsReport: can(actor, 'read', { kind: 'report', tenantId: ownUnit }),
		// The unit's xAPI systems, privacy and rules (ADR 039): its coordinators; the concern administrator for a unit they choose.
		managesXapiClients: can(actor, 'update', { kind: 'xapi_clients', tenantId: ownUnit }),
		// The unit's settings: among them, which employee an xAPI statement is about.
		managesXapiPeople: can(actor, 'update', { kind: 'tenant', tenantId: ownUnit }),
	}
}

/** Who is signed in changes only by a form (sign-in, sign-out): a new search in the same page keeps it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
	formMethod === undefined && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate

/**
 * Errors render in this route's boundary, so the headers of a thrown response (Retry-After on
 * a 429) reach a document response only through here.
 */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? new Headers()

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: styles },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/** Pages set their own title; an error page gets one from its status, in the reader's language. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
	const messages = data?.locale === 'en' ? en : nl
	if (!error) return [{ title: messages.app.name }]
	const status = isRouteErrorResponse(error) ? error.status : 500
	const title = status === 400 || status === 403 || status === 404 || status === 429 || status === 502 ? messages.errors[`title${status}`] : messages.errors.title500
	return [{ title: `${title} – ${messages.app.name}` }]
}

export function Layout({ children }: { children: ReactNode }) {
	const root = useRouteLoaderData<typeof loader>('root')
	const nonce = useNonce()
	const locale = root?.locale ?? DEFAULT_LANGUAGE
	useChangeLanguage(locale)
	return (
		<html lang={locale}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<SiteHeader person={root?.person ?? null} />
				<main id="hoofdinhoud" tabIndex={-1}>
					{children}
				</main>
				<SiteFooter />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	return <ErrorPage error={useRouteError()} />
}
