/**
 * Where a Dynamic Registration token stands, for the administrator who issued it: registered (a
 * tool used it, whatever was refused before), refused (the last try was refused, and why), expired
 * unused, or still waiting for the tool.
 */
export type RegistrationTokenState =
	| { status: 'used'; toolId: string | null }
	| { status: 'refused'; error: string; detail: string; at: Date }
	| { status: 'expired' }
	| { status: 'waiting' }

export function registrationTokenState(
	token: { usedAt: Date | null; toolId: string | null; refusedAt: Date | null; refusalError: string | null; refusalDetail: string | null; expiresAt: Date },
	now: Date,
): RegistrationTokenState {
	if (token.usedAt) return { status: 'used', toolId: token.toolId }
	if (token.refusedAt) return { status: 'refused', error: token.refusalError ?? '', detail: token.refusalDetail ?? '', at: token.refusedAt }
	return token.expiresAt.getTime() <= now.getTime() ? { status: 'expired' } : { status: 'waiting' }
}
