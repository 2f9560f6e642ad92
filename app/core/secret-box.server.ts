import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// Secrets Leerplein must use again later (a Moodle web-services token) are kept encrypted with
// AES-256-GCM under SECRETS_KEY, which lives in the environment, never in the database: a copy
// of the database alone reveals no token.

/** SECRETS_KEY: 32 random bytes, base64 (`openssl rand -base64 32`); null when not set. */
export function secretsKeyFromEnv(value: string | undefined): Buffer | null {
	const trimmed = value?.trim()
	if (!trimmed) return null
	const key = Buffer.from(trimmed, 'base64')
	if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes, base64 (openssl rand -base64 32)')
	return key
}

/** `iv.tag.ciphertext`, each base64url. */
export function sealSecret(key: Buffer, plaintext: string): string {
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', key, iv)
	const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
	return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.')
}

/** The secret, or null when it was sealed under another key or tampered with. */
export function openSecret(key: Buffer, sealed: string): string | null {
	const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
	if (!iv || !tag || !ciphertext) return null
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, iv)
		decipher.setAuthTag(tag)
		return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
	} catch {
		return null
	}
}

/** What may be shown of a secret: its last four characters. */
export function lastFour(secret: string): string {
	return secret.slice(-4)
}
