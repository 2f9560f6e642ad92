// The demo outbox page's texts. The mails themselves are written on the server only (mail-strings.server.ts).
// app/i18n composes every feature's sections into one catalogue per language, under the same keys.

export const nl = {
	outbox: {
		title: 'Postvak (demo)',
		intro: 'In de demo worden e-mails niet verstuurd maar hier bewaard: de berichten aan medewerkers van uw organisatieonderdeel.',
		empty: 'Nog geen e-mails.',
		to: 'Aan',
		subject: 'Onderwerp',
		at: 'Tijd',
		body: 'Bericht',
	},
}

export const en: typeof nl = {
	outbox: {
		title: 'Outbox (demo)',
		intro: 'In the demo e-mails are not sent but kept here: the messages to employees of your unit.',
		empty: 'No e-mails yet.',
		to: 'To',
		subject: 'Subject',
		at: 'Time',
		body: 'Message',
	},
}
