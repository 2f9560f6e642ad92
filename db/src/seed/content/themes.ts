/** The concern-wide themes of the catalogue. */
export const THEMES = [
	{ slug: 'integriteit', nameNl: 'Integriteit', nameEn: 'Integrity' },
	{ slug: 'leiderschap', nameNl: 'Leiderschap', nameEn: 'Leadership' },
	{ slug: 'projectmanagement', nameNl: 'Projectmanagement', nameEn: 'Project management' },
	{ slug: 'digitale-vaardigheden', nameNl: 'Digitale vaardigheden', nameEn: 'Digital skills' },
	{ slug: 'informatiebeveiliging-privacy', nameNl: 'Informatiebeveiliging & privacy', nameEn: 'Information security & privacy' },
	{ slug: 'communicatie', nameNl: 'Communicatie', nameEn: 'Communication' },
	{ slug: 'juridisch', nameNl: 'Juridisch', nameEn: 'Legal' },
	{ slug: 'financien', nameNl: 'Financiën', nameEn: 'Finance' },
	{ slug: 'persoonlijke-effectiviteit', nameNl: 'Persoonlijke effectiviteit', nameEn: 'Personal effectiveness' },
	{ slug: 'toezicht-handhaving', nameNl: 'Toezicht & handhaving', nameEn: 'Supervision & enforcement' },
	{ slug: 'beleid-politiek', nameNl: 'Beleid & politiek', nameEn: 'Policy & politics' },
	{ slug: 'gezondheid-veiligheid', nameNl: 'Gezondheid & veiligheid', nameEn: 'Health & safety' },
] as const

export type ThemeSlug = (typeof THEMES)[number]['slug']
