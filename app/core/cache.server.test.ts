import { describe, expect, test, vi } from 'vitest'
import { createCache } from './cache.server.ts'

describe('createCache', () => {
	test('keeps at most max entries, dropping the least recently used', () => {
		const cache = createCache<number>({ name: 'lru', max: 2 })
		cache.set('a', 1)
		cache.set('b', 2)
		cache.get('a')
		cache.set('c', 3)
		expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3])
	})

	test('forgets an entry after its time to live', () => {
		let now = Date.parse('2026-12-02T09:00:00Z')
		const cache = createCache<string>({ name: 'ttl', max: 10, ttlMs: 1_000, clock: { now: () => new Date(now) } })
		cache.set('k', 'v')
		now += 999
		expect(cache.get('k')).toBe('v')
		now += 2
		expect(cache.get('k')).toBeUndefined()
	})

	test('counts hits and misses, and clear or delete invalidate at once', () => {
		const cache = createCache<number>({ name: 'counts', max: 10 })
		cache.get('x')
		cache.set('x', 1)
		cache.get('x')
		cache.delete('x')
		cache.get('x')
		cache.set('y', 2)
		cache.clear()
		cache.get('y')
		expect(cache.stats()).toEqual({ name: 'counts', size: 0, hits: 1, misses: 3 })
	})

	test('concurrent loads of one missing key share one load, and a failed load is not stored', async () => {
		const cache = createCache<number>({ name: 'load', max: 10 })
		const load = vi.fn(async () => 42)
		expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([42, 42])
		expect(load).toHaveBeenCalledTimes(1)
		await expect(cache.getOrLoad('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
		expect(await cache.getOrLoad('bad', async () => 7)).toBe(7)
	})
})
