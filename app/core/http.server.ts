import { data } from '@remix-run/node'
import type { ErrorMessageKey } from '../components/error-page.tsx'

/** The body of every error response a route throws: a key the error page translates. */
export type ErrorBody = { messageKey: ErrorMessageKey; values?: Record<string, string | number> }

export type ErrorStatus = 400 | 403 | 404 | 409 | 502

/** Throws a response with a translatable message unless the condition holds (after the Epic Stack's helper). */
export function invariantResponse(condition: unknown, status: ErrorStatus, messageKey: ErrorMessageKey, headers?: HeadersInit): asserts condition {
	if (!condition) throw data<ErrorBody>({ messageKey }, { status, headers })
}

/** Only same-site paths are followed after a form post, so a crafted link cannot send people elsewhere. */
export function safeRedirectPath(target: FormDataEntryValue | string | null, fallback = '/'): string {
	if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback
	}
	return target
}
