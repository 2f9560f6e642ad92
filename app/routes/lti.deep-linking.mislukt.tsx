import type { LoaderFunctionArgs } from '@remix-run/node'
import type { ErrorCode } from '../core/error-codes.ts'
import { invariantResponse, throwFailure } from '../core/http.server.ts'
import { refuse } from '../core/service.server.ts'

const REASONS = [
	'LTI_DEEP_LINKING_INVALID',
	'LTI_DEEP_LINKING_UNKNOWN_TOOL',
	'LTI_DEEP_LINKING_SIGNATURE',
	'LTI_DEEP_LINKING_DATA_INVALID',
	'LTI_DEEP_LINKING_DEPLOYMENT',
	'LTI_DEEP_LINKING_REPLAYED',
	'LTI_DEEP_LINKING_EXPIRED',
	'LTI_DEEP_LINKING_TARGET',
	'LTI_TOOL_DEACTIVATED',
] as const satisfies readonly ErrorCode[]

/** Explains, in the reader's language, why a tool's content selection was refused (nothing was linked). */
export function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const reason = params.get('reden')
	// Too many responses from one tool or address (requireWithinLtiRateLimit): 429, and how long to wait.
	if (reason === 'RATE_LIMITED') {
		const given = Number(params.get('seconden'))
		const seconds = Number.isInteger(given) && given >= 1 && given <= 86_400 ? given : 60
		throwFailure(refuse('rate_limited', 'RATE_LIMITED', { values: { seconds } }), { 'Retry-After': String(seconds) })
	}
	const known = REASONS.find((candidate) => candidate === reason) ?? 'LTI_DEEP_LINKING_INVALID'
	invariantResponse(false, 400, known)
}

export default function DeepLinkingRefused() {
	return null
}
