import { execFileSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { join } from 'node:path'
import { freePort } from './portal.ts'

// Sites on host names of their own over https, on this machine, as in production: a test CA and
// one certificate for every name, a TLS-terminating proxy per site, and a hosts file that maps
// the names to loopback addresses for the processes started under `ownHostsPrefix`. Chromium maps
// the names itself (`chromiumArgs`), so cookies, redirects and form posts cross two real sites.

/** Host name → the loopback address its TLS proxy listens on. */
export type HostAddresses = Record<string, string>

export type TestCertificates = {
	/** The CA's certificate (PEM file): what Node (NODE_EXTRA_CA_CERTS) and PHP (curl.cainfo) trust. */
	caFile: string
	/** The leaf certificate and its key (PEM), valid for every name. */
	cert: string
	key: string
	/** Base64 SHA-256 of the leaf's public key (SPKI), for Chromium's --ignore-certificate-errors-spki-list. */
	spkiSha256: string
}

/** A CA and one leaf certificate for `hostNames`, made with the openssl CLI in `dir`. */
export function makeTestCertificates(dir: string, hostNames: readonly string[]): TestCertificates {
	const file = (name: string) => join(dir, name)
	const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
	openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Leerplein test CA', '-keyout', 'ca.key', '-out', 'ca.pem')
	openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostNames[0]}`, '-keyout', 'site.key', '-out', 'site.csr')
	writeFileSync(file('site.ext'), `subjectAltName=${hostNames.map((name) => `DNS:${name}`).join(',')}\nextendedKeyUsage=serverAuth\n`)
	openssl('x509', '-req', '-in', 'site.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'site.ext', '-out', 'site.pem')
	const cert = readFileSync(file('site.pem'), 'utf8')
	const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' })
	return { caFile: file('ca.pem'), cert, key: readFileSync(file('site.key'), 'utf8'), spkiSha256: createHash('sha256').update(spki).digest('base64') }
}

/**
 * A hosts file mapping the names to their addresses, and the command prefix that runs a program with
 * it as its /etc/hosts (a mount namespace of its own, shared network; needs root). Children of
 * that program see the same file.
 */
export function ownHostsPrefix(dir: string, hosts: HostAddresses): string[] {
	const hostsFile = join(dir, 'hosts')
	writeFileSync(hostsFile, ['127.0.0.1 localhost', '::1 localhost', ...Object.entries(hosts).map(([name, address]) => `${address} ${name}`), ''].join('\n'))
	return ['unshare', '--mount', 'sh', '-c', `mount --bind '${hostsFile}' /etc/hosts && exec "$@"`, 'own-hosts']
}

/** Chromium's arguments to resolve the names to their addresses and trust the test certificate (its key only). */
export function chromiumArgs(hosts: HostAddresses, certificates: TestCertificates): string[] {
	const rules = Object.entries(hosts).map(([name, address]) => `MAP ${name} ${address}`)
	return [`--host-resolver-rules=${rules.join(', ')}`, `--ignore-certificate-errors-spki-list=${certificates.spkiSha256}`]
}

export type TlsProxy = { stop: () => Promise<void> }

/**
 * Terminates TLS on `address`:`port` and passes each request on to the http server on
 * 127.0.0.1:`upstreamPort`, with its Host header and `X-Forwarded-Proto: https`, as a
 * production load balancer does.
 */
export function startTlsProxy({ address, port, upstreamPort, certificates }: { address: string; port: number; upstreamPort: number; certificates: TestCertificates }): Promise<TlsProxy> {
	const server = createHttpsServer({ cert: certificates.cert, key: certificates.key }, (incoming, outgoing) => {
		const headers: IncomingHttpHeaders = { ...incoming.headers, 'x-forwarded-proto': 'https' }
		const upstream = httpRequest({ host: '127.0.0.1', port: upstreamPort, method: incoming.method, path: incoming.url, headers }, (answer) => {
			outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders)
			answer.pipe(outgoing)
		})
		upstream.on('error', (error) => {
			if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' })
			outgoing.end(`proxy: ${error.message}`)
		})
		incoming.pipe(upstream)
	})
	return new Promise((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, address, () =>
			resolve({
				stop: () =>
					new Promise((done) => {
						server.closeAllConnections()
						server.close(() => done())
					}),
			}),
		)
	})
}

/** A port free on every one of `addresses`, so a proxy and its upstream may share the number. */
export async function freePortOn(addresses: readonly string[]): Promise<number> {
	for (;;) {
		const port = await freePort()
		if ((await Promise.all(addresses.map((address) => canListen(address, port)))).every(Boolean)) return port
	}
}

function canListen(address: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createNetServer()
		server.once('error', () => resolve(false))
		server.listen(port, address, () => server.close(() => resolve(true)))
	})
}
