// An audit row's `before` and `after` (jsonb) as the fields a person changed, for the readable
// audit trail (issue 22, item 2; ADR 049). Nested objects are followed to their leaves and named
// by a dotted path; an array is one value (a list of ids or scopes reads best whole).

export type FieldChange = {
	/** `title`, or `settings.freeCancellationDays` for a nested field. */
	field: string
	/** The value before; `undefined` when the field was added. */
	before: unknown
	/** The value after; `undefined` when the field was removed. */
	after: unknown
}

type Plain = Record<string, unknown>

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Equal as JSON values: the same primitive, or arrays and objects with equal members. */
function same(a: unknown, b: unknown): boolean {
	if (a === b) return true
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, k) => same(item, b[k]))
	if (isPlain(a) && isPlain(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)])
		return [...keys].every((key) => same(a[key], b[key]))
	}
	return false
}

/**
 * The fields that differ between `before` and `after`, in the order they first appear (before's
 * keys, then after's new ones); unchanged fields are left out. When one side is an object and the
 * other is not (null for a creation or a removal), each field of the object is added or removed;
 * two bare values that differ are one change named `''`.
 */
export function fieldChanges(before: unknown, after: unknown, prefix = ''): FieldChange[] {
	if (isPlain(before) || isPlain(after)) {
		const from: Plain = isPlain(before) ? before : {}
		const to: Plain = isPlain(after) ? after : {}
		const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])]
		return keys.flatMap((key) => {
			const field = prefix ? `${prefix}.${key}` : key
			const a = from[key]
			const b = to[key]
			if (same(a, b)) return []
			if (isPlain(a) && isPlain(b)) return fieldChanges(a, b, field)
			return [{ field, before: a, after: b }]
		})
	}
	if (same(before, after)) return []
	return [{ field: prefix, before: before ?? undefined, after: after ?? undefined }]
}
