/** PostgreSQL's "try again" errors: serialization failure and deadlock detected. */
const RETRYABLE = new Set(['40001', '40P01'])

/**
 * Runs a whole transaction again when PostgreSQL aborted it for a serialization failure or a
 * deadlock (a move locks two sessions), a bounded number of times with a little jitter.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, { attempts = 5 }: { attempts?: number } = {}): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work()
		} catch (error) {
			if (attempt >= attempts || !RETRYABLE.has(errorCode(error) ?? '')) throw error
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
		}
	}
}

/** The SQLSTATE of a driver error; drizzle wraps it as the `cause`. */
export function errorCode(error: unknown): string | undefined {
	for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
		const code = (current as { code?: unknown }).code
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
	}
	return undefined
}
