import { createHash } from 'node:crypto'
import { allocateSeats, claimOutboxMail, getEnrolmentForMail, listOtherSessions, markOutboxMailSent, withTenantContext, type Database, type MailJob } from '@leerplein/db'
import type { Transporter } from 'nodemailer'
import { translatorFor } from '../../i18n/i18next.server.ts'
import { formatDate, formatTimeRange } from '../../utils/format.ts'

export type MailDelivery = { transport: Transporter | null; from: string }

/**
 * Sends one notification mail, idempotently (ADR 012). The message key is claimed in the
 * outbox before sending: a retry of a job whose mail was sent finds it `sent` and stops. If the
 * worker died between the SMTP server accepting the mail and recording that, the retry sends
 * it again with the same Message-ID, so the duplicate is recognisable and mail clients fold it.
 * Without SMTP (the embedded demo) the mail is only kept in the outbox.
 */
export async function sendNotification(db: Database, delivery: MailDelivery, job: MailJob): Promise<'sent' | 'kept' | 'already_sent' | 'nothing_to_send'> {
	const context = { tenantId: job.tenantId, userId: null }
	// A request whose portal process stopped between its commit and its seat: seat it now.
	if (job.kind === 'enrolment_seated') {
		const pending = await withTenantContext(db, context, (tx) => getEnrolmentForMail(tx, { enrolmentId: job.enrolmentId, recipientUserId: null }))
		if (pending?.status === 'approved') await allocateSeats(db, { sessionId: pending.sessionId })
	}
	const mail = await withTenantContext(db, context, async (tx) => {
		const facts = await getEnrolmentForMail(tx, { enrolmentId: job.enrolmentId, recipientUserId: job.recipientUserId ?? null })
		if (!facts || !facts.recipient.active) return null
		const others = job.kind === 'session_cancelled' ? await listOtherSessions(tx, { courseId: facts.courseId, exceptSessionId: facts.sessionId, now: new Date() }) : []
		return { facts, others }
	})
	if (!mail) return 'nothing_to_send'
	const { facts, others } = mail
	const language = facts.recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = (await translatorFor(language)).getFixedT(language)
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
		const claim = await withTenantContext(db, context, (tx) => claimOutboxMail(tx, { ...record, status: 'kept' }))
		return claim.claimed ? 'kept' : 'already_sent'
	}
	const claim = await withTenantContext(db, context, (tx) => claimOutboxMail(tx, { ...record, status: 'sending' }))
	if (!claim.claimed && claim.existing.status !== 'sending') return 'already_sent'
	await delivery.transport.sendMail({ from: delivery.from, to: facts.recipient.email, subject, text: body, messageId, headers: { 'X-Leerplein-Key': job.messageKey } })
	await withTenantContext(db, context, (tx) => markOutboxMailSent(tx, { messageKey: job.messageKey }))
	return 'sent'
}
