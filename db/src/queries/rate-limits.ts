import { sql } from 'drizzle-orm'
import { selectRows, type Database } from '../client.ts'
import { signClaimFor } from '../tenancy.ts'

export type RateLimitRule = { maxHits: number; windowSeconds: number }

export type RateLimitVerdict = { allowed: boolean; retryAfterSeconds: number }

/** Counts one hit against `key` and says whether it is within the rule (atomic across processes). */
export async function hitRateLimit(
	db: Database,
	{ key, rule, now }: { key: string; rule: RateLimitRule; now: Date },
): Promise<RateLimitVerdict> {
	const claim = await signClaimFor(db, ['rate-limit', key, String(rule.windowSeconds), String(rule.maxHits), String(now.getTime())])
	const [row] = await selectRows<{ allowed: boolean; retry_after_seconds: number }>(
		db,
		sql`select * from rate_limit_hit(${key}, ${rule.windowSeconds}::integer, ${rule.maxHits}::integer, ${now.toISOString()}::timestamptz,
			${claim.expiresMs}::bigint, ${claim.mac})`,
	)
	if (!row) throw new Error('rate_limit_hit returned nothing')
	return { allowed: row.allowed, retryAfterSeconds: Number(row.retry_after_seconds) }
}
