/** The session cookie's name: `__Host-` whenever the cookie is Secure (ADR 007). */
export const SESSION_COOKIE = { secure: '__Host-leerplein-sessie', insecure: 'leerplein-sessie' } as const
