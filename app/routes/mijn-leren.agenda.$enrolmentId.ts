import type { LoaderFunctionArgs } from '@remix-run/node'
import { createEvent } from 'ics'
import { ownData, requirePermission } from '../features/identity/guard.server.ts'
import { showEnrolment } from '../features/enrolment/show-enrolment.server.ts'
import { invariantResponse, valueOrThrow } from '../core/http.server.ts'
import { idParam } from '../core/route-params.server.ts'

/** A calendar file (iCalendar, built by the `ics` library) for one of one's own sessions. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownData)
	const enrolmentId = idParam(params, 'enrolmentId', 'ENROLMENT_NOT_FOUND')
	const shown = valueOrThrow(await showEnrolment(context, { actor, enrolmentId }))
	// A calendar file is for one's own sessions only, even where a manager or coordinator may read the enrolment.
	invariantResponse(shown.enrolment.own, 404, 'ENROLMENT_NOT_FOUND')
	const { session, enrolment } = shown
	invariantResponse(!['cancelled', 'declined'].includes(enrolment.status) && session.status === 'planned', 404, 'CALENDAR_NOT_AVAILABLE')
	const { error, value } = createEvent({
		uid: `${enrolment.id}@leerplein`,
		title: session.courseTitle,
		start: session.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: session.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		location: session.locationName ? `${session.locationName}, ${session.address}, ${session.city}` : 'Online',
		// An organiser with an address: calendar programs show (and some require) one; the portal's no-reply sender.
		organizer: { name: session.providerName, email: context.config.mailFromAddress },
		status: 'CONFIRMED',
		productId: 'leerplein/ics',
	})
	if (error || !value) throw error ?? new Error('ics produced no calendar')
	return new Response(value, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="leerplein-${enrolment.id}.ics"`,
			'Cache-Control': 'private, no-store',
		},
	})
}
