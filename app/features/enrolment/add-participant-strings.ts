// The texts of adding an employee to a session on their behalf (/uitvoeringen/:id/deelnemer-toevoegen):
// said to the coordinator, about the employee, so in the third person.

export const nl = {
	addParticipant: {
		title: 'Deelnemer toevoegen',
		intro: 'Schrijf een medewerker van uw organisatieonderdeel in voor {{title}} op {{date}}. De regels van het organisatieonderdeel gelden zoals bij een eigen aanvraag: goedkeuring, budget en wachtlijst.',
		online: 'online',
		search: 'Zoek een medewerker op naam of e-mailadres',
		searchSubmit: 'Zoeken',
		searchFirst: 'Zoek eerst een medewerker (minstens twee tekens).',
		noneFound: 'Geen medewerker van uw organisatieonderdeel gevonden voor “{{query}}”.',
		results: 'Gevonden medewerkers ({{count}})',
		name: 'Naam',
		email: 'E-mailadres',
		effect: 'Wat er gebeurt',
		action: 'Actie',
		add: 'Toevoegen',
		alreadyIn: 'Staat al op de lijst van deze uitvoering.',
		back: 'Terug naar de uitvoering',
		added_enrolled: '{{name}} is ingeschreven en krijgt een bevestiging per e-mail.',
		added_waitlisted: '{{name}} staat op de wachtlijst en krijgt daarover een e-mail.',
		added_awaiting_approval: 'De aanvraag voor {{name}} wacht op goedkeuring.',
		enrolsFree: 'Wordt direct ingeschreven; de opleiding is kosteloos.',
		enrolsPaid: 'Wordt direct ingeschreven; {{price}} gaat van het leerbudget {{year}} af.',
		approval_manager: 'Eerst beslist de leidinggevende: {{reason}}.',
		approval_coordinator: 'Eerst beslist een coördinator van het organisatieonderdeel: {{reason}}.',
		reason_unit_always: 'het organisatieonderdeel laat elke aanvraag goedkeuren',
		reason_above_price: 'de prijs ligt boven het bedrag waarboven goedkeuring nodig is',
		reason_over_budget: 'de prijs past niet in wat er over is van het leerbudget',
		approvalPaid: 'Na goedkeuring gaat {{price}} van het leerbudget {{year}} af.',
		after: 'Daarna nog {{after}} over.',
		afterOver: 'Daarmee gaat de medewerker {{over}} over het budget.',
	},
}

export const en: typeof nl = {
	addParticipant: {
		title: 'Add a participant',
		intro: 'Enrol an employee of your unit in {{title}} on {{date}}. The unit’s rules apply as to a request of their own: approval, budget and waitlist.',
		online: 'online',
		search: 'Find an employee by name or e-mail address',
		searchSubmit: 'Search',
		searchFirst: 'First search for an employee (at least two characters).',
		noneFound: 'No employee of your unit found for “{{query}}”.',
		results: 'Employees found ({{count}})',
		name: 'Name',
		email: 'E-mail address',
		effect: 'What happens',
		action: 'Action',
		add: 'Add',
		alreadyIn: 'Already on this session’s list.',
		back: 'Back to the session',
		added_enrolled: '{{name}} is enrolled and gets a confirmation by e-mail.',
		added_waitlisted: '{{name}} is on the waitlist and gets an e-mail about it.',
		added_awaiting_approval: 'The request for {{name}} awaits approval.',
		enrolsFree: 'Enrolled at once; the course is free.',
		enrolsPaid: 'Enrolled at once; {{price}} comes off the {{year}} learning budget.',
		approval_manager: 'Their manager decides first: {{reason}}.',
		approval_coordinator: 'A coordinator of the unit decides first: {{reason}}.',
		reason_unit_always: 'the unit has every request approved',
		reason_above_price: 'the price is above the amount from which approval is needed',
		reason_over_budget: 'the price does not fit in what is left of the learning budget',
		approvalPaid: 'After approval {{price}} comes off the {{year}} learning budget.',
		after: 'Then {{after}} is left.',
		afterOver: 'That takes the employee {{over}} over budget.',
	},
}

export const nlErrors = {
	PARTICIPANT_ALREADY_IN: 'Deze medewerker staat al op de lijst van deze uitvoering, of de aanvraag loopt nog.',
	PARTICIPANT_CHOICE_REQUIRED: 'Kies de medewerker die u wilt toevoegen.',
}

export const enErrors: Record<keyof typeof nlErrors, string> = {
	PARTICIPANT_ALREADY_IN: 'This employee is already on this session’s list, or their request is pending.',
	PARTICIPANT_CHOICE_REQUIRED: 'Choose the employee you want to add.',
}
