import { createHash } from 'node:crypto'
import { allocateSeats, getEnrolmentForMail, listOtherSessions } from '@leerplein/db/enrolment'
import { claimOutboxMail, markOutboxMailSent, type MailJob } from '@leerplein/db/jobs'
import type { Transporter } from 'nodemailer'
import { inTenant, succeed, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'
import { formatDate, formatTimeRange } from '../../utils/format.ts'
import { mailTranslator } from './mail-strings.server.ts'

export type MailDelivery = { transport: Transporter | null; from: string }

export type SendOutcome = 'sent' | 'kept' | 'already_sent' | 'nothing_to_send'

/**
 * Sends one notification mail, idempotently (ADR 012), as the job's unit (`actor`). The message key is claimed in the
 * outbox before sending: a retry of a job whose mail was sent finds it `sent` and stops. If the
 * worker died between the SMTP server accepting the mail and recording that, the retry sends
 * it again with the same Message-ID, so the duplicate is recognisable and mail clients fold it.
 * Without SMTP (the embedded demo) the mail is only kept in the outbox. A failing SMTP server
 * throws, so the queue retries the job.
 */
export async function sendNotification(
	ctx: ServiceContext,
	{ actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: MailJob },
): Promise<ServiceResult<SendOutcome>> {
	// A request whose portal process stopped between its commit and its seat: seat it now.
	if (job.kind === 'enrolment_seated') {
		const pending = await inTenant(ctx, actor, (tx) => getEnrolmentForMail(tx, { enrolmentId: job.enrolmentId, recipientUserId: null }))
		if (pending.ok && pending.value?.status === 'approved') await allocateSeats(ctx.db, { sessionId: pending.value.sessionId })
	}
	const now = ctx.clock.now()
	const found = await inTenant(ctx, actor, async (tx) => {
		const facts = await getEnrolmentForMail(tx, { enrolmentId: job.enrolmentId, recipientUserId: job.recipientUserId ?? null })
		if (!facts || !facts.recipient.active) return null
		const others = job.kind === 'session_cancelled' ? await listOtherSessions(tx, { courseId: facts.courseId, exceptSessionId: facts.sessionId, now }) : []
		return { facts, others }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { facts, others } = found.value
	const language = facts.recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const sessionLine = (startsAt: Date, endsAt: Date, place: string | null) =>
		t('mail.sessionLine', { title: facts.courseTitle, date: formatDate(startsAt, language), time: formatTimeRange(startsAt, endsAt, language), place: place ?? t('mail.online') })
	const values = {
		title: facts.courseTitle,
		employee: facts.employeeName,
		session: sessionLine(facts.startsAt, facts.endsAt, facts.city ? `${facts.locationName}, ${facts.city}` : null),
		reason: facts.decisionNote ?? facts.cancellationReason ?? '',
		others: others.length ? others.map((other) => `- ${sessionLine(other.startsAt, other.endsAt, other.city)}`).join('\n') : t('mail.noOtherSessions'),
	}
	const kind = job.kind === 'enrolment_seated' ? (facts.status === 'waitlisted' ? 'enrolment_waitlisted' : 'enrolment_confirmed') : job.kind
	const subject = t(`mail.${kind}_subject`, values)
	const body = [t('mail.greeting', { name: facts.recipient.name }), '', t(`mail.${kind}_body`, values), '', t('mail.signature')].join('\n')
	const messageId = `<${createHash('sha256').update(job.messageKey).digest('hex').slice(0, 32)}@leerplein.local>`
	const record = { tenantId: job.tenantId, messageKey: job.messageKey, messageId, toAddress: facts.recipient.email, subject, body }
	if (!delivery.transport) {
		const kept = await inTenant(ctx, actor, (tx) => claimOutboxMail(tx, { ...record, status: 'kept' }))
		if (!kept.ok) return kept
		return succeed(kept.value.claimed ? 'kept' : 'already_sent')
	}
	const claim = await inTenant(ctx, actor, (tx) => claimOutboxMail(tx, { ...record, status: 'sending' }))
	if (!claim.ok) return claim
	if (!claim.value.claimed && claim.value.existing.status !== 'sending') return succeed('already_sent')
	await delivery.transport.sendMail({ from: delivery.from, to: facts.recipient.email, subject, text: body, messageId, headers: { 'X-Leerplein-Key': job.messageKey } })
	const marked = await inTenant(ctx, actor, (tx) => markOutboxMailSent(tx, { messageKey: job.messageKey }))
	if (!marked.ok) return marked
	return succeed('sent')
}
