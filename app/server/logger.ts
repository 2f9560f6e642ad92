import { pino } from 'pino'

/** Structured JSON logs on stdout; never a cookie or an authorization header. */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: { service: 'leerplein-portal' },
	redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
})
