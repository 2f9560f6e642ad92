import { createHash } from 'node:crypto'
import { allocateSeats, getEnrolmentForMail, getMailRecipient, getSessionForEnrolment, listOtherSessions, listSessionEnrolments } from '@leerplein/db/enrolment'
import { getEvaluationForMail, getSelfCardForMail } from '@leerplein/db/effect'
import { claimOutboxMail, markOutboxMailSent, type PracticeDigestJob, type CertificateSubmittedJob, type EvaluationMailJob, type MailJob, type ParticipantMessageJob, type PassportReminderJob, type SelfCardReturnJob, type SessionNoticeJob, type UnitReportJob } from '@leerplein/db/jobs'
import { getPassportReminderForMail, getUploadForMail } from '@leerplein/db/passport'
import { listDueCountsForDigest } from '@leerplein/db/practice'
import { getSessionChange, type ChangedMeeting } from '@leerplein/db/planning'
import { listTenants } from '@leerplein/db/tenants'
import { belowMinimumBeforeDeadline, decisionMoment, holdsSeat } from '@leerplein/domain'
import type { Transporter } from 'nodemailer'
import { inTenant, succeed, type ServiceContext, type ServiceResult, type TenantScope } from '../../core/service.server.ts'
import { formatDate, formatDateTime, formatMonth, formatTimeRange } from '../../utils/format.ts'
import { unitMonthFigures } from '../reports/month-report.server.ts'
import { mailTranslator, type MailLanguage, type MailTranslate } from './mail-strings.server.ts'

export type MailDelivery = {
	transport: Transporter | null
	from: string
	/** Where people reach the portal (`PUBLIC_URL`), for links in mails; without it a link is the path alone. */
	portalUrl?: string | null
}

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
	if (job.kind === 'minimum_not_reached') return sendSessionNotice(ctx, { actor, delivery, job })
	if (job.kind === 'passport_reminder') return sendPassportReminder(ctx, { actor, delivery, job })
	if (job.kind === 'certificate_submitted') return sendCertificateNotice(ctx, { actor, delivery, job })
	if (job.kind === 'participant_message') return sendParticipantMessage(ctx, { actor, delivery, job })
	if (job.kind === 'evaluation_invitation') return sendEvaluationInvitation(ctx, { actor, delivery, job })
	if (job.kind === 'self_card_return') return sendSelfCardReturn(ctx, { actor, delivery, job })
	if (job.kind === 'unit_report') return sendUnitReport(ctx, { actor, delivery, job })
	if (job.kind === 'practice_digest') return sendPracticeDigest(ctx, { actor, delivery, job })
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
		const change = job.kind === 'session_changed' && job.changeId ? await getSessionChange(tx, { changeId: job.changeId }) : null
		const from = job.kind === 'enrolment_moved' && job.fromSessionId ? await getSessionForEnrolment(tx, { sessionId: job.fromSessionId }) : null
		return { facts, others, change, from }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { facts, others, change, from } = found.value
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
		// A free course held no budget: nothing is given back, so the mail promises nothing.
		budget: facts.priceCents > 0 ? t('mail.budgetReleased') : '',
		from: from ? sessionLine(from.startsAt, from.endsAt, from.city ? `${from.locationName}, ${from.city}` : null) : '',
		status: t(facts.status === 'waitlisted' ? 'mail.movedWaitlisted' : 'mail.movedEnrolled'),
		...(change ? changeValues(change, { t, language }) : { changes: '', freeUntil: '' }),
	}
	// A change that no longer exists (or a job without one) is told as the session stands.
	const kind = job.kind === 'enrolment_seated' ? (facts.status === 'waitlisted' ? 'enrolment_waitlisted' : 'enrolment_confirmed') : job.kind
	const subject = t(`mail.${kind}_subject`, values)
	const body = [t('mail.greeting', { name: facts.recipient.name }), '', t(`mail.${kind}_body`, values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: facts.recipient.email, subject, body })
}

/** What a change notice says: each meeting as it was and as it is now, and until when cancelling is free. */
function changeValues(change: { before: ChangedMeeting[]; after: ChangedMeeting[]; freeCancellationUntil: Date }, { t, language }: { t: MailTranslate; language: MailLanguage }) {
	const line = (meeting: ChangedMeeting) => {
		const [startsAt, endsAt] = [new Date(meeting.startsAt), new Date(meeting.endsAt)]
		return `- ${formatDate(startsAt, language)} ${formatTimeRange(startsAt, endsAt, language)}, ${meeting.place ?? t('mail.online')}`
	}
	return {
		changes: [t('mail.changeWas'), ...change.before.map(line), t('mail.changeNow'), ...change.after.map(line)].join('\n'),
		freeUntil: formatDateTime(change.freeCancellationUntil, language),
	}
}

/**
 * A notice about a session to one of the providing unit's coordinators, in that unit: its minimum
 * number of participants is not reached and the deadline is near. Written as things stand when it
 * is sent: reached by then, or cancelled, or past the deadline, and nothing is sent.
 */
async function sendSessionNotice(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: SessionNoticeJob }): Promise<ServiceResult<SendOutcome>> {
	const now = ctx.clock.now()
	const found = await inTenant(ctx, actor, async (tx) => {
		const session = await getSessionForEnrolment(tx, { sessionId: job.sessionId })
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!session || session.tenantId !== job.tenantId || !recipient?.active) return null
		const seatsTaken = (await listSessionEnrolments(tx, { sessionId: job.sessionId })).filter((person) => holdsSeat(person.status)).length
		return { session, recipient, seatsTaken }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { session, recipient, seatsTaken } = found.value
	if (!belowMinimumBeforeDeadline({ ...session, seatsTaken }, { now })) return succeed('nothing_to_send')
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const values = {
		title: session.courseTitle,
		session: t('mail.sessionLine', {
			title: session.courseTitle,
			date: formatDate(session.startsAt, language),
			time: formatTimeRange(session.startsAt, session.endsAt, language),
			place: session.city ? `${session.locationName}, ${session.city}` : t('mail.online'),
		}),
		minimum: String(session.minimumParticipants ?? 0),
		taken: String(seatsTaken),
		deadline: formatDate(decisionMoment(session), language),
	}
	const subject = t('mail.minimum_not_reached_subject', values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t('mail.minimum_not_reached_body', values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A passport reminder (ADR 031, reminders) to the employee, or to their manager naming the
 * employee, in the employee's unit and in the recipient's language. Written as things stand when
 * it is sent: a competency renewed meanwhile (another last valid day) or a dot green again sends nothing.
 */
async function sendPassportReminder(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: PassportReminderJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const reminder = await getPassportReminderForMail(tx, { reminderId: job.reminderId })
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!reminder || !recipient?.active) return null
		return { reminder, recipient }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { reminder, recipient } = found.value
	const stillDue =
		reminder.kind === 'expiring'
			? (reminder.status === 'green' || reminder.status === 'orange') && reminder.currentValidUntil === reminder.validUntil
			: reminder.status === 'red'
	if (!stillDue) return succeed('nothing_to_send')
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const day = reminder.kind === 'expiring' ? reminder.validUntil : reminder.changedOn
	const values = {
		competency: reminder.competencyName,
		employee: reminder.employeeName,
		// A calendar day: noon UTC is that same day in Amsterdam.
		date: day ? formatDate(new Date(`${day}T12:00:00Z`), language) : '',
		link: `${delivery.portalUrl ?? ''}/mijn-paspoort`,
		managerToo: reminder.managerId ? t('mail.passportManagerToo') : '',
	}
	const forManager = job.recipientUserId !== reminder.userId
	const kind = reminder.kind === 'expiring' ? 'passport_expiring' : 'passport_red'
	const subject = t(forManager ? `mail.${kind}_manager_subject` : `mail.${kind}_subject`, values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t(forManager ? `mail.${kind}_manager_body` : `mail.${kind}_body`, values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A certificate an employee sent in, to their manager (ADR 031, evidence on a screen), in the
 * employee's unit and the manager's language, with a link to the review page. Written as things
 * stand when it is sent: a certificate decided meanwhile, or a manager no longer active, sends nothing.
 */
async function sendCertificateNotice(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: CertificateSubmittedJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const upload = await getUploadForMail(tx, { uploadId: job.uploadId })
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!upload || upload.status !== 'pending' || !recipient?.active) return null
		return { upload, recipient }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { upload, recipient } = found.value
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const values = {
		employee: upload.employeeName,
		competency: upload.competencyName,
		// A calendar day: noon UTC is that same day in Amsterdam.
		date: formatDate(new Date(`${upload.obtainedOn}T12:00:00Z`), language),
		link: `${delivery.portalUrl ?? ''}/paspoorten/bewijs`,
	}
	const subject = t('mail.certificate_submitted_subject', values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t('mail.certificate_submitted_body', values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A coordinator's message to a person on a session's list, sent as it was written, under a line
 * that names the session (course, date, time, place) and the sender. The coordinator's text is
 * put beside the template, never into it, so nothing in it is read as a placeholder. Someone no
 * longer active gets nothing.
 */
async function sendParticipantMessage(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: ParticipantMessageJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, (tx) => getEnrolmentForMail(tx, { enrolmentId: job.enrolmentId, recipientUserId: null }))
	if (!found.ok) return found
	const facts = found.value
	if (!facts || !facts.recipient.active) return succeed('nothing_to_send')
	const language = facts.recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const session = t('mail.sessionLine', {
		title: facts.courseTitle,
		date: formatDate(facts.startsAt, language),
		time: formatTimeRange(facts.startsAt, facts.endsAt, language),
		place: facts.city ? `${facts.locationName}, ${facts.city}` : t('mail.online'),
	})
	const subject = `${facts.courseTitle}: ${job.subject}`
	const body = [t('mail.greeting', { name: facts.recipient.name }), '', t('mail.participant_message_body', { sender: job.senderName, unit: job.senderUnit, session }), '', job.message, '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: facts.recipient.email, subject, body })
}

/**
 * An invitation to evaluate a course, or a reminder of it (ADR 041), or the follow-up weeks later
 * and its reminders, or the manager's questionnaire about their team member (ADR 045), to the
 * invited person in their language. Written as things stand when it is sent: an evaluation answered meanwhile, or a person
 * no longer active, gets nothing.
 */
async function sendEvaluationInvitation(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: EvaluationMailJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const evaluation = await getEvaluationForMail(tx, { invitationId: job.invitationId })
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!evaluation || evaluation.answered || !recipient?.active) return null
		return { evaluation, recipient }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { evaluation, recipient } = found.value
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const values = { course: evaluation.courseTitle, date: formatDate(evaluation.startsAt, language), link: `${delivery.portalUrl ?? ''}/mijn-leren/evaluatie/${job.invitationId}` }
	const reminder = job.mail > 1
	const texts = {
		evaluation: { subject: reminder ? 'mail.evaluation_reminder_subject' : 'mail.evaluation_invitation_subject', body: 'mail.evaluation_invitation_body' },
		follow_up: { subject: reminder ? 'mail.follow_up_reminder_subject' : 'mail.follow_up_subject', body: 'mail.follow_up_body' },
		manager: { subject: reminder ? 'mail.manager_questionnaire_reminder_subject' : 'mail.manager_questionnaire_subject', body: 'mail.manager_questionnaire_body' },
	}[evaluation.kind]
	const subject = t(texts.subject as 'mail.evaluation_invitation_subject', { ...values, participant: evaluation.participantName ?? '' })
	const body = [t('mail.greeting', { name: recipient.name }), '', t(texts.body as 'mail.evaluation_invitation_body', { ...values, participant: evaluation.participantName ?? '' }), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A card to self, mailed back to its person on its return day (ADR 042), in their language: the
 * actions as they wrote them and the link to say what became of each. A person no longer active
 * gets nothing.
 */
async function sendSelfCardReturn(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: SelfCardReturnJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const card = await getSelfCardForMail(tx, { cardId: job.cardId })
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!card || !recipient?.active) return null
		return { card, recipient }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { card, recipient } = found.value
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const values = {
		course: card.courseTitle,
		date: formatDate(card.createdAt, language),
		actions: card.actions.map((action, index) => `${index + 1}. ${action}`).join('\n'),
		link: `${delivery.portalUrl ?? ''}/mijn-leren/kaart/${card.enrolmentId}`,
	}
	const subject = t('mail.self_card_return_subject', values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t('mail.self_card_return_body', values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A learner's daily digest of practice questions (ADR 047), in their language: per course how many
 * questions are due as it stands when the mail is written, and the link to /oefenen. Nothing when
 * nothing is due any more, when they opted out meanwhile, or when they are no longer active.
 */
async function sendPracticeDigest(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: PracticeDigestJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!recipient?.active) return null
		const due = await listDueCountsForDigest(tx, { userId: job.recipientUserId, now: ctx.clock.now() })
		if (due.optedOut || due.courses.length === 0) return null
		return { recipient, courses: due.courses }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { recipient, courses } = found.value
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const values = {
		count: String(courses.reduce((sum, course) => sum + course.due, 0)),
		courses: courses.map((course) => `- ${course.courseTitle}: ${course.due}`).join('\n'),
		link: `${delivery.portalUrl ?? ''}/oefenen`,
	}
	const subject = t('mail.practice_digest_subject', values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t('mail.practice_digest_body', values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/**
 * A unit's report of one month to one of its coordinators (ADR 043, addendum), in their language:
 * the month's totals as the report page counts them, and the link to the page for that month.
 * A coordinator no longer active gets nothing.
 */
async function sendUnitReport(ctx: ServiceContext, { actor, delivery, job }: { actor: TenantScope; delivery: MailDelivery; job: UnitReportJob }): Promise<ServiceResult<SendOutcome>> {
	const found = await inTenant(ctx, actor, async (tx) => {
		const recipient = await getMailRecipient(tx, { userId: job.recipientUserId })
		if (!recipient?.active) return null
		const [month, units] = await Promise.all([unitMonthFigures(tx, { tenantId: job.tenantId, month: job.month }), listTenants(tx)])
		return { recipient, figures: month.figures, unit: units.find((unit) => unit.id === job.tenantId)?.shortName ?? '' }
	})
	if (!found.ok) return found
	if (!found.value) return succeed('nothing_to_send')
	const { recipient, figures, unit } = found.value
	const language = recipient.preferredLanguage === 'en' ? 'en' : 'nl'
	const t = await mailTranslator(language)
	const number = (value: number) => value.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL')
	const values = {
		unit,
		month: formatMonth(job.month, language),
		participants: number(figures.participants),
		completed: number(figures.completed),
		completionRate: figures.completionRate === null ? '–' : `${figures.completionRate.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 })}%`,
		noShows: number(figures.noShows),
		cancellations: number(figures.cancellations),
		lateCancellations: number(figures.lateCancellations),
		waiting: number(figures.waiting),
		link: `${delivery.portalUrl ?? ''}/beheer/rapportages?${new URLSearchParams({ van: job.month, tot: job.month })}`,
	}
	const subject = t('mail.unit_report_subject', values)
	const body = [t('mail.greeting', { name: recipient.name }), '', t('mail.unit_report_body', values), '', t('mail.signature')].join('\n')
	return deliver(ctx, { actor, delivery, job, to: recipient.email, subject, body })
}

/** Claims the message key in the outbox, then sends (or, without SMTP, keeps) the mail; idempotent (ADR 012). */
async function deliver(
	ctx: ServiceContext,
	{ actor, delivery, job, to, subject, body }: { actor: TenantScope; delivery: MailDelivery; job: MailJob; to: string; subject: string; body: string },
): Promise<ServiceResult<SendOutcome>> {
	const messageId = `<${createHash('sha256').update(job.messageKey).digest('hex').slice(0, 32)}@leerplein.local>`
	const record = { tenantId: job.tenantId, messageKey: job.messageKey, messageId, toAddress: to, subject, body }
	if (!delivery.transport) {
		const kept = await inTenant(ctx, actor, (tx) => claimOutboxMail(tx, { ...record, status: 'kept' }))
		if (!kept.ok) return kept
		return succeed(kept.value.claimed ? 'kept' : 'already_sent')
	}
	const claim = await inTenant(ctx, actor, (tx) => claimOutboxMail(tx, { ...record, status: 'sending' }))
	if (!claim.ok) return claim
	if (!claim.value.claimed && claim.value.existing.status !== 'sending') return succeed('already_sent')
	await delivery.transport.sendMail({ from: delivery.from, to, subject, text: body, messageId, headers: { 'X-Leerplein-Key': job.messageKey } })
	const marked = await inTenant(ctx, actor, (tx) => markOutboxMailSent(tx, { messageKey: job.messageKey }))
	if (!marked.ok) return marked
	return succeed('sent')
}
