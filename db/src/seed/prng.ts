import { v7 as uuidv7 } from 'uuid'

/** The one fixed seed of all demo data: change it and every id and name changes. */
export const SEED = 20_240_601

/**
 * Ids are UUIDv7 whose timestamp is the row's age before this fixed instant, not `now`:
 * ids then stay the same whatever `now` a run uses, and still sort in creation order.
 */
const ID_EPOCH_MS = Date.UTC(2030, 0, 1)

/** A 32-bit hash of a seed and labels, for libraries that take a number seed (faker). */
export function hashSeed(...parts: (string | number)[]): number {
	return hash128(parts.join('\u0000'))[0]
}

/** cyrb128: a fast 128-bit string hash, to seed the generator's four words of state. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703
	let h2 = 3144134277
	let h3 = 1013904242
	let h4 = 2773480762
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i)
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
	h1 ^= h2 ^ h3 ^ h4
	h2 ^= h1
	h3 ^= h1
	h4 ^= h1
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/**
 * A small seeded PRNG (sfc32) with the helpers the plan needs. Not for secrets: it exists
 * so two runs produce identical data. Its 128-bit state matters: the large scale opens
 * 100,000 streams, and a 32-bit generator (mulberry32) let those streams overlap and
 * repeat ids.
 */
export class Random {
	private a: number
	private b: number
	private c: number
	private d: number

	private constructor([a, b, c, d]: [number, number, number, number]) {
		this.a = a
		this.b = b
		this.c = c
		this.d = d
		for (let i = 0; i < 12; i++) this.next()
	}

	/** A separate, reproducible stream for one part of the plan (`Random.stream('courses', scale)`). */
	static stream(...labels: (string | number)[]): Random {
		return new Random(hash128([SEED, ...labels].join('\u0000')))
	}

	/** A float in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0
		this.d = (this.d + 1) | 0
		this.a = this.b ^ (this.b >>> 9)
		this.b = (this.c + (this.c << 3)) | 0
		this.c = (this.c << 21) | (this.c >>> 11)
		this.c = (this.c + t) | 0
		return (t >>> 0) / 4294967296
	}

	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1))
	}

	chance(probability: number): boolean {
		return this.next() < probability
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('cannot pick from an empty list')
		return items[Math.floor(this.next() * items.length)] as T
	}

	/** Picks a key of `weights` with probability proportional to its weight. */
	weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
		const entries = Object.entries(weights).filter(([, w]) => w !== undefined) as [K, number][]
		const total = entries.reduce((sum, [, w]) => sum + w, 0)
		let roll = this.next() * total
		for (const [key, weight] of entries) {
			roll -= weight
			if (roll < 0) return key
		}
		return entries[entries.length - 1]![0]
	}

	/** A copy of `items` in random order (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[] {
		const copy = [...items]
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1))
			;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
		}
		return copy
	}

	/** Roughly normal (sum of three uniforms), handy for "around this value" spreads. */
	around(mean: number, spread: number): number {
		return mean + ((this.next() + this.next() + this.next()) / 1.5 - 1) * spread
	}

	bytes(count: number): Uint8Array {
		const out = new Uint8Array(count)
		for (let i = 0; i < count; i += 4) {
			const word = Math.floor(this.next() * 4294967296)
			for (let b = 0; b < 4 && i + b < count; b++) out[i + b] = (word >>> (b * 8)) & 0xff
		}
		return out
	}

	/** A deterministic UUIDv7 for a row created `ageMs` before `now` (see ID_EPOCH_MS). */
	uuid(ageMs: number): string {
		return uuidv7({ msecs: ID_EPOCH_MS - Math.max(0, Math.round(ageMs)), random: this.bytes(16) })
	}
}
