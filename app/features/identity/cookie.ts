/** The session cookie's name: `__Host-` whenever the cookie is Secure (ADR 007). */
export const SESSION_COOKIE = { secure: '__Host-leerplein-sessie', insecure: 'leerplein-sessie' } as const

/** The cookie that binds a single sign-on attempt to the browser that started it (ADR 008). */
export const SSO_ATTEMPT_COOKIE = { secure: '__Host-leerplein-sso', insecure: 'leerplein-sso' } as const
