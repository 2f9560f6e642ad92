/**
 * Every route of the portal, classified by whose data it shows. The isolation test reads the
 * built route manifest and fails when a route is missing here, or when a tenant-owned route
 * has no cross-tenant probes: a new route cannot land without saying how it is isolated.
 */
export type RouteAccess =
	| { access: 'public'; why: string }
	/** Shows only the signed-in person's own data; nothing in the URL or form selects whose. */
	| { access: 'own'; why: string }
	/** Shows or changes data of a unit; must have probes in `CROSS_TENANT_PROBES`. */
	| { access: 'tenant-owned'; why: string }

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
	root: { access: 'own', why: 'the layout shows the signed-in name only' },
	'routes/_index': { access: 'public', why: 'redirects to the catalogue' },
	'routes/$': { access: 'public', why: 'the not-found page' },
	'routes/healthz': { access: 'public', why: 'database health, no data' },
	'routes/taal': { access: 'public', why: 'sets the language cookie' },
	'routes/inloggen': { access: 'public', why: 'sign-in; persona sign-in exists only in demo mode' },
	'routes/inloggen_.sso.$unit': { access: 'public', why: "starts single sign-on at the unit's own identity provider" },
	'routes/inloggen_.sso.callback': { access: 'public', why: 'finishes single sign-on; bound to the browser by a single-use attempt cookie' },
	'routes/uitloggen': { access: 'own', why: "ends the caller's own session(s); the form names no one" },
	'routes/account': { access: 'own', why: "the caller's own unit, roles and sessions" },
	'routes/catalogus._index': {
		access: 'tenant-owned',
		why: "lists the courses visible to the viewer's unit: drafts and courses opened to other units stay hidden",
	},
	'routes/catalogus.$courseId': { access: 'tenant-owned', why: 'a draft or a course opened to selected units only' },
	'routes/onderdelen.$slug.regels': { access: 'tenant-owned', why: "a unit's P&O rules are private to it" },
}
