// Which Remix route a request path is for, so /metrics can label latency by route (`routes/beheer.logboek`)
// and never by the raw URL, whose ids and query strings would make a series per visitor (ADR 049).
// Scored as React Router ranks routes: static segments over dynamic ones over a splat, an index route
// over its layout; the same route a request is served by.

export type RouteEntry = { id: string; parentId?: string; path?: string; index?: boolean }

type Pattern = { id: string; segments: string[]; score: number }

const STATIC = 10
const DYNAMIC = 3
const SPLAT = -2
const INDEX = 2

function patternOf(route: RouteEntry, routes: Record<string, RouteEntry | undefined>): Pattern {
	const chain: RouteEntry[] = []
	for (let current: RouteEntry | undefined = route; current; current = current.parentId ? routes[current.parentId] : undefined) chain.unshift(current)
	const segments = chain.flatMap((entry) => (entry.path ?? '').split('/').filter(Boolean))
	const score = segments.reduce((sum, segment) => sum + (segment === '*' ? SPLAT : segment.startsWith(':') ? DYNAMIC : STATIC), route.index ? INDEX : 0)
	return { id: route.id, segments, score }
}

function matches(pattern: string[], path: string[]): boolean {
	for (let k = 0; k < pattern.length; k++) {
		const segment = pattern[k]!
		if (segment === '*') return true
		const part = path[k]
		if (part === undefined) return false
		if (!segment.startsWith(':') && segment.toLowerCase() !== part.toLowerCase()) return false
	}
	return pattern.length === path.length
}

/** A function from a request path to the id of the route that serves it, or null when none does. */
export function routeIdMatcher(routes: Record<string, RouteEntry | undefined>): (pathname: string) => string | null {
	const entries = Object.values(routes).filter((route): route is RouteEntry => route !== undefined)
	const parents = new Set(entries.map((route) => route.parentId))
	// A layout with children is served only where no child is; its index child outranks it.
	const patterns = entries
		.filter((route) => route.path !== undefined || route.index)
		.map((route) => patternOf(route, routes))
		.sort((a, b) => b.score - a.score || (parents.has(a.id) ? 1 : 0) - (parents.has(b.id) ? 1 : 0))
	return (pathname) => {
		const path = pathname.split('/').filter(Boolean)
		return patterns.find((pattern) => matches(pattern.segments, path))?.id ?? null
	}
}
