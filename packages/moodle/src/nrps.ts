export type Member = {
	userId: string
	roles: string[]
	status: 'Active' | 'Inactive'
	name?: string | null
	email?: string | null
}

/** An NRPS 2.0 membership container; only the fields the caller has decided to share are present. */
export function membershipContainer(url: string, context: { id: string; label: string; title: string }, members: Member[]) {
	return {
		id: url,
		context,
		members: members.map((member) => ({
			user_id: member.userId,
			roles: member.roles,
			status: member.status,
			...(member.name ? { name: member.name } : {}),
			...(member.email ? { email: member.email } : {}),
		})),
	}
}
