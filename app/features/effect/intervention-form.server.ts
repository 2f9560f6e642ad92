import { redirect } from '@remix-run/node'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../../core/form.server.ts'
import { throwFailure } from '../../core/http.server.ts'
import type { Actor, ServiceContext } from '../../core/service.server.ts'
import { interventionSchema } from './intervention-schema.ts'
import { recordIntervention } from './record-intervention.server.ts'

/** The intervention form's action, new and changed, after the route's guard: one verb, then to the intervention's page. */
export async function interventionFormAction(request: Request, context: ServiceContext, { actor, interventionId }: { actor: Actor; interventionId: string | null }) {
	const form = await readForm(request, { multiline: ['description'] })
	requireIntent(form, ['save'])
	const submission = parseForm(form, interventionSchema)
	if (submission.status !== 'success') return invalidForm(submission)
	const saved = await recordIntervention(context, { actor, interventionId, input: submission.value })
	if (!saved.ok) return saved.kind === 'invalid' ? refusedForm(submission, saved) : throwFailure(saved)
	throw redirect(`/beheer/interventies/${saved.value.interventionId}?opgeslagen=1`, 303)
}
