const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs (ADR 004); anything else in a URL cannot name a row, so it is a 404 without a query. */
export function isUuid(raw: string | null | undefined): raw is string {
	return typeof raw === 'string' && UUID.test(raw)
}
