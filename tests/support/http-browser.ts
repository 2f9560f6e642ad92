/**
 * A minimal browser over fetch for redirect-driven flows (single sign-on): a cookie jar per
 * host and port, redirects followed one hop at a time, so a test can stop at any hop, look at
 * it, tamper with it, or replay it. Cookie attributes are not enforced; the real browser tests
 * cover those.
 */
export class HttpBrowser {
	private readonly jar = new Map<string, Map<string, string>>()

	cookie(url: string, name: string): string | undefined {
		return this.jar.get(new URL(url).host)?.get(name)
	}

	setCookie(url: string, name: string, value: string) {
		const host = new URL(url).host
		if (!this.jar.has(host)) this.jar.set(host, new Map())
		this.jar.get(host)!.set(name, value)
	}

	/** Drops every cookie of a host, e.g. to end a session at an identity provider. */
	forget(url: string) {
		this.jar.delete(new URL(url).host)
	}

	/** One request, no redirect followed; remembers the cookies it sets. */
	async request(url: string): Promise<Response> {
		const cookies = [...(this.jar.get(new URL(url).host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`)
		const response = await fetch(url, { redirect: 'manual', headers: cookies.length > 0 ? { Cookie: cookies.join('; ') } : {} })
		for (const header of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = header.split(';')
			const separator = pair.indexOf('=')
			const name = pair.slice(0, separator).trim()
			const value = pair.slice(separator + 1).trim()
			const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === ''
			if (expired) this.jar.get(new URL(url).host)?.delete(name)
			else this.setCookie(url, name, value)
		}
		return response
	}

	/**
	 * Follows redirects from `url`. Stops before fetching a location that `stopAt` matches and
	 * returns it, or returns the first response that is no redirect.
	 */
	async follow(url: string, { stopAt }: { stopAt?: (next: URL) => boolean } = {}): Promise<{ url: string; response: Response | null }> {
		let current = url
		for (let hop = 0; hop < 15; hop++) {
			const response = await this.request(current)
			const location = response.headers.get('location')
			if (response.status < 300 || response.status >= 400 || !location) return { url: current, response }
			const next = new URL(location, current)
			if (stopAt?.(next)) return { url: next.href, response: null }
			current = next.href
		}
		throw new Error(`too many redirects from ${url}`)
	}
}
