import { data } from '@remix-run/node'
import type { ErrorCode } from './error-codes.ts'
import type { Failure, FailureKind, ServiceResult } from './service.server.ts'

// The one place a service's failure becomes HTTP: a status from its kind, a body with its code, which
// the page (or components/error-page.tsx) translates into the reader's language.

const STATUS_OF_KIND = {
	invalid: 400,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	rate_limited: 429,
	unavailable: 502,
} as const satisfies Record<FailureKind, number>

export type ErrorStatus = (typeof STATUS_OF_KIND)[FailureKind] | 415

export function statusOf(kind: FailureKind): ErrorStatus {
	return STATUS_OF_KIND[kind]
}

/** The body of every error response a route throws: a code the error page translates. */
export type ErrorBody = { messageKey: ErrorCode; values?: Record<string, string | number> }

/** Throws a response with a translatable message unless the condition holds (after the Epic Stack's helper). */
export function invariantResponse(condition: unknown, status: ErrorStatus, messageKey: ErrorCode, headers?: HeadersInit): asserts condition {
	if (!condition) throw data<ErrorBody>({ messageKey }, { status, headers })
}

/** Throws the failure as an error page (for loaders and actions that have no form to show it beside). */
export function throwFailure(failure: Failure, headers?: HeadersInit): never {
	throw data<ErrorBody>({ messageKey: failure.code, ...(failure.values ? { values: failure.values } : {}) }, { status: statusOf(failure.kind), headers })
}

/** The value of a successful result; a failure becomes the error page. */
export function valueOrThrow<T>(result: ServiceResult<T>): T {
	if (!result.ok) throwFailure(result)
	return result.value
}

/**
 * What an action returns when a form is refused: its status from the kind, and the code (and the
 * field it belongs to) for the page to show beside the field or above the form. `form` names
 * which of several forms on the page was sent.
 */
export type FormFailure<Form extends string = string> = { form?: Form; error: ErrorCode; field?: string; values?: Record<string, string | number> }

export function formFailure<Form extends string = string>(failure: Failure, form?: Form) {
	const body: FormFailure<Form> = { error: failure.code, ...(form ? { form } : {}), ...(failure.field ? { field: failure.field } : {}), ...(failure.values ? { values: failure.values } : {}) }
	return data(body, { status: statusOf(failure.kind) })
}

// A stand-in for the portal's own origin: only a target that keeps it is on-site, whatever the real
// origin is (a path that escapes, such as `/\evil` or `/.//evil`, changes it or starts with `//`).
const OWN_ORIGIN = 'https://leerplein.invalid'
// Browsers drop TAB, CR and LF inside a URL and stop at other controls, so `/\t/evil.example` would
// lead off-site; escaped controls and backslashes could be decoded into the same by a proxy.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_TARGET = /[\u0000-\u001F\u007F-\u009F\\]|%[01][0-9a-f]|%7f|%5c/i

/**
 * The one check on a redirect target that came from input (a query, a form field, a stored
 * sign-in attempt): a path on this site, resolved by the WHATWG URL parser as a browser would,
 * else the fallback. Returns the normalised path, query and fragment, never a scheme or host.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null, fallback = '/'): string {
	if (typeof target !== 'string' || !target.startsWith('/') || UNSAFE_IN_TARGET.test(target)) return fallback
	let url: URL
	try {
		url = new URL(target, OWN_ORIGIN)
	} catch {
		return fallback
	}
	if (url.origin !== OWN_ORIGIN || url.pathname.startsWith('//')) return fallback
	return url.pathname + url.search + url.hash
}
