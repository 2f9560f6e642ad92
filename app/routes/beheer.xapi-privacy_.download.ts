import type { ActionFunctionArgs } from '@remix-run/node'
import { parseForm, readForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { askedUnit, xapiClientsOf } from '../features/xapi/clients.server.ts'
import { exportXapiPersonStatements } from '../features/xapi/privacy.server.ts'
import { xapiPersonSchema } from '../features/xapi/privacy-schema.ts'

/**
 * The download of every xAPI statement the unit's store holds about one employee (ADR 039,
 * "Privacy"), posted from /beheer/xapi-privacy: the xAPI statement result `{ "statements": [...] }`,
 * always as a file, never cached. A form post, not a link, because it is audited. Same guard and
 * `?eenheid=` as the page; another unit's employee is not found.
 */
export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const asked = askedUnit(new URL(request.url))
	const form = await readForm(request)
	requireIntent(form, ['export'])
	const submission = parseForm(form, xapiPersonSchema)
	invariantResponse(submission.status === 'success', 404, 'XAPI_PERSON_NOT_FOUND')
	const exported = await exportXapiPersonStatements(context, { actor, unitId: asked, personId: submission.value.personId })
	if (!exported.ok) throwFailure(exported)
	const fileName = `xapi-statements-${exported.value.person.employeeNumber.replace(/[^A-Za-z0-9_-]/g, '_') || submission.value.personId}.json`
	return new Response(JSON.stringify({ statements: exported.value.statements }, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="${fileName}"`,
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
