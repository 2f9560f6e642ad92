import { Agent, request } from 'node:http'
import { loadavg } from 'node:os'
import { sql } from 'drizzle-orm'
import { selectRows } from '@leerplein/db'
import { schema } from '@leerplein/db/schema'
import { ALL_LTI_SCOPES, LTI_SCOPES } from '@leerplein/domain'
import { moodleTimestamp, startMoodle } from '../support/moodle.ts'
import type { Benchmark } from './harness.ts'
import { ms, perSecond } from './load.ts'
import { table } from './report.ts'

/** People enrolled in the benchmark course; each score in the mix is for a different one. */
const PARTICIPANTS = 6000

/**
 * Moodle over LTI 1.3: the launch round trip (login initiation → id_token) and AGS score
 * ingestion, with the fake Moodle's enrol_lti (tests/support/moodle.ts) as the tool.
 */
const benchmark: Benchmark = {
	id: 'lti',
	title: 'LTI launch and score ingestion',
	async run(ctx) {
		const tool = await startMoodle()
		try {
			const db = ctx.owner.db
			const [rvo] = await selectRows<{ id: string }>(db, sql`select id from tenants where slug = 'rvo'`)
			const [course] = await db
				.insert(schema.courses)
				.values({ providerTenantId: rvo!.id, title: 'LTI-benchmark', summary: 'E-learning.', description: 'In Moodle.', form: 'elearning', durationMinutes: 60, status: 'published' })
				.returning()
			const [session] = await db
				.insert(schema.sessions)
				.values({ tenantId: rvo!.id, courseId: course!.id, startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 60 * 86_400_000), capacity: PARTICIPANTS })
				.returning()
			// Employees of every unit, as a concern-wide e-learning course has.
			const people = await selectRows<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from users where active order by id limit ${PARTICIPANTS}`)
			for (let start = 0; start < people.length; start += 1000) {
				await db.insert(schema.enrolments).values(people.slice(start, start + 1000).map((person) => ({ tenantId: person.tenant_id, sessionId: session!.id, userId: person.id, status: 'enrolled' as const })))
			}
			tool.setClientId('moodle-benchmark')
			const [registered] = await db
				.insert(schema.ltiTools)
				.values({ name: 'Moodle (benchmark)', clientId: tool.clientId, deploymentIds: ['1'], loginUrl: tool.loginUrl, targetLinkUri: tool.redirectUri, redirectUris: [tool.redirectUri], jwksUrl: tool.jwksUrl, scopes: [...ALL_LTI_SCOPES] })
				.returning()
			const [link] = await db
				.insert(schema.ltiResourceLinks)
				.values({ tenantId: rvo!.id, courseId: course!.id, toolId: registered!.id, deploymentId: '1', title: 'Eindtoets', custom: { id: 'published-uuid' } })
				.returning()
			const [portal, secondPortal] = await ctx.startPortals(2)
			const base = portal!.url

			// Launch round trip: Leerplein's launch link → the tool's login → Leerplein's authorization endpoint → id_token.
			const cookies = await Promise.all(people.slice(0, 50).map((person) => ctx.sessionCookie(person.id)))
			const launch = async (i: number) => {
				const cookie = cookies[i % cookies.length]!
				const started = await fetch(`${base}/lti/starten/${link!.id}`, { headers: { cookie }, redirect: 'manual' })
				const login = tool.login(new URL(started.headers.get('location')!).searchParams)
				const answer = await fetch(login.authorizeUrl(`${base}/lti/authorize`), { headers: { cookie } })
				const body = await answer.text()
				if (answer.status !== 200 || !body.includes('name="id_token"')) throw new Error(`launch failed: ${answer.status}`)
			}
			ctx.log('launch round trips')
			await ctx.timeSerially(20, launch)
			const serial = await ctx.timeSerially(200, launch)
			const concurrent = await ctx.timeConcurrently(400, 10, launch)

			// Score ingestion: 20 clients posting Completed + FullyGraded scores, each for another participant.
			const token = await tool.accessToken(`${base}/lti/token`, [LTI_SCOPES.lineItem, LTI_SCOPES.score])
			const created = await fetch(`${base}/lti/ags/${course!.id}/lineitems`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v2.lineitem+json' },
				body: JSON.stringify({ scoreMaximum: 100, label: 'Eindtoets', tag: 'grade', resourceId: 'quiz-1', resourceLinkId: link!.id }),
			})
			const lineItemUrl = ((await created.json()) as { id: string }).id
			// Each test process has its own PUBLIC_URL, so its own issuer: each gives the tool its own token.
			const secondToken = await tool.accessToken(`${secondPortal!.url}/lti/token`, [LTI_SCOPES.score])
			const scoreUrls = [`${lineItemUrl}/scores`, `${lineItemUrl.replace(base, secondPortal!.url)}/scores`]
			const tokens = [token, secondToken]
			const postScore = async (i: number, processes = 1) => {
				// Every request is for another participant, as a sync of the whole course would be.
				const person = people[i % people.length]!
				const status = await postJson(scoreUrls[i % processes]!, tokens[i % processes]!, {
					userId: person.id,
					scoreGiven: 80,
					scoreMaximum: 100,
					activityProgress: 'Completed',
					gradingProgress: 'FullyGraded',
					timestamp: at,
				})
				statusCodes[status] = (statusCodes[status] ?? 0) + 1
			}
			const statusCodes: Record<number, number> = {}
			const at = moodleTimestamp(new Date())
			ctx.log('score ingestion at 20 clients')
			// One client first: the time a score takes without queueing behind others.
			const single = await ctx.timeSerially(200, (i) => postScore(PARTICIPANTS - 1 - i))
			await ctx.timeConcurrently(300, 20, (i) => postScore(PARTICIPANTS - 201 - i, 2))
			const measured = (PARTICIPANTS - 500) / 2
			const loadBefore = loadavg()[0]!
			const onOne = await ctx.timeConcurrently(measured, 20, (i) => postScore(i))
			const onTwo = await ctx.timeConcurrently(measured, 20, (i) => postScore(measured + i, 2))
			const loadAfter = loadavg()[0]!
			const [completed] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from enrolments where session_id = ${session!.id} and status = 'completed'`)
			const failures = Object.entries(statusCodes).filter(([code]) => code !== '200').reduce((sum, [, n]) => sum + n, 0)
			const statuses = Object.entries(statusCodes)
				.map(([code, n]) => `${n}× ${code}`)
				.join(', ')

			return [
				`**Launch round trip**: an enrolled employee's launch link (\`/lti/starten/{id}\`, which stores the one-time message hint and redirects to the tool's login), then the tool's authentication request to \`/lti/authorize\`, up to the page carrying the signed id_token. ${cookies.length} employees, one portal process, the Moodle-like test tool as the tool (in the load generator's process).`,
				'',
				table(
					['clients', 'round trips', 'throughput', 'p50', 'p95', 'p99'],
					[
						['1', '200', '–', ms(serial.p50), ms(serial.p95), ms(serial.p99)],
						['10', '400', perSecond(concurrent.perSecond), ms(concurrent.latency.p50), ms(concurrent.latency.p95), ms(concurrent.latency.p99)],
					],
				),
				'',
				`**Score ingestion** (AGS \`POST …/scores\`): 20 concurrent clients (keep-alive \`node:http\` requests from the benchmark process), each request a Completed + FullyGraded score for another of ${PARTICIPANTS.toLocaleString('en-US')} enrolled employees of all units, so every score is new and completes the online part and the enrolment (with its audit row): the most expensive path. 200 scores from one client and 300 warm-up requests, then ${measured.toLocaleString('en-US')} scores at 20 clients against one portal process and ${measured.toLocaleString('en-US')} more spread over two processes (as behind a load balancer; same PostgreSQL). The machine's 1-minute load average was ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the measured runs, on 2 cores. Answers: ${statuses}; ${completed!.n.toLocaleString('en-US')} enrolments completed.`,
				'',
				table(
					['clients', 'portal processes', 'throughput', 'p50', 'p95', 'p99', 'failures', 'target'],
					[
						['1', '1', '–', ms(single.p50), ms(single.p95), ms(single.p99), '', ''],
						['20', '1', perSecond(onOne.perSecond), ms(onOne.latency.p50), ms(onOne.latency.p95), ms(onOne.latency.p99), String(failures), '≥ 500/s, p95 ≤ 100 ms'],
						['20', '2', perSecond(onTwo.perSecond), ms(onTwo.latency.p50), ms(onTwo.latency.p95), ms(onTwo.latency.p99), String(failures), '≥ 500/s, p95 ≤ 100 ms'],
					],
				),
			].join('\n')
		} finally {
			await tool.stop()
		}
	},
}

/** A lean HTTP client, so the load generator takes as little of the shared CPU as it can. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 })
function postJson(url: string, token: string, body: unknown): Promise<number> {
	const payload = JSON.stringify(body)
	return new Promise((resolve, reject) => {
		const sent = request(
			url,
			{
				method: 'POST',
				agent,
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json', 'content-length': Buffer.byteLength(payload) },
			},
			(response) => {
				response.resume()
				response.on('end', () => resolve(response.statusCode ?? 0))
			},
		)
		sent.on('error', reject)
		sent.end(payload)
	})
}

export default benchmark
