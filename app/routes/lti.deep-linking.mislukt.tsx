import type { LoaderFunctionArgs } from '@remix-run/node'
import type { ErrorCode } from '../core/error-codes.ts'
import { invariantResponse } from '../core/http.server.ts'

const REASONS = [
	'LTI_DEEP_LINKING_INVALID',
	'LTI_DEEP_LINKING_UNKNOWN_TOOL',
	'LTI_DEEP_LINKING_SIGNATURE',
	'LTI_DEEP_LINKING_DATA_INVALID',
	'LTI_DEEP_LINKING_DEPLOYMENT',
	'LTI_DEEP_LINKING_REPLAYED',
	'LTI_DEEP_LINKING_EXPIRED',
	'LTI_DEEP_LINKING_TARGET',
] as const satisfies readonly ErrorCode[]

/** Explains, in the reader's language, why a tool's content selection was refused (nothing was linked). */
export function loader({ request }: LoaderFunctionArgs) {
	const reason = new URL(request.url).searchParams.get('reden')
	const known = REASONS.find((candidate) => candidate === reason) ?? 'LTI_DEEP_LINKING_INVALID'
	invariantResponse(false, 400, known)
}

export default function DeepLinkingRefused() {
	return null
}
