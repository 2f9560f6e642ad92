import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import { moodleHandlers, moodleSite, type MoodleSite } from '../mocks/moodle-web-services.ts'

/**
 * The msw Moodle web services (mocks/moodle-web-services.ts) served over real HTTP on 127.0.0.1,
 * for the portal running as its own process, where msw cannot intercept.
 */
export async function startMoodleWebServices(token: string): Promise<MoodleSite & { stop: () => Promise<void> }> {
	let site: MoodleSite | null = null
	let handlers: ReturnType<typeof moodleHandlers> = []
	const server = createServer(async (incoming, outgoing) => {
		const chunks: Buffer[] = []
		for await (const chunk of incoming) chunks.push(chunk as Buffer)
		const request = new Request(new URL(incoming.url ?? '/', site!.baseUrl), {
			method: incoming.method,
			headers: incoming.headers as Record<string, string>,
			body: incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : Buffer.concat(chunks),
		})
		const response = (await getResponse(handlers, request)) ?? new Response('Not found', { status: 404 })
		response.headers.forEach((value, name) => outgoing.setHeader(name, value))
		outgoing.writeHead(response.status)
		outgoing.end(Buffer.from(await response.arrayBuffer()))
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	site = moodleSite(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token)
	handlers = moodleHandlers(site)
	return Object.assign(site, { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) })
}
