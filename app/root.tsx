import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { can, type Actor } from '@leerplein/domain'
import { actorOf, getSignedIn } from './features/identity/guard.server.ts'
import { showSiteChrome } from './features/identity/show-site-chrome.server.ts'
import { ErrorPage } from './components/error-page.tsx'
import { useNonce } from './components/nonce.tsx'
import { AdministrationBreadcrumb, SiteFooter, SiteHeader } from './components/site-chrome.tsx'
import { DEFAULT_LANGUAGE, isUiLanguage } from './i18n/config.ts'
import { catalogueHref } from './i18n/catalogue-files.server.ts'
import { i18next } from './i18n/i18next.server.ts'
import styles from './styles/app.css?url'

export async function loader({ request, context }: LoaderFunctionArgs) {
	// Every page's layout, the sign-in page's too: no guard; a visitor sees the navigation without a person.
	const [locale, t, signedIn] = await Promise.all([i18next.getLocale(request), i18next.getFixedT(request), getSignedIn(request, context)])
	// An internal trainer is a person in the unit's trainer list, not a role: asked of the database, with the unit's name.
	const chrome = signedIn ? await showSiteChrome(context, { actor: actorOf(signedIn) }) : null
	return {
		locale,
		titles: windowTitles(t),
		contactEmail: context.config.contactEmail,
		catalogueHref: catalogueHref(isUiLanguage(locale) ? locale : DEFAULT_LANGUAGE),
		person: signedIn
			? {
					name: signedIn.person.name,
					// Which links the navigation shows, by the same permission rule the routes and services apply.
					...navigationFor(actorOf(signedIn)),
					trains: chrome?.ok === true && chrome.value.trains,
					unit: chrome?.ok ? chrome.value.unit : null,
					// The unit's own look (ADR 052); everyone else, and every visitor, sees the concern's.
					branding: chrome?.ok ? chrome.value.branding : null,
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
		// The concern administrator: every unit's figures side by side.
		readsConcernReport: can(actor, 'read', { kind: 'report', tenantId: null }),
		// The audit trail (ADR 049): the concern administrator every unit's, a coordinator their own unit's.
		readsAuditTrail: can(actor, 'read', { kind: 'audit_trail', tenantId: null }) || can(actor, 'read', { kind: 'audit_trail', tenantId: ownUnit }),
		// Each unit's single sign-on provider (ADR 051): the concern administrator only.
		managesSingleSignOn: can(actor, 'update', { kind: 'sso_settings' }),
		handlesErasure: can(actor, 'approve', { kind: 'erasure_request', personId: null }),
		// The unit's xAPI systems, privacy and rules (ADR 039): its coordinators; the concern administrator for a unit they choose.
		managesXapiClients: can(actor, 'update', { kind: 'xapi_clients', tenantId: ownUnit }),
		// The unit's settings: among them, which employee an xAPI statement is about, and its branding.
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

const ERROR_STATUSES = [400, 403, 404, 429, 502] as const

/** The window titles meta() needs, in the reader's language: the catalogues themselves stay on the server. */
function windowTitles(t: TFunction) {
	return {
		app: t('app.name'),
		errors: Object.fromEntries([...ERROR_STATUSES.map((status) => [status, t(`errors.title${status}`)] as const), [500, t('errors.title500')]]) as Record<number, string>,
	}
}

/** Pages set their own title; an error page gets one from its status, in the reader's language. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
	const titles = data?.titles
	if (!titles) return [{ title: 'Leerplein' }]
	if (!error) return [{ title: titles.app }]
	const status = isRouteErrorResponse(error) ? error.status : 500
	return [{ title: `${titles.errors[status] ?? titles.errors[500]} – ${titles.app}` }]
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
				{/* The unit's accent as design tokens, from the portal itself: the CSP allows no inline style (ADR 052). */}
				{root?.person?.branding?.accent ? <link rel="stylesheet" href={`/huisstijl/stijl.css?v=${root.person.branding.version}`} /> : null}
				{/* The page's language catalogue, fetched while the scripts load: hydration waits for it (entry.client.tsx). */}
				{root ? <link rel="preload" as="fetch" href={root.catalogueHref} crossOrigin="anonymous" data-i18n-catalogue="" /> : null}
			</head>
			<body>
				<SiteHeader person={root?.person ?? null} />
				<main id="hoofdinhoud" tabIndex={-1}>
					<AdministrationBreadcrumb person={root?.person ?? null} />
					{children}
				</main>
				<SiteFooter contactEmail={root?.contactEmail ?? null} unitName={root?.person?.unit?.name ?? null} />
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
