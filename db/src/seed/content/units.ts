import type { PoOverrides } from '@leerplein/domain'
import type { ThemeSlug } from './themes.ts'

export type UnitLocation = { name: string; address: string; city: string }

export type UnitContent = {
	slug: string
	name: string
	shortName: string
	/** Headcount at the 'default' scale. */
	employees: number
	/** Relative share of the catalogue this unit provides. */
	courseWeight: number
	/** Themes the unit is known for: it provides more courses there. */
	favouriteThemes: ThemeSlug[]
	/** How the unit addresses its readers; near-duplicates of different units then differ in wording too. */
	voice: 'u' | 'je'
	/** The unit's own job profiles with their relative headcount; management profiles are added for every unit. */
	jobProfiles: Record<string, number>
	locations: UnitLocation[]
	poOverrides: PoOverrides
}

/** Every unit has the same management layer; the plan assigns these to managers by level. */
export const MANAGEMENT_PROFILES = { teamLead: 'Teamleider', head: 'Afdelingshoofd', director: 'Directeur' } as const

/** The nine units of the concern, with a plausible size, offering and set of P&O rules each. */
export const UNITS: UnitContent[] = [
	{
		slug: 'kd',
		name: 'Kerndepartement',
		shortName: 'Kerndepartement',
		employees: 3_650,
		courseWeight: 24,
		favouriteThemes: ['beleid-politiek', 'juridisch', 'leiderschap', 'communicatie'],
		voice: 'u',
		jobProfiles: {
			Beleidsmedewerker: 30,
			'Senior beleidsmedewerker': 18,
			Wetgevingsjurist: 8,
			Communicatieadviseur: 6,
			'Financieel adviseur': 7,
			Directiesecretaresse: 8,
			'HR-adviseur': 5,
		},
		locations: [
			{ name: 'Ministerie, Bezuidenhoutseweg 73 (zaal 2.14)', address: 'Bezuidenhoutseweg 73', city: 'Den Haag' },
			{ name: 'Rijnstraat 50, opleidingscentrum', address: 'Rijnstraat 50', city: 'Den Haag' },
			{ name: 'Hoftoren, vergadercentrum', address: 'Rijnstraat 8', city: 'Den Haag' },
			{ name: 'Rijksopleidingsinstituut Utrecht', address: 'Croeselaan 15', city: 'Utrecht' },
			{ name: 'Conferentiecentrum Kontakt der Kontinenten', address: 'Amersfoortsestraat 20', city: 'Soesterberg' },
			{ name: 'Rijkskantoor De Knoop', address: 'Croeselaan 6', city: 'Utrecht' },
		],
		poOverrides: {
			approval: { mode: 'above_price', thresholdCents: 75_000 },
			yearlyBudgetCents: 200_000,
			costCentreRequired: true,
			branding: { primaryColor: '#154273', logoText: 'Kerndepartement' },
		},
	},
	{
		slug: 'nvwa',
		name: 'Nederlandse Voedsel- en Warenautoriteit',
		shortName: 'NVWA',
		employees: 3_100,
		courseWeight: 18,
		favouriteThemes: ['toezicht-handhaving', 'gezondheid-veiligheid', 'juridisch'],
		voice: 'u',
		jobProfiles: {
			Inspecteur: 40,
			'Senior inspecteur': 15,
			Toezichtmedewerker: 12,
			Dierenarts: 8,
			Laboratoriumanalist: 8,
			Jurist: 5,
			'Data-analist': 4,
		},
		locations: [
			{ name: 'NVWA Utrecht, Catharijnesingel', address: 'Catharijnesingel 59', city: 'Utrecht' },
			{ name: 'NVWA Zwolle, trainingsruimte', address: 'Zuiderzeelaan 12', city: 'Zwolle' },
			{ name: 'NVWA Eindhoven', address: 'Vestdijk 230', city: 'Eindhoven' },
			{ name: 'NVWA Den Bosch, leslokaal', address: 'Pettelaarpark 90', city: "'s-Hertogenbosch" },
			{ name: 'NVWA Laboratorium Wageningen', address: 'Akkermaalsbos 4', city: 'Wageningen' },
			{ name: 'NVWA Rotterdam, havenkantoor', address: 'Wilhelminakade 112', city: 'Rotterdam' },
			{ name: 'NVWA Groningen', address: 'Hereweg 92', city: 'Groningen' },
		],
		poOverrides: {
			approval: { mode: 'always' },
			yearlyBudgetCents: 120_000,
			freeCancellationDays: 10,
			noShowPolicy: 'charge',
			branding: { primaryColor: '#00689e', logoText: 'NVWA' },
		},
	},
	{
		slug: 'rvo',
		name: 'Rijksdienst voor Ondernemend Nederland',
		shortName: 'RVO',
		employees: 3_500,
		courseWeight: 20,
		favouriteThemes: ['financien', 'digitale-vaardigheden', 'communicatie', 'projectmanagement'],
		voice: 'je',
		jobProfiles: {
			Adviseur: 25,
			Subsidieadviseur: 20,
			Klantcontactmedewerker: 18,
			Projectleider: 10,
			'Data-analist': 7,
			Beleidsmedewerker: 8,
			Managementondersteuner: 6,
		},
		locations: [
			{ name: 'RVO Den Haag, Prinses Beatrixlaan', address: 'Prinses Beatrixlaan 2', city: 'Den Haag' },
			{ name: 'RVO Utrecht, Croeselaan', address: 'Croeselaan 15', city: 'Utrecht' },
			{ name: 'RVO Zwolle, Hanzelaan', address: 'Hanzelaan 310', city: 'Zwolle' },
			{ name: 'RVO Roermond', address: 'Slachthuisstraat 71', city: 'Roermond' },
			{ name: 'RVO Assen', address: 'Europaweg 2', city: 'Assen' },
			{ name: 'RVO Amsterdam, kennislab', address: 'Stationsplein 45', city: 'Amsterdam' },
		],
		poOverrides: {
			approval: { mode: 'above_price', thresholdCents: 25_000 },
			yearlyBudgetCents: 150_000,
			freeCancellationDays: 7,
			branding: { primaryColor: '#42145f', logoText: 'RVO' },
		},
	},
	{
		slug: 'dictu',
		name: 'Dienst ICT Uitvoering',
		shortName: 'DICTU',
		employees: 2_050,
		courseWeight: 14,
		favouriteThemes: ['digitale-vaardigheden', 'informatiebeveiliging-privacy', 'projectmanagement'],
		voice: 'je',
		jobProfiles: {
			Softwareontwikkelaar: 25,
			Systeembeheerder: 20,
			'Security-specialist': 8,
			'Product owner': 7,
			Servicedeskmedewerker: 15,
			Architect: 5,
			Projectleider: 8,
		},
		locations: [
			{ name: 'DICTU Den Haag, Bezuidenhoutseweg', address: 'Bezuidenhoutseweg 20', city: 'Den Haag' },
			{ name: 'DICTU Assen', address: 'Stationsstraat 5', city: 'Assen' },
			{ name: 'DICTU Groningen, Kadijk', address: 'Kadijk 4', city: 'Groningen' },
			{ name: 'DICTU Apeldoorn, datacenter', address: 'Laan van Westenenk 501', city: 'Apeldoorn' },
		],
		poOverrides: {
			approval: { mode: 'never' },
			yearlyBudgetCents: 250_000,
			freeCancellationDays: 5,
			branding: { primaryColor: '#01689b', logoText: 'DICTU' },
		},
	},
	{
		slug: 'acm',
		name: 'Autoriteit Consument & Markt',
		shortName: 'ACM',
		employees: 650,
		courseWeight: 7,
		favouriteThemes: ['juridisch', 'toezicht-handhaving', 'communicatie'],
		voice: 'u',
		jobProfiles: {
			Toezichthouder: 30,
			Jurist: 25,
			Econoom: 20,
			'Data-analist': 8,
			Communicatieadviseur: 5,
			Managementassistent: 6,
		},
		locations: [
			{ name: 'ACM, Muzenstraat', address: 'Muzenstraat 41', city: 'Den Haag' },
			{ name: 'ACM, Zuid-Hollandlaan (vergaderzaal 1)', address: 'Zuid-Hollandlaan 7', city: 'Den Haag' },
			{ name: 'ACM Rotterdam, externe locatie', address: 'Weena 505', city: 'Rotterdam' },
		],
		poOverrides: {
			approval: { mode: 'above_price', thresholdCents: 0 },
			yearlyBudgetCents: 180_000,
			noShowPolicy: 'charge',
			branding: { primaryColor: '#e17000', logoText: 'ACM' },
		},
	},
	{
		slug: 'cpb',
		name: 'Centraal Planbureau',
		shortName: 'CPB',
		employees: 190,
		courseWeight: 3,
		favouriteThemes: ['financien', 'beleid-politiek', 'digitale-vaardigheden'],
		voice: 'u',
		jobProfiles: { Econoom: 35, 'Senior econoom': 15, Onderzoeker: 20, 'Data-analist': 10, Managementassistent: 5 },
		locations: [
			{ name: 'CPB, Bezuidenhoutseweg', address: 'Bezuidenhoutseweg 30', city: 'Den Haag' },
			{ name: 'CPB, seminarruimte', address: 'Bezuidenhoutseweg 30', city: 'Den Haag' },
			{ name: 'Universiteit Leiden, Wijnhaven (gastcollege)', address: 'Turfmarkt 99', city: 'Den Haag' },
		],
		poOverrides: {
			approval: { mode: 'never' },
			yearlyBudgetCents: 300_000,
			// CPB runs its courses for its own researchers only.
			acceptsOtherUnits: false,
			defaultLanguage: 'en',
			branding: { primaryColor: '#007a66', logoText: 'CPB' },
		},
	},
	{
		slug: 'at',
		name: 'Agentschap Telecom',
		shortName: 'Agentschap Telecom',
		employees: 620,
		courseWeight: 6,
		favouriteThemes: ['toezicht-handhaving', 'digitale-vaardigheden', 'informatiebeveiliging-privacy'],
		voice: 'je',
		jobProfiles: {
			Inspecteur: 30,
			'Technisch specialist frequenties': 20,
			Toezichthouder: 15,
			Jurist: 8,
			'Data-analist': 8,
			Adviseur: 10,
		},
		locations: [
			{ name: 'Agentschap Telecom, Emmasingel', address: 'Emmasingel 1', city: 'Groningen' },
			{ name: 'Agentschap Telecom Amersfoort', address: 'Piet Mondriaanplein 17', city: 'Amersfoort' },
			{ name: 'Agentschap Telecom, meetstation', address: 'Zuidweg 6', city: 'Nieuw-Vennep' },
			{ name: 'Agentschap Telecom Den Haag', address: 'Prinses Beatrixlaan 2', city: 'Den Haag' },
		],
		poOverrides: {
			approval: { mode: 'above_price', thresholdCents: 100_000 },
			yearlyBudgetCents: 100_000,
			freeCancellationDays: 21,
			branding: { primaryColor: '#ca005d', logoText: 'Agentschap Telecom' },
		},
	},
	{
		slug: 'sodm',
		name: 'Staatstoezicht op de Mijnen',
		shortName: 'SodM',
		employees: 150,
		courseWeight: 4,
		favouriteThemes: ['toezicht-handhaving', 'gezondheid-veiligheid'],
		voice: 'u',
		jobProfiles: { 'Inspecteur mijnbouw': 40, 'Senior inspecteur': 15, Jurist: 10, Adviseur: 15, 'Data-analist': 8 },
		locations: [
			{ name: 'SodM, Henri Faasdreef', address: 'Henri Faasdreef 312', city: 'Den Haag' },
			{ name: 'SodM Groningen, Kanaalweg', address: 'Kanaalweg 20', city: 'Groningen' },
			{ name: 'SodM, veldlocatie Loppersum', address: 'Stationsweg 12', city: 'Loppersum' },
		],
		poOverrides: {
			approval: { mode: 'always' },
			yearlyBudgetCents: 175_000,
			costCentreRequired: true,
			freeCancellationDays: 14,
			branding: { primaryColor: '#673327', logoText: 'SodM' },
		},
	},
	{
		slug: 'nea',
		name: 'Nederlandse Emissieautoriteit',
		shortName: 'NEa',
		employees: 90,
		courseWeight: 4,
		favouriteThemes: ['toezicht-handhaving', 'juridisch', 'beleid-politiek'],
		voice: 'je',
		jobProfiles: { 'Toezichthouder emissiehandel': 40, Jurist: 15, Adviseur: 20, 'Data-analist': 10, Secretaresse: 5 },
		locations: [
			{ name: 'NEa, Prinses Beatrixlaan', address: 'Prinses Beatrixlaan 2', city: 'Den Haag' },
			{ name: 'NEa, vergadercentrum Utrecht', address: 'Graadt van Roggenweg 500', city: 'Utrecht' },
			{ name: 'NEa, externe locatie Amsterdam', address: 'Piet Heinkade 55', city: 'Amsterdam' },
		],
		poOverrides: {
			approval: { mode: 'above_price', thresholdCents: 40_000 },
			yearlyBudgetCents: 125_000,
			freeCancellationDays: 30,
			noShowPolicy: 'none',
			branding: { primaryColor: '#275937', logoText: 'NEa' },
		},
	},
]
