import { invariantResponse } from '../core/http.server.ts'

/** Any URL no route claims: a Dutch 404 inside the normal layout. */
export function loader() {
	invariantResponse(false, 404, 'PAGE_NOT_FOUND')
}

export default function NotFound() {
	return null
}
