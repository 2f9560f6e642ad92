import { randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { sql } from 'drizzle-orm'
import { selectRows, withTenantContext, type Database } from '@leerplein/db'
import { queueXapiRuleEvaluation } from '@leerplein/db/xapi'
import { schema } from '@leerplein/db/schema'
import type { ServiceContext } from '../../app/core/service.server.ts'
import { evaluateXapiRuleBacklog } from '../../app/features/xapi/rule-backlog.server.ts'
import { plantXapiClient, type PlantedXapiClient } from '../support/xapi-clients.ts'
import type { Benchmark } from './harness.ts'
import { ms, perSecond, timeAtRate } from './load.ts'
import { table } from './report.ts'

/** Issue 17's targets. */
const INGEST_TARGET_PER_SECOND = 1000
const INGEST_TARGET_P95_MS = 100
const GET_TARGET_P95_MS = 50
const EVALUATION_TARGET_MS = 1000

const UNIT = 'nvwa'
const STORED = 1_000_000
const CHUNK = 100_000
const CLIENTS = 10
const BATCH = 50
const SATURATION_BATCHES = 400
/** The target's arrival rate: 1,000 statements/s in batches of 50. */
const TARGET_BATCHES_PER_SECOND = INGEST_TARGET_PER_SECOND / BATCH
const TARGET_BATCHES = 30 * TARGET_BATCHES_PER_SECOND
const HOME = 'https://lims.nvwa.example'
const PERFORMED = 'https://w3id.org/xapi/dod-isd/verbs/performed'
const ANALYSES = 'https://lims.nvwa.example/analyses/'
/** The verbs of the stored statements: the rule's, and nine of ADL's. */
const VERBS = [PERFORMED, ...['attempted', 'completed', 'passed', 'failed', 'experienced', 'answered', 'launched', 'initialized', 'terminated'].map((verb) => `http://adlnet.gov/expapi/verbs/${verb}`)]
const HEADERS = { 'X-Experience-API-Version': '2.0.0', 'Content-Type': 'application/json' }

/**
 * The xAPI store (issue 17, ADR 039) on PostgreSQL: one unit's store filled with a million
 * statements of its employees, then (1) ingest through two portal processes: 10 registered clients posting
 * batches of 50 new statements of the unit's employees, matched to them and counted by an active
 * rule, with the time from a batch to its evidence; (2) the filtered GET (agent + verb + since)
 * over the million; (3) the rule evaluation of a batch's people, on its own.
 */
const benchmark: Benchmark = {
	id: 'xapi',
	title: 'xAPI statements: ingest, filtered read, rule evaluation',
	async run(ctx) {
		const db = ctx.owner.db
		const loadStarted = performance.now()
		const { tenantId, people, clients } = await prepareStore(db, ctx.log)
		const loadSeconds = (performance.now() - loadStarted) / 1000

		// Two portal processes on the same PostgreSQL, as behind a load balancer: one Node process uses one core.
		const portals = await ctx.startPortals(2)
		let failures = 0
		const send = async (path: string, init: RequestInit, i: number) => {
			const response = await fetch(`${portals[i % portals.length]!.url}${path}`, init)
			await response.arrayBuffer()
			if (response.status !== 200) failures++
		}

		// (1) Ingest: every request a batch of 50 new statements (fresh ids, now) of 50 of the unit's employees.
		let next = 0
		const batchOf = () =>
			JSON.stringify(
				Array.from({ length: BATCH }, () => {
					const person = people[next++ % people.length]!
					return performedBy(person.employee_number, next % 500, new Date().toISOString())
				}),
			)
		const post = (i: number) => send('/xapi/statements', { method: 'POST', headers: { ...HEADERS, Authorization: clients[i % CLIENTS]!.authorization }, body: batchOf() }, i)
		const loadBefore = loadavg()[0]!
		ctx.log('ingest: warm-up, 100 batches')
		await ctx.timeConcurrently(100, CLIENTS, post)
		failures = 0
		await backlogEmptied(ctx, tenantId)
		const evidenceBefore = await countEvidence(ctx, tenantId)
		ctx.log(`ingest at saturation: ${CLIENTS} clients back to back`)
		const saturatedLag = watchBacklog(ctx, tenantId)
		const saturated = await ctx.timeConcurrently(SATURATION_BATCHES, CLIENTS, post)
		const saturatedAfter = await saturatedLag.stop()
		ctx.log(`ingest at the target: ${TARGET_BATCHES_PER_SECOND} batches/s from ${CLIENTS} clients`)
		const targetLag = watchBacklog(ctx, tenantId)
		const atTarget = await timeAtRate(TARGET_BATCHES, TARGET_BATCHES_PER_SECOND, post)
		const targetAfter = await targetLag.stop()
		const evidenceAfter = await countEvidence(ctx, tenantId)
		const ingestFailures = failures

		// (2) The filtered GET over the million and more: one employee's statements with one verb in the last 90 days.
		const since = new Date(Date.now() - 90 * 86_400_000).toISOString()
		const gets = Array.from({ length: 100 }, (_, i) => {
			const person = people[(i * 37) % people.length]!
			const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: HOME, name: person.employee_number } })
			return `/xapi/statements?${new URLSearchParams({ agent, verb: VERBS[i % VERBS.length]!, since })}`
		})
		const get = (i: number) => send(gets[i % gets.length]!, { headers: { 'X-Experience-API-Version': '2.0.0', Authorization: clients[i % CLIENTS]!.authorization } }, i)
		failures = 0
		ctx.log('filtered GET: one at a time, then 10 clients back to back')
		const readAlone = await ctx.timeSerially(300, get)
		const readTogether = await ctx.timeConcurrently(3000, CLIENTS, get)
		const readFailures = failures
		const loadAfter = loadavg()[0]!
		const [total] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from xapi_statements where tenant_id = ${tenantId}`)

		// (3) The evaluation of a batch's people, alone: the people of the last stored batches, put on the backlog, then weighed.
		const batches = await selectRows<{ people: string[] }>(
			db,
			sql`select array_agg(person_id) as people from (select person_id, row_number() over (order by stored desc, id) as n from xapi_statements where tenant_id = ${tenantId} and verb_id = ${PERFORMED} order by stored desc limit ${BATCH * 30}) s group by (n - 1) / ${BATCH}`,
		)
		const app = await ctx.asApp({ maxConnections: 1 })
		const service: ServiceContext = { db: app.db, logger: silent, clock: { now: () => new Date() }, requestId: null, clientIp: null }
		ctx.log(`rule evaluation of ${batches.length} batches' people, serially`)
		const evaluation = await ctx.timeSerially(batches.length, async (i) => {
			await withTenantContext(app.db, { tenantId, userId: null }, (tx) => queueXapiRuleEvaluation(tx, { tenantId, personIds: [...new Set(batches[i]!.people)], now: new Date() }))
			return evaluateXapiRuleBacklog(service, { tenantId })
		})
		const [perPerson] = await selectRows<{ n: number }>(
			db,
			sql`select round(avg(c))::int as n from (select count(*) as c from xapi_statements where tenant_id = ${tenantId} and verb_id = ${PERFORMED} and person_id is not null group by person_id) s`,
		)

		const verdict = (met: boolean, target: string) => (met ? `${target}: met` : `${target}: **not met**`)
		return [
			`One unit's store (${UNIT.toUpperCase()}, ${people.length.toLocaleString('en-US')} employees) holding ${STORED.toLocaleString('en-US')} statements of its employees before the measurement (10 verbs, 500 activities, stored over two years; generated in SQL in ${loadSeconds.toFixed(0)} s), every one matched to its employee; the unit names people by employee number on its lab system; one active rule (performed, activity \`${ANALYSES}*\`, success, 5 times in 12 months) turns them into passport evidence. PostgreSQL, the two portal processes and the load generator share the machine's 2 cores; the 1-minute load average was ${loadBefore.toFixed(1)} before the measured runs and ${loadAfter.toFixed(1)} after.`,
			'',
			`**Ingest**: ${CLIENTS} registered clients, each request a batch of ${BATCH} new statements (fresh ids, timestamp now) of ${BATCH} different employees, over two portal processes (alternately; as behind a load balancer) on the same PostgreSQL, after 100 warm-up batches. Each batch is validated, stored, matched to its employees and its people put on the unit's rule backlog in one transaction, and answered; the portal that stored it then weighs the backlog by the rule and settles the passport dots of those who meet it (ADR 039, "Evaluated after the answer"; ${(evidenceAfter - evidenceBefore).toLocaleString('en-US')} pieces of evidence written during the measured runs, one per person and day). *From a batch to its evidence*: the age of the oldest person waiting on the backlog (queued in the batch's transaction, gone when their evidence commits), read every ${WATCH_MS} ms while the batches arrive; its largest value is the longest anyone waited for their dot. *At saturation*: ${SATURATION_BATCHES} batches, the ${CLIENTS} clients sending back to back (a closed loop: the most the machine stores). *At the target*: ${TARGET_BATCHES} batches arriving at a steady ${TARGET_BATCHES_PER_SECOND} per second (${(TARGET_BATCHES_PER_SECOND * BATCH).toLocaleString('en-US')} statements/s) from the ${CLIENTS} clients, whether or not earlier ones have been answered (an open loop, as independent systems send): the latency a system meets at that load.`,
			'',
			table(
				['measure', 'at saturation', `at ${TARGET_BATCHES_PER_SECOND} batches/s`, 'target'],
				[
					['statements stored per second', perSecond(saturated.perSecond * BATCH), perSecond(atTarget.perSecond * BATCH), verdict(saturated.perSecond * BATCH >= INGEST_TARGET_PER_SECOND, `≥ ${INGEST_TARGET_PER_SECOND.toLocaleString('en-US')}/s`)],
					['batch, p50', ms(saturated.latency.p50), ms(atTarget.latency.p50), ''],
					['batch, p95', ms(saturated.latency.p95), ms(atTarget.latency.p95), verdict(atTarget.latency.p95 <= INGEST_TARGET_P95_MS, `≤ ${INGEST_TARGET_P95_MS} ms at the target rate`)],
					['batch, p99', ms(saturated.latency.p99), ms(atTarget.latency.p99), ''],
					['from a batch to its evidence, longest', ms(saturatedAfter.longest), ms(targetAfter.longest), verdict(targetAfter.longest <= EVALUATION_TARGET_MS, `≤ ${EVALUATION_TARGET_MS} ms at the target rate`)],
					['failures', String(ingestFailures), '', '0'],
				],
			),
			'',
			`**Filtered GET** \`/xapi/statements?agent=…&verb=…&since=…\` (90 days) over ${total!.n.toLocaleString('en-US')} statements in the unit's store: 100 different employee–verb pairs, over the same two processes; 300 requests one at a time (what one system meets), then 3,000 from the ${CLIENTS} clients back to back (saturation).`,
			'',
			table(
				['measure', 'one at a time', `${CLIENTS} clients back to back`, 'target'],
				[
					['throughput', perSecond(1000 / Math.max(readAlone.mean, 0.001)), perSecond(readTogether.perSecond), ''],
					['p50', ms(readAlone.p50), ms(readTogether.latency.p50), ''],
					['p95', ms(readAlone.p95), ms(readTogether.latency.p95), verdict(readAlone.p95 <= GET_TARGET_P95_MS, `≤ ${GET_TARGET_P95_MS} ms one at a time`) + `; ${verdict(readTogether.latency.p95 <= GET_TARGET_P95_MS, 'back to back')}`],
					['failures', String(readFailures), '', '0'],
				],
			),
			'',
			`**Rule evaluation of a batch's people**, alone: for ${batches.length} stored batches, serially, their ${BATCH} people put on the backlog, then \`evaluateXapiRuleBacklog\` timed: one transaction as \`leerplein_app\` that takes them off, reads the active rules and all their statements with the rules' verbs (on average ${perPerson?.n ?? 0} per person), and inserts the evidence (a no-op when already written). In the ingest above the same runs after each answer, for every person queued since the last round.`,
			'',
			table(
				['measure', 'figure', 'target'],
				[
					['p50', ms(evaluation.p50), ''],
					['p95', ms(evaluation.p95), verdict(evaluation.p95 <= EVALUATION_TARGET_MS, `≤ ${EVALUATION_TARGET_MS} ms`)],
					['max', ms(evaluation.max), ''],
				],
			),
		].join('\n')
	},
}
export default benchmark

/**
 * The measured unit's store, as the owner: its 10 clients, its identifier (employee numbers on its
 * lab system), one active rule, and a million statements of its employees. Exported to profile
 * the same store by hand (`tsx`), outside a benchmark run.
 */
export async function prepareStore(db: Database, log: (line: string) => void) {
	const [unit] = await selectRows<{ id: string }>(db, sql`select id from tenants where slug = ${UNIT}`)
	const tenantId = unit!.id
	const people = await selectRows<{ id: string; employee_number: string }>(db, sql`select id, employee_number from users where tenant_id = ${tenantId} and active order by employee_number`)
	const clients: PlantedXapiClient[] = []
	for (let i = 0; i < CLIENTS; i++) clients.push(await plantXapiClient(db, { unit: UNIT, name: `Systeem ${i + 1}` }))
	await db.insert(schema.xapiSettings).values({ tenantId, personIdentifier: 'account', accountHomePage: HOME, updatedAt: new Date() })
	const [competency] = await db.insert(schema.competencies).values({ name: `Laboratoriumanalyse (bench ${randomUUID().slice(0, 8)})`, validityMonths: 24 }).returning({ id: schema.competencies.id })
	await db.insert(schema.xapiEvidenceRules).values({
		id: randomUUID(),
		tenantId,
		name: 'Vijf analyses in twaalf maanden',
		competencyId: competency!.id,
		verbId: PERFORMED,
		activityMatch: 'id',
		activityPattern: `${ANALYSES}*`,
		requiresSuccess: true,
		requiredCount: 5,
		periodMonths: 12,
		active: true,
	})
	log(`storing ${STORED.toLocaleString('en-US')} statements of ${people.length} ${UNIT} employees`)
	for (let from = 0; from < STORED; from += CHUNK) await storeGenerated(db, log, { tenantId, clientId: clients[0]!.id, clientKey: clients[0]!.key, people, from, count: CHUNK })
	// As autovacuum would have in a store filled over two years: the visibility map and hint bits set.
	await db.execute(sql`vacuum analyze xapi_statements`)
	return { tenantId, people, clients }
}

/** A statement of an analysis performed by the employee, as a lab system would send it. */
function performedBy(employeeNumber: string, analysis: number, timestamp: string) {
	return {
		actor: { objectType: 'Agent', account: { homePage: HOME, name: employeeNumber } },
		verb: { id: PERFORMED, display: { 'nl-NL': 'uitgevoerd' } },
		object: { objectType: 'Activity', id: `${ANALYSES}${analysis}`, definition: { type: 'http://adlnet.gov/expapi/activities/performance', name: { 'nl-NL': `Analyse ${analysis}` } } },
		result: { success: true, score: { scaled: 0.9 } },
		timestamp,
	}
}

/**
 * Stores `count` statements straight in the table, as the owner, built in SQL: the columns and
 * the JSON as the store writes them (authority the client, version 1.0.0), employees in turn.
 */
async function storeGenerated(
	db: Database,
	log: (line: string) => void,
	{ tenantId, clientId, clientKey, people, from, count }: { tenantId: string; clientId: string; clientKey: string; people: { id: string; employee_number: string }[]; from: number; count: number },
) {
	const numbers = people.map((person) => person.employee_number)
	const ids = people.map((person) => person.id)
	const authority = { objectType: 'Agent', name: 'Systeem 1', account: { homePage: 'http://localhost/xapi/clients', name: clientKey } }
	await db.execute(sql`
		with src as (
			select g, gen_random_uuid() as id,
				1 + g % ${people.length}::int as who,
				(${sql.param(VERBS)}::text[])[1 + (g / 7) % ${VERBS.length}::int] as verb,
				${ANALYSES} || (g % 500) as activity,
				now() - make_interval(mins => (g * 1.0513)::int % (730 * 24 * 60)) as stored
			from generate_series(${from}::int, ${from + count - 1}::int) g
		), rows as (
			select src.*, (${sql.param(numbers)}::text[])[who] as employee, (${sql.param(ids)}::uuid[])[who] as person from src
		)
		insert into xapi_statements (tenant_id, id, client_id, statement, verb_id, actor_key, object_agent_key, agent_keys, activity_id, activity_ids, target_id, registration, stored, timestamp, voided, authority, attachments, person_id)
		select ${tenantId}::uuid, id, ${clientId}::uuid,
			jsonb_build_object(
				'id', id,
				'actor', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', ${HOME}::text, 'name', employee)),
				'verb', jsonb_build_object('id', verb),
				'object', jsonb_build_object('objectType', 'Activity', 'id', activity, 'definition', jsonb_build_object('type', 'http://adlnet.gov/expapi/activities/performance')),
				'result', jsonb_build_object('success', g % 4 <> 0, 'score', jsonb_build_object('scaled', (g % 100) / 100.0)),
				'timestamp', to_char((stored - interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
				'stored', to_char(stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
				'authority', ${JSON.stringify(authority)}::jsonb,
				'version', '1.0.0'),
			verb, 'account:' || ${HOME}::text || '|' || employee, null,
			array['account:' || ${HOME}::text || '|' || employee, ${`account:http://localhost/xapi/clients|${clientKey}`}::text],
			activity, array[activity], null, null, stored, stored - interval '1 hour', false, ${JSON.stringify(authority)}::jsonb, '[]'::jsonb, person
		from rows`)
	log(`  ${(from + count).toLocaleString('en-US')} stored`)
}

/** How often the backlog's oldest waiting person is read during the ingest. */
const WATCH_MS = 50
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as unknown as ServiceContext['logger']

/**
 * Reads, every WATCH_MS until stopped, how long the unit's longest-waiting person has been on the
 * rule backlog; `stop` waits for the backlog to empty and answers the longest wait seen (including
 * the wait after the last batch).
 */
function watchBacklog(ctx: Parameters<Benchmark['run']>[0], tenantId: string) {
	let longest = 0
	let stopped = false
	const oldest = async () => {
		const [row] = await selectRows<{ ms: number | null }>(ctx.owner.db, sql`select (extract(epoch from clock_timestamp() - min(queued_at)) * 1000)::float8 as ms from xapi_rule_backlog where tenant_id = ${tenantId}`)
		return row?.ms ?? null
	}
	const watching = (async () => {
		while (!stopped) {
			longest = Math.max(longest, (await oldest()) ?? 0)
			await new Promise((resolve) => setTimeout(resolve, WATCH_MS))
		}
	})()
	return {
		async stop() {
			for (;;) {
				const age = await oldest()
				if (age === null) break
				longest = Math.max(longest, age)
				await new Promise((resolve) => setTimeout(resolve, WATCH_MS))
			}
			stopped = true
			await watching
			return { longest }
		},
	}
}

/** Waits until the unit's rule backlog is empty (the warm-up's last rounds weighed). */
async function backlogEmptied(ctx: Parameters<Benchmark['run']>[0], tenantId: string) {
	await watchBacklog(ctx, tenantId).stop()
}

async function countEvidence(ctx: Parameters<Benchmark['run']>[0], tenantId: string): Promise<number> {
	const [row] = await selectRows<{ n: number }>(ctx.owner.db, sql`select count(*)::int as n from passport_evidence where tenant_id = ${tenantId} and source_kind = 'xapi_statement'`)
	return row!.n
}
