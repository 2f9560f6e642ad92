import { createInstance } from 'i18next'

// The notification mails' texts, on the server only: they never ship to the browser. Same keys
// (`mail.…`) and the same i18next interpolation as the UI catalogues, so a mail reads as before.

export const nl = {
	mail: {
		greeting: 'Beste {{name}},',
		signature: 'Met vriendelijke groet,\nLeerplein',
		sessionLine: '{{title}}, {{date}} {{time}}, {{place}}',
		online: 'online',
		enrolment_confirmed_subject: 'Bevestiging: u bent ingeschreven voor {{title}}',
		enrolment_confirmed_body: 'U bent ingeschreven voor:\n{{session}}',
		enrolment_waitlisted_subject: 'Wachtlijst: {{title}}',
		enrolment_waitlisted_body: 'De uitvoering is vol. U staat op de wachtlijst voor:\n{{session}}\nKomt er een plaats vrij, dan krijgt u die automatisch.',
		enrolment_promoted_subject: 'Er is een plaats vrijgekomen: u bent ingeschreven voor {{title}}',
		enrolment_promoted_body: 'Er is een plaats vrijgekomen en u bent nu ingeschreven voor:\n{{session}}',
		approval_requested_subject: 'Goedkeuring gevraagd: {{employee}} voor {{title}}',
		approval_requested_body: '{{employee}} vraagt uw goedkeuring voor:\n{{session}}\nBeoordeel de aanvraag in Leerplein onder Goedkeuringen.',
		enrolment_approved_subject: 'Goedgekeurd: {{title}}',
		enrolment_approved_body: 'Uw aanvraag is goedgekeurd. U bent ingeschreven (of staat op de wachtlijst als het vol was) voor:\n{{session}}',
		enrolment_declined_subject: 'Afgewezen: {{title}}',
		enrolment_declined_body: 'Uw aanvraag voor {{session}} is afgewezen.\nReden: {{reason}}',
		enrolment_cancelled_subject: 'Geannuleerd: {{title}}',
		enrolment_cancelled_body: 'Uw inschrijving is geannuleerd voor:\n{{session}}',
		session_cancelled_subject: 'Uitvoering geannuleerd: {{title}}',
		session_cancelled_body: 'De uitvoering is geannuleerd:\n{{session}}\nReden: {{reason}}\n{{budget}}Andere uitvoeringen van deze opleiding:\n{{others}}',
		budgetReleased: 'Het bedrag is teruggeboekt naar uw leerbudget.\n',
		session_changed_subject: 'Gewijzigd: {{title}} heeft een nieuwe datum, tijd of plaats',
		session_changed_body: 'De uitvoering waarvoor u bent ingeschreven is gewijzigd.\n{{changes}}\nPast dit niet meer? Tot {{freeUntil}} kunt u kosteloos annuleren in Leerplein onder Mijn leren, ook als de gewone annuleringstermijn al voorbij is.',
		changeWas: 'Was:',
		changeNow: 'Nu:',
		enrolment_moved_subject: 'Verplaatst: u gaat naar een andere uitvoering van {{title}}',
		enrolment_moved_body: 'De organisatie van de opleiding heeft u verplaatst.\nVan: {{from}}\nNaar: {{session}}\n{{status}}',
		movedEnrolled: 'U bent ingeschreven voor de nieuwe uitvoering.',
		movedWaitlisted: 'De nieuwe uitvoering is vol: u staat daar op de wachtlijst. Komt er een plaats vrij, dan krijgt u die automatisch.',
		minimum_not_reached_subject: 'Minimum niet gehaald: {{title}}',
		minimum_not_reached_body: 'Voor deze uitvoering zijn {{taken}} van de minimaal {{minimum}} deelnemers ingeschreven:\n{{session}}\nDe uiterste inschrijfdatum is {{deadline}}. Beslis of de uitvoering doorgaat; annuleren kan in Leerplein onder Uitvoeringen.',
		noOtherSessions: '(er zijn nu geen andere uitvoeringen gepland)',
		reminder_7_days_subject: 'Herinnering: over een week {{title}}',
		reminder_7_days_body: 'Over een week begint:\n{{session}}',
		reminder_1_day_subject: 'Herinnering: morgen {{title}}',
		reminder_1_day_body: 'Morgen begint:\n{{session}}',
		passportManagerToo: 'Uw leidinggevende krijgt dit bericht ook.\n',
		passport_expiring_subject: 'Herinnering: {{competency}} is nog geldig tot en met {{date}}',
		passport_expiring_body:
			'Uw bekwaamheid {{competency}} in uw kwaliteitspaspoort is nog geldig tot en met {{date}}. Verleng haar op tijd: in uw paspoort ziet u welke opleidingen haar geven en wanneer de volgende uitvoering is.\n{{managerToo}}\nMijn paspoort: {{link}}',
		passport_red_subject: 'Rood in uw kwaliteitspaspoort: {{competency}}',
		passport_red_body:
			'Uw bekwaamheid {{competency}} staat sinds {{date}} op rood in uw kwaliteitspaspoort: zij is verlopen of nog niet behaald. In uw paspoort ziet u welke opleidingen haar geven en kunt u zich inschrijven.\n{{managerToo}}\nMijn paspoort: {{link}}',
		passport_expiring_manager_subject: 'Herinnering: {{competency}} van {{employee}} is nog geldig tot en met {{date}}',
		passport_expiring_manager_body:
			'De bekwaamheid {{competency}} van uw medewerker {{employee}} is nog geldig tot en met {{date}}. {{employee}} heeft hierover ook een bericht gekregen; bespreek zo nodig samen hoe en wanneer die verlengd wordt.',
		passport_red_manager_subject: 'Rood in het kwaliteitspaspoort van {{employee}}: {{competency}}',
		passport_red_manager_body:
			'De bekwaamheid {{competency}} van uw medewerker {{employee}} staat sinds {{date}} op rood: zij is verlopen of nog niet behaald. {{employee}} heeft hierover ook een bericht gekregen.',
		certificate_submitted_subject: 'Certificaat te beoordelen: {{competency}} van {{employee}}',
		certificate_submitted_body:
			'Uw medewerker {{employee}} heeft een certificaat ingestuurd voor {{competency}}, behaald op {{date}}. Het wacht op uw beoordeling; het telt pas mee in het kwaliteitspaspoort als het is goedgekeurd.\n\nBeoordelen: {{link}}',
		evaluation_invitation_subject: 'Hoe was {{course}}? Uw evaluatie',
		evaluation_reminder_subject: 'Herinnering: hoe was {{course}}?',
		evaluation_invitation_body:
			'U volgde {{course}} op {{date}}. Wilt u laten weten hoe u het vond? Het invullen duurt twee minuten. Uw antwoorden zijn anoniem: de aanbieder ziet alleen de uitkomsten van ten minste vijf deelnemers samen, nooit wie wat antwoordde.\n\nEvaluatie invullen: {{link}}',
		follow_up_subject: 'Hebt u {{course}} toegepast?',
		follow_up_reminder_subject: 'Herinnering: hebt u {{course}} toegepast?',
		follow_up_body:
			'Enige weken geleden volgde u {{course}} (op {{date}}). Hebt u het geleerde kunnen toepassen? Vijf korte vragen, elk vrijwillig. Uw antwoorden zijn anoniem: de aanbieder ziet alleen de uitkomsten van ten minste vijf deelnemers samen, nooit wie wat antwoordde.\n\nVragen beantwoorden: {{link}}',
		manager_questionnaire_subject: 'Past {{participant}} {{course}} toe?',
		manager_questionnaire_reminder_subject: 'Herinnering: past {{participant}} {{course}} toe?',
		manager_questionnaire_body:
			'Enige weken geleden volgde uw medewerker {{participant}} {{course}} (op {{date}}). Ziet u dat het geleerde wordt toegepast? Vier korte vragen, elk vrijwillig. Uw antwoorden zijn anoniem: de aanbieder ziet alleen de uitkomsten van ten minste vijf leidinggevenden samen, zonder uw naam of die van uw medewerker.\n\nVragen beantwoorden: {{link}}',
		practice_digest_subject: 'Er staan {{count}} oefenvragen voor u klaar',
		practice_digest_body:
			'Deze vragen over opleidingen die u afrondde, staan vandaag voor u klaar:\n\n{{courses}}\n\nEén tik per vraag; u ziet meteen of het goed was.\n\nOefenen: {{link}}\n\nU krijgt ten hoogste één zo’n mail per dag. Liever een ander uur, of niet meer oefenen? Dat kiest u op dezelfde pagina.',
		self_card_return_subject: 'Uw kaart aan jezelf: {{course}}',
		self_card_return_body:
			'Na {{course}} schreef u op {{date}} deze acties voor uzelf op:\n\n{{actions}}\n\nWat is ervan terechtgekomen? Laat het per actie weten; alleen u ziet uw kaart.\n\nTerugblikken: {{link}}',
		unit_report_subject: 'Rapportage {{unit}}: {{month}}',
		unit_report_body:
			'De uitvoeringen die {{unit}} aanbood en die in {{month}} begonnen:\n\nDeelnemers: {{participants}}\nAfgerond: {{completed}} ({{completionRate}})\nNiet verschenen: {{noShows}}\nGeannuleerd: {{cancellations}}, waarvan te laat: {{lateCancellations}}\nOp de wachtlijst: {{waiting}}\n\nU krijgt deze samenvatting als opleidingscoördinator, op de eerste van elke maand waarin er iets te melden is. De hele rapportage, met grafieken en exports: {{link}}',
		participant_message_body: '{{sender}} ({{unit}}) stuurt u dit bericht over de uitvoering waarvoor u bent ingeschreven of op de wachtlijst staat:\n{{session}}',
	},
}

export const en: typeof nl = {
	mail: {
		greeting: 'Dear {{name}},',
		signature: 'Kind regards,\nLeerplein',
		sessionLine: '{{title}}, {{date}} {{time}}, {{place}}',
		online: 'online',
		enrolment_confirmed_subject: 'Confirmation: you are enrolled in {{title}}',
		enrolment_confirmed_body: 'You are enrolled in:\n{{session}}',
		enrolment_waitlisted_subject: 'Waitlist: {{title}}',
		enrolment_waitlisted_body: 'The session is full. You are on the waitlist for:\n{{session}}\nWhen a seat frees up, you get it automatically.',
		enrolment_promoted_subject: 'A seat has freed up: you are enrolled in {{title}}',
		enrolment_promoted_body: 'A seat has freed up and you are now enrolled in:\n{{session}}',
		approval_requested_subject: 'Approval requested: {{employee}} for {{title}}',
		approval_requested_body: '{{employee}} asks for your approval for:\n{{session}}\nDecide on the request in Leerplein under Approvals.',
		enrolment_approved_subject: 'Approved: {{title}}',
		enrolment_approved_body: 'Your request has been approved. You are enrolled (or on the waitlist if it was full) in:\n{{session}}',
		enrolment_declined_subject: 'Declined: {{title}}',
		enrolment_declined_body: 'Your request for {{session}} has been declined.\nReason: {{reason}}',
		enrolment_cancelled_subject: 'Cancelled: {{title}}',
		enrolment_cancelled_body: 'Your enrolment has been cancelled for:\n{{session}}',
		session_cancelled_subject: 'Session cancelled: {{title}}',
		session_cancelled_body: 'The session has been cancelled:\n{{session}}\nReason: {{reason}}\n{{budget}}Other sessions of this course:\n{{others}}',
		budgetReleased: 'The amount has been returned to your learning budget.\n',
		session_changed_subject: 'Changed: {{title}} has a new date, time or place',
		session_changed_body: 'The session you are enrolled in has changed.\n{{changes}}\nDoes it no longer suit you? Until {{freeUntil}} you can cancel free of charge in Leerplein under My learning, even when the usual cancellation period has passed.',
		changeWas: 'Was:',
		changeNow: 'Now:',
		enrolment_moved_subject: 'Moved: you are going to another session of {{title}}',
		enrolment_moved_body: 'The organisers of the course have moved you.\nFrom: {{from}}\nTo: {{session}}\n{{status}}',
		movedEnrolled: 'You are enrolled in the new session.',
		movedWaitlisted: 'The new session is full: you are on its waitlist. When a seat frees up, you get it automatically.',
		minimum_not_reached_subject: 'Minimum not reached: {{title}}',
		minimum_not_reached_body: '{{taken}} of the minimum of {{minimum}} participants are enrolled in this session:\n{{session}}\nThe enrolment deadline is {{deadline}}. Decide whether the session goes ahead; you can cancel it in Leerplein under Sessions.',
		noOtherSessions: '(no other sessions are planned at the moment)',
		reminder_7_days_subject: 'Reminder: {{title}} in one week',
		reminder_7_days_body: 'In one week starts:\n{{session}}',
		reminder_1_day_subject: 'Reminder: {{title}} tomorrow',
		reminder_1_day_body: 'Tomorrow starts:\n{{session}}',
		passportManagerToo: 'Your manager receives this message too.\n',
		passport_expiring_subject: 'Reminder: {{competency}} is valid until {{date}}',
		passport_expiring_body:
			'Your competency {{competency}} in your quality passport is valid until {{date}} (inclusive). Renew it in time: your passport shows the courses that grant it and their next sessions.\n{{managerToo}}\nMy passport: {{link}}',
		passport_red_subject: 'Red in your quality passport: {{competency}}',
		passport_red_body:
			'Your competency {{competency}} has been red in your quality passport since {{date}}: it has expired or has not been obtained yet. Your passport shows the courses that grant it, and you can enrol there.\n{{managerToo}}\nMy passport: {{link}}',
		passport_expiring_manager_subject: 'Reminder: {{competency}} of {{employee}} is valid until {{date}}',
		passport_expiring_manager_body:
			'The competency {{competency}} of {{employee}}, who reports to you, is valid until {{date}} (inclusive). {{employee}} has received a message about it too; if needed, agree together how and when it is renewed.',
		passport_red_manager_subject: 'Red in the quality passport of {{employee}}: {{competency}}',
		passport_red_manager_body:
			'The competency {{competency}} of {{employee}}, who reports to you, has been red since {{date}}: it has expired or has not been obtained yet. {{employee}} has received a message about it too.',
		certificate_submitted_subject: 'Certificate to review: {{competency}} of {{employee}}',
		certificate_submitted_body:
			'{{employee}}, who reports to you, has sent in a certificate for {{competency}}, obtained on {{date}}. It awaits your review; it counts in the quality passport only once it is approved.\n\nReview: {{link}}',
		evaluation_invitation_subject: 'How was {{course}}? Your evaluation',
		evaluation_reminder_subject: 'Reminder: how was {{course}}?',
		evaluation_invitation_body:
			'You took part in {{course}} on {{date}}. Would you let us know what you thought of it? It takes two minutes. Your answers are anonymous: the provider sees only the results of at least five participants together, never who answered what.\n\nAnswer the evaluation: {{link}}',
		follow_up_subject: 'Have you applied {{course}}?',
		follow_up_reminder_subject: 'Reminder: have you applied {{course}}?',
		follow_up_body:
			'A few weeks ago you took part in {{course}} (on {{date}}). Have you been able to apply what you learnt? A few short questions, each optional. Your answers are anonymous: the provider sees only the results of at least five participants together, never who answered what.\n\nAnswer the questions: {{link}}',
		manager_questionnaire_subject: 'Does {{participant}} apply {{course}}?',
		manager_questionnaire_reminder_subject: 'Reminder: does {{participant}} apply {{course}}?',
		manager_questionnaire_body:
			'A few weeks ago {{participant}}, who reports to you, took part in {{course}} (on {{date}}). Do you see what they learned being applied? Four short questions, each optional. Your answers are anonymous: the provider sees only the results of at least five managers together, without your name or your team member’s.\n\nAnswer the questions: {{link}}',
		practice_digest_subject: '{{count}} practice questions are waiting for you',
		practice_digest_body:
			'These questions about courses you completed are waiting for you today:\n\n{{courses}}\n\nOne tap per question; you see at once whether you were right.\n\nPractise: {{link}}\n\nYou get at most one such mail a day. Another hour, or no more practising? You choose that on the same page.',
		self_card_return_subject: 'Your card to self: {{course}}',
		self_card_return_body:
			'After {{course}} you wrote down these actions for yourself on {{date}}:\n\n{{actions}}\n\nWhat became of them? Let us know for each action; only you see your card.\n\nLook back: {{link}}',
		unit_report_subject: 'Report {{unit}}: {{month}}',
		unit_report_body:
			'The sessions {{unit}} provided that started in {{month}}:\n\nParticipants: {{participants}}\nCompleted: {{completed}} ({{completionRate}})\nNo-shows: {{noShows}}\nCancelled: {{cancellations}}, of which late: {{lateCancellations}}\nOn the waiting list: {{waiting}}\n\nYou receive this summary as a learning coordinator, on the first of every month in which there is something to report. The full report, with charts and exports: {{link}}',
		participant_message_body: '{{sender}} ({{unit}}) sends you this message about the session you are enrolled in or waiting for:\n{{session}}',
	},
}

export type MailLanguage = 'nl' | 'en'

/** A mail text's key: `t('mail.tpyo')` fails `typecheck`, as a UI key does. */
export type MailKey = `mail.${keyof typeof nl.mail}`
export type MailTranslate = (key: MailKey, values?: Record<string, string>) => string

const translators = new Map<MailLanguage, Promise<MailTranslate>>()

/** A translation function over the mail texts of one language (one i18next instance per language, shared). */
export function mailTranslator(language: MailLanguage): Promise<MailTranslate> {
	let translator = translators.get(language)
	if (!translator) {
		const instance = createInstance()
		translator = instance
			.init({ lng: language, fallbackLng: 'nl', resources: { nl: { translation: nl }, en: { translation: en } }, interpolation: { escapeValue: false } })
			.then(() => {
				// i18next types every instance's keys from the UI catalogue (i18next.d.ts); MailKey types these.
				const t = instance.getFixedT(language) as unknown as (key: string, values?: Record<string, string>) => string
				return (key, values) => t(key, values)
			})
		translators.set(language, translator)
	}
	return translator
}
