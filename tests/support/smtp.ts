import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { pollUntil } from './poll.ts'

export type ReceivedMail = { to: string; subject: string; messageId: string; text: string }

export type TestSmtpServer = {
	url: string
	mails: ReceivedMail[]
	/** Resolves with the first mail (arrived or arriving) that matches. */
	waitFor: (match: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>
	/** Called with each mail after its DATA has been read, before the server answers 250. */
	onData: (hook: ((mail: ReceivedMail) => void | Promise<void>) | null) => void
	close: () => Promise<void>
}

/** A real SMTP server on localhost (the `smtp-server` package) that keeps what it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
	const mails: ReceivedMail[] = []
	let hook: ((mail: ReceivedMail) => void | Promise<void>) | null = null
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then(async (parsed) => {
					const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '')
					const mail = { to, subject: parsed.subject ?? '', messageId: parsed.messageId ?? '', text: parsed.text ?? '' }
					mails.push(mail)
					await hook?.(mail)
					callback()
				})
				.catch((error: Error) => callback(error))
		},
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.server.address()
	const port = typeof address === 'object' && address ? address.port : 0
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		waitFor: (match, timeoutMs = 30_000) =>
			pollUntil(() => mails.find(match), { timeoutMs, message: () => `no matching mail; received: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}` }),
		onData(next) {
			hook = next
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
