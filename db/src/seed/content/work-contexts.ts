/**
 * The large scale has more courses than (topic, angle) pairs. A real catalogue of that size
 * fills the gap with offerings tailored to one field of work: "Integriteit voor
 * leidinggevenden bij toezicht en handhaving" is a different course from the general one,
 * with its own cases. Series n (n ≥ 1) of a pair is tailored to WORK_CONTEXTS[n - 1].
 */
export type WorkContext = {
	/** Appended to the title. */
	title: string
	titleEn: string
	/** Completes "De casussen komen uit …". */
	cases: string
	keyword: string
}

export const WORK_CONTEXTS: WorkContext[] = [
	{ title: 'bij toezicht en handhaving', titleEn: 'in supervision and enforcement', cases: 'toezicht en handhaving', keyword: 'toezicht' },
	{ title: 'in de uitvoering', titleEn: 'in service delivery', cases: 'de dagelijkse uitvoering', keyword: 'uitvoering' },
	{ title: 'in het sociaal domein', titleEn: 'in the social domain', cases: 'het sociaal domein', keyword: 'sociaal domein' },
	{ title: 'bij inspecties', titleEn: 'for inspections', cases: 'inspectiebezoeken en onderzoeken', keyword: 'inspectie' },
	{ title: 'in internationale samenwerking', titleEn: 'in international cooperation', cases: 'Europese en internationale samenwerking', keyword: 'internationaal' },
	{ title: 'in de ICT-organisatie', titleEn: 'in the IT organisation', cases: 'ICT-projecten en beheerorganisaties', keyword: 'ICT' },
	{ title: 'bij crisisbeheersing', titleEn: 'in crisis management', cases: 'crisisbeheersing en calamiteiten', keyword: 'crisis' },
	{ title: 'in de keten met gemeenten', titleEn: 'with municipalities', cases: 'de samenwerking met gemeenten en provincies', keyword: 'ketensamenwerking' },
	{ title: 'bij subsidieverlening', titleEn: 'in grant management', cases: 'subsidieregelingen en de beoordeling van aanvragen', keyword: 'subsidies' },
	{ title: 'in de bedrijfsvoering', titleEn: 'in corporate services', cases: 'financiën, P&O, inkoop en facilitaire zaken', keyword: 'bedrijfsvoering' },
	{ title: 'bij wetgevingstrajecten', titleEn: 'in legislative work', cases: 'wetgevingstrajecten en consultaties', keyword: 'wetgeving' },
	{ title: 'in regionale kantoren', titleEn: 'in regional offices', cases: 'het werk in de regionale kantoren', keyword: 'regio' },
	{ title: 'bij klantcontact', titleEn: 'in customer contact', cases: 'klantcontact aan de telefoon, de balie en per e-mail', keyword: 'klantcontact' },
	{ title: 'in projectorganisaties', titleEn: 'in project organisations', cases: 'tijdelijke projectorganisaties en programma’s', keyword: 'projecten' },
	{ title: 'bij beleidsevaluatie', titleEn: 'in policy evaluation', cases: 'beleidsevaluaties en doorlichtingen', keyword: 'evaluatie' },
	{ title: 'in het veiligheidsdomein', titleEn: 'in the security domain', cases: 'het veiligheidsdomein', keyword: 'veiligheid' },
	{ title: 'bij vergunningverlening', titleEn: 'in licensing', cases: 'vergunningverlening en bezwaarprocedures', keyword: 'vergunningen' },
	{ title: 'in de bestuursondersteuning', titleEn: 'in executive support', cases: 'het werk rond bewindspersonen en de top', keyword: 'bestuursondersteuning' },
	{ title: 'bij data-analyse en statistiek', titleEn: 'in data analysis and statistics', cases: 'data-analyse en statistisch onderzoek', keyword: 'data' },
	{ title: 'in de communicatie met burgers', titleEn: 'in communication with citizens', cases: 'brieven, websites en gesprekken met burgers', keyword: 'burgercommunicatie' },
]
