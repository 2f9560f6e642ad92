import { LRUCache } from 'lru-cache'
import { systemClock, type Clock } from './clock.ts'

// The one in-process cache (ADR 021): bounded, with expiry, explicit invalidation and hit/miss
// counts, on lru-cache. A cache never decides correctness: key it by whatever makes an entry
// stale (the catalogue version, a token's expiry), or clear it where the data changes.

export type CacheStats = { name: string; size: number; hits: number; misses: number }

export type Cache<V extends NonNullable<unknown>> = {
	get(key: string): V | undefined
	set(key: string, value: V, options?: { ttlMs?: number }): void
	/**
	 * The cached value, or the one `load` gives (stored unless it rejects). Concurrent calls for the
	 * same missing key share one load.
	 */
	getOrLoad(key: string, load: () => Promise<V>, options?: { ttlMs?: number }): Promise<V>
	delete(key: string): void
	clear(): void
	stats(): CacheStats
}

const registry = new Set<Cache<NonNullable<unknown>>>()

export function createCache<V extends NonNullable<unknown>>({ name, max, ttlMs, clock = systemClock }: { name: string; max: number; ttlMs?: number; clock?: Clock }): Cache<V> {
	// Expiry reads the given clock, so a test sets the time instead of waiting for it.
	const entries = new LRUCache<string, V>({ max, ...(ttlMs ? { ttl: ttlMs, ttlResolution: 0, perf: { now: () => clock.now().getTime() } } : {}) })
	const loading = new Map<string, Promise<V>>()
	let hits = 0
	let misses = 0
	const cache: Cache<V> = {
		get(key) {
			const value = entries.get(key)
			if (value === undefined) misses++
			else hits++
			return value
		},
		set(key, value, options) {
			entries.set(key, value, options?.ttlMs ? { ttl: options.ttlMs } : undefined)
		},
		async getOrLoad(key, load, options) {
			const cached = cache.get(key)
			if (cached !== undefined) return cached
			const pending = loading.get(key)
			if (pending) return pending
			const loaded = load().then(
				(value) => {
					if (loading.get(key) === loaded) cache.set(key, value, options)
					return value
				},
			).finally(() => {
				if (loading.get(key) === loaded) loading.delete(key)
			})
			loading.set(key, loaded)
			return loaded
		},
		delete(key) {
			entries.delete(key)
			loading.delete(key)
		},
		clear() {
			entries.clear()
			loading.clear()
		},
		stats: () => ({ name, size: entries.size, hits, misses }),
	}
	registry.add(cache as Cache<NonNullable<unknown>>)
	return cache
}

/** Every cache of this process with its counts (for logs and, later, metrics). */
export function cacheStats(): CacheStats[] {
	return [...registry].map((cache) => cache.stats())
}
