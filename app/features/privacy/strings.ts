// The texts of a person's own data (issue 22, item 1; ADR 053): the download on the account page
// and the readable page inside the archive. app/i18n composes them.

export const nl = {
	privacy: {
		ownDataHeading: 'Uw gegevens',
		ownDataIntro: 'Download alles wat Leerplein over u bewaart: uw inschrijvingen, paspoort, bewijs, berichten, aanmeldingen en wat u als beheerder deed. Het bestand is een ZIP met de gegevens als JSON en een leesbare pagina.',
		ownDataLink: 'Download mijn gegevens (ZIP)',
		pageTitle: 'Uw gegevens in Leerplein',
		pageIntro: 'Dit zijn alle gegevens die Leerplein op {{date}} over {{name}} bewaarde, per soort. Het bestand mijn-gegevens.json bevat dezelfde gegevens voor andere programma’s.',
		rowCount_one: '{{count}} regel',
		rowCount_other: '{{count}} regels',
		noRows: 'Geen gegevens.',
		row: 'Regel {{number}}',
		field: 'Veld',
		value: 'Waarde',
		questions: 'Vragen over uw gegevens? Neem contact op via {{contact}}.',
	},
}

export const en: typeof nl = {
	privacy: {
		ownDataHeading: 'Your data',
		ownDataIntro: 'Download everything Leerplein holds about you: your enrolments, passport, evidence, messages, sign-ins and what you did as an administrator. The file is a ZIP with the data as JSON and a readable page.',
		ownDataLink: 'Download my data (ZIP)',
		pageTitle: 'Your data in Leerplein',
		pageIntro: 'This is all the data Leerplein held about {{name}} on {{date}}, by kind. The file mijn-gegevens.json holds the same data for other programs.',
		rowCount_one: '{{count}} row',
		rowCount_other: '{{count}} rows',
		noRows: 'No data.',
		row: 'Row {{number}}',
		field: 'Field',
		value: 'Value',
		questions: 'Questions about your data? Contact {{contact}}.',
	},
}
