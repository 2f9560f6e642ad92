import { getConcernPoDefaults, withTenantContext } from '@leerplein/db'
import type { LeerpleinContext } from '../../load-context.ts'
import { enrolmentRuleDefaults } from './show-unit-rules.server.ts'

/** The concern's default enrolment rules, as the concern administrator edits them. */
export async function showConcernDefaults({ db }: Pick<LeerpleinContext, 'db'>, viewer: { tenantId: string; userId: string }) {
	return withTenantContext(db, viewer, async (tx) => enrolmentRuleDefaults(await getConcernPoDefaults(tx)))
}
