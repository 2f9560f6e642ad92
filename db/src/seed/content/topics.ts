import type { ThemeSlug } from './themes.ts'

/** general: any fitting angle; tool: software skills; certificate: a named certification with its own exam. */
export type TopicKind = 'general' | 'tool' | 'certificate'

export type Topic = {
	name: string
	/** The name inside a sentence: lower-cased unless it is a name or acronym. */
	inline: string
	en: string
	enInline: string
	theme: ThemeSlug
	kind: TopicKind
	keywords: string[]
	/** Three things the course treats, as noun phrases ("de gedragscode"). */
	focus: [string, string, string]
	/** Angles that would be redundant or odd for this topic. */
	skip: string[]
}

type Row = [name: string, en: string, keywords: string, focus: string, options?: { keepCase?: boolean; skip?: string[] }]

function topics(theme: ThemeSlug, kind: TopicKind, rows: Row[]): Topic[] {
	return rows.map(([name, en, keywords, focus, options]) => {
		const parts = focus.split(';').map((part) => part.trim())
		if (parts.length !== 3) throw new Error(`topic ${name} needs three focus items`)
		const keepCase = options?.keepCase ?? /^[A-Z]{2}/.test(name)
		return {
			name,
			inline: keepCase ? name : name.charAt(0).toLowerCase() + name.slice(1),
			en,
			enInline: keepCase || /^[A-Z]{2}/.test(en) ? en : en.charAt(0).toLowerCase() + en.slice(1),
			theme,
			kind,
			keywords: keywords.split(',').map((word) => word.trim()),
			focus: parts as [string, string, string],
			skip: options?.skip ?? [],
		}
	})
}

/** The subjects of the catalogue; each course is one topic seen from one angle. */
export const TOPICS: Topic[] = [
	...topics('integriteit', 'general', [
		['Klokkenluidersregeling', 'Whistleblowing procedures', 'klokkenluider, melden, Huis voor Klokkenluiders', 'de meldprocedure; de bescherming van melders; het Huis voor Klokkenluiders'],
		['Lobby en belangenbehartiging', 'Lobbying and interest representation', 'lobby, transparantie, belangen', 'contacten met lobbyisten; transparantie over gesprekken; de draaideur'],
		['Integriteit', 'Integrity', 'integriteit, ethiek, gedragscode', "integriteitsdilemma's; de Gedragscode Integriteit Rijk; het melden van vermoedens van misstanden"],
		['Omgaan met nevenwerkzaamheden', 'Managing outside activities', 'nevenwerkzaamheden, nevenfuncties, belangenverstrengeling', 'het melden van nevenfuncties; de schijn van belangenverstrengeling; de rol van de leidinggevende'],
		['Moreel beraad', 'Moral deliberation', 'moreel beraad, ethiek, dilemma', 'het stappenplan voor moreel beraad; waarden die botsen; het gesprek over lastige keuzes'],
		['Aanspreekcultuur', 'A speak-up culture', 'aanspreken, feedback, cultuur', 'elkaar aanspreken op gedrag; sociale veiligheid; het geven en ontvangen van feedback'],
		['Sociale veiligheid', 'Psychological safety', 'sociale veiligheid, ongewenst gedrag, vertrouwenspersoon', 'ongewenst gedrag herkennen; de rol van de vertrouwenspersoon; een veilige teamcultuur'],
		['Omgaan met geschenken en uitnodigingen', 'Handling gifts and invitations', 'geschenken, uitnodigingen, gedragscode', 'de regels voor geschenken; uitnodigingen van externe partijen; transparantie en registratie'],
		['Fraudebewustzijn', 'Fraud awareness', 'fraude, fraudebewustzijn, signalen', 'signalen van fraude; fraudegevoelige processen; het melden van vermoedens'],
		['Ambtelijk vakmanschap', 'Civil service craftsmanship', 'ambtelijk vakmanschap, ambtseed, loyaliteit', 'de ambtseed; loyaliteit aan de minister; tegenspraak geven'],
		['Vertrouwensfuncties en screening', 'Positions of trust and security screening', 'vertrouwensfunctie, screening, veiligheidsonderzoek', 'het veiligheidsonderzoek; de eisen aan vertrouwensfuncties; omgaan met gevoelige informatie'],
		['Diversiteit en inclusie', 'Diversity and inclusion', 'diversiteit, inclusie, vooroordelen', 'onbewuste vooroordelen; inclusief werven; een inclusieve teamcultuur'],
	]),
	...topics('leiderschap', 'general', [
		['Leidinggeven aan professionals', 'Leading professionals', 'professionals, autonomie, vakmanschap', 'ruimte en richting geven; vakmanschap waarderen; sturen zonder te verstikken'],
		['Besluitvorming in teams', 'Team decision-making', 'besluitvorming, overleg, draagvlak', 'besluitvormingsmodellen; draagvlak en snelheid; het vastleggen van besluiten'],
		['Situationeel leidinggeven', 'Situational leadership', 'leiderschap, leiderschapsstijlen, situationeel', 'leiderschapsstijlen; de taakvolwassenheid van medewerkers; het afstemmen van uw stijl'],
		['Leidinggeven op afstand', 'Leading remote teams', 'leidinggeven, op afstand, hybride', 'vertrouwen en resultaatafspraken; verbinding in hybride teams; online overleggen'],
		['Ontwikkelgesprekken voeren', 'Holding development conversations', 'gesprekscyclus, ontwikkelgesprek, beoordeling', 'de gesprekscyclus; het ontwikkelgesprek; het brengen van lastige boodschappen', { skip: ['hybride'] }],
		['Verandermanagement', 'Change management', 'verandering, weerstand, reorganisatie', 'weerstand tegen verandering; het veranderverhaal; het begeleiden van reorganisaties'],
		['Coachend leidinggeven', 'Coaching leadership', 'coachen, leiderschap, eigenaarschap', 'coachende gespreksvaardigheden; eigenaarschap bij medewerkers; ontwikkeldoelen', { skip: ['coaching'] }],
		['Strategisch denken', 'Strategic thinking', 'strategie, visie, omgevingsanalyse', "de omgevingsanalyse; werken met scenario's; het vertalen van strategie naar teamdoelen"],
		['Duurzame inzetbaarheid', 'Sustainable employability', 'inzetbaarheid, verzuim, vitaliteit', 'verzuimpreventie; het gesprek over inzetbaarheid; loopbaanontwikkeling'],
		['Teamontwikkeling', 'Team development', 'team, teamdynamiek, samenwerking', 'de fasen van teamontwikkeling; teamrollen; samenwerken aan gezamenlijke doelen', { skip: ['teams'] }],
		['Resultaatgericht sturen', 'Managing for results', 'sturen, resultaat, kpi', 'heldere resultaatafspraken; sturen op kwaliteit en voortgang; managementinformatie'],
		['Publiek leiderschap', 'Public leadership', 'publiek leiderschap, bestuur, publieke waarden', 'werken in een politiek-bestuurlijke omgeving; het publieke belang; leiderschap en integriteit'],
	]),
	...topics('projectmanagement', 'general', [
		['Projectevaluatie en lessons learned', 'Project evaluation and lessons learned', 'evaluatie, lessons learned, retrospective', 'de projectevaluatie; de retrospective; kennis borgen'],
		["Werken met OKR's", 'Working with OKRs', 'OKR, doelen, kernresultaten', 'ambitieuze doelen; meetbare kernresultaten; de kwartaalcyclus'],
		['Ketensamenwerking', 'Chain collaboration', 'keten, samenwerking, ketenpartners', 'de ketenanalyse; afspraken met ketenpartners; gedeelde informatievoorziening'],
		['Projectmatig werken', 'Project-based working', 'project, projectplan, planning', "het projectplan; fasering en beslismomenten; risico's en issues"],
		['Agile werken', 'Agile working', 'agile, scrum, kanban', 'Scrum en Kanban; werken in sprints; de rol van de product owner'],
		['Stakeholdermanagement', 'Stakeholder management', 'stakeholders, belanghebbenden, omgevingsmanagement', 'de stakeholderanalyse; belangen in kaart brengen; strategieën voor samenwerking'],
		['Programmamanagement', 'Programme management', 'programma, portfolio, sturing', 'programmasturing; samenhang tussen projecten; rapporteren aan de opdrachtgever'],
		['Risicomanagement in projecten', 'Project risk management', 'risico, beheersmaatregel, risicoregister', 'het risicoregister; beheersmaatregelen; tijdig escaleren'],
		['Opdrachtgeverschap', 'Project sponsorship', 'opdrachtgever, governance, sturing', 'de rol van de opdrachtgever; heldere opdrachten formuleren; governance en escalatie'],
		['Projectplanning en -begroting', 'Project planning and budgeting', 'planning, begroting, mijlpalen', 'de mijlpalenplanning; de projectbegroting; voortgangsbewaking'],
		['Procesmanagement', 'Process management', 'processen, procesverbetering, lean', 'de procesanalyse; verspilling verminderen; procesindicatoren'],
	]),
	...topics('digitale-vaardigheden', 'general', [
		['Werken met open data', 'Working with open data', 'open data, datasets, hergebruik', 'data.overheid.nl; licenties en hergebruik; het publiceren van datasets'],
		['Informatiearchitectuur', 'Information architecture', 'architectuur, NORA, informatievoorziening', 'de NORA; informatiemodellen; de samenhang tussen systemen'],
		['Digitale basisvaardigheden', 'Basic digital skills', 'digitaal, basisvaardigheden, werkplek', 'werken in de digitale werkomgeving; veilig online werken; handige hulpmiddelen', { skip: ['ict', 'masterclass', 'gevorderd'] }],
		['Datageletterdheid', 'Data literacy', 'data, datageletterdheid, statistiek', 'data lezen en interpreteren; grafieken kritisch bekijken; datakwaliteit'],
		['Kunstmatige intelligentie', 'Artificial intelligence', 'AI, kunstmatige intelligentie, generatieve AI', 'generatieve AI; verantwoord gebruik van algoritmen; de AI-verordening'],
		['Digitaal samenwerken', 'Digital collaboration', 'samenwerken, online, documenten delen', 'online samenwerken in documenten; effectief online vergaderen; digitale afspraken in het team'],
		['Informatiehuishouding', 'Information management', 'archiveren, informatiehuishouding, Archiefwet', 'de Archiefwet; het vastleggen van besluiten; de vindbaarheid van informatie'],
		['Datavisualisatie', 'Data visualisation', 'visualisatie, dashboards, grafieken', 'de juiste grafiek kiezen; dashboards ontwerpen; verhalen vertellen met data'],
		['Digitale toegankelijkheid', 'Digital accessibility', 'toegankelijkheid, WCAG, inclusief', 'de WCAG-richtlijnen; toegankelijke documenten; schrijven voor iedereen'],
		['Verantwoord gebruik van algoritmen', 'Responsible use of algorithms', 'algoritmen, algoritmeregister, ethiek', 'het Algoritmeregister; bias en discriminatie; uitlegbaarheid'],
	]),
	...topics('digitale-vaardigheden', 'tool', [
		['Excel', 'Excel', 'excel, spreadsheet, draaitabellen', 'formules en functies; draaitabellen; grafieken', { keepCase: true }],
		['Word', 'Word', 'word, tekstverwerken, sjablonen', 'huisstijlsjablonen; lange documenten; samenwerken met revisies', { keepCase: true }],
		['PowerPoint', 'PowerPoint', 'powerpoint, presentatie, slides', 'een heldere opbouw; visuele slides; presenteren met de presentatieweergave', { keepCase: true }],
		['Outlook en agendabeheer', 'Outlook and calendar management', 'outlook, agenda, e-mail', "e-mail ordenen; gedeelde agenda's; regels en snelle stappen", { keepCase: true }],
		['Microsoft Teams', 'Microsoft Teams', 'teams, chat, online vergaderen', 'kanalen en chats; online vergaderen; bestanden delen', { keepCase: true, skip: ['teams'] }],
		['SharePoint', 'SharePoint', 'sharepoint, intranet, documentbeheer', 'teamsites; documentbibliotheken; rechten en delen', { keepCase: true }],
		['Power BI', 'Power BI', 'power bi, dashboards, rapportage', 'gegevens koppelen; rapporten bouwen; dashboards delen', { keepCase: true }],
		['Python voor data-analyse', 'Python for data analysis', 'python, pandas, data-analyse', 'pandas en notebooks; data opschonen; analyses reproduceerbaar maken', { keepCase: true }],
		['SQL', 'SQL', 'sql, databases, query', 'selecteren en filteren; tabellen koppelen; aggregeren'],
		['Digitaal vergaderen met Webex', 'Meeting online with Webex', 'webex, online vergaderen, videobellen', 'een vergadering organiseren; breakout-ruimtes; veilig vergaderen'],
	]),
	...topics('informatiebeveiliging-privacy', 'general', [
		['Veilig mailen en bestanden delen', 'Secure e-mail and file sharing', 'beveiligd mailen, bestanden delen, vertrouwelijk', 'beveiligd mailen; veilig bestanden delen met externen; vertrouwelijke bijlagen'],
		['Informatiebeveiliging bij uitbesteding', 'Security in outsourcing', 'leveranciers, uitbesteding, beveiligingseisen', "beveiligingseisen in contracten; leveranciersaudits; ketenrisico's"],
		['BIO: informatiebeveiliging', 'BIO information security', 'BIO, informatiebeveiliging, beveiligingsincident', 'de Baseline Informatiebeveiliging Overheid; veilig omgaan met informatie; het melden van beveiligingsincidenten'],
		['AVG', 'GDPR', 'AVG, privacy, persoonsgegevens', 'de grondslagen voor verwerking; de rechten van betrokkenen; datalekken'],
		['Phishing en social engineering', 'Phishing and social engineering', 'phishing, social engineering, bewustwording', 'het herkennen van phishingmails; manipulatietechnieken; wat te doen na een verkeerde klik'],
		['Privacy by design', 'Privacy by design', 'privacy, DPIA, dataminimalisatie', 'de DPIA; dataminimalisatie; privacy in projecten'],
		['Veilig thuiswerken', 'Working securely from home', 'thuiswerken, beveiliging, wachtwoorden', 'veilige wachtwoorden en MFA; werken op openbare netwerken; vertrouwelijke gesprekken', { skip: ['hybride'] }],
		['Omgaan met gerubriceerde informatie', 'Handling classified information', 'rubricering, staatsgeheim, Departementaalvertrouwelijk', 'de rubriceringsniveaus; Departementaalvertrouwelijk; veilig delen en vernietigen'],
		['Cybersecurity', 'Cybersecurity', 'cybersecurity, dreigingen, incidentrespons', 'actuele cyberdreigingen; incidentrespons; de rol van het CSIRT'],
		['Datalekken voorkomen en melden', 'Preventing and reporting data breaches', 'datalek, meldplicht, Autoriteit Persoonsgegevens', 'wat een datalek is; de meldplicht; de rol van de functionaris gegevensbescherming'],
	]),
	...topics('communicatie', 'general', [
		['Storytelling', 'Storytelling', 'verhaal, storytelling, overtuigen', 'de opbouw van een verhaal; beelden en voorbeelden; overtuigen met een verhaal'],
		['Gesprekstechnieken', 'Conversation techniques', 'gesprekstechniek, luisteren, doorvragen', 'actief luisteren; doorvragen; samenvatten'],
		['Social media voor de overheid', 'Social media for government', 'social media, webcare, online', 'webcare; de online reputatie; de spelregels voor ambtenaren op social media'],
		['Schrijven voor het web', 'Writing for the web', 'webteksten, schrijven, zoekwoorden', 'scanbare teksten; zoekwoorden; schrijven op B1-niveau'],
		['Helder schrijven', 'Plain language writing', 'B1, taalniveau, brieven', 'schrijven op taalniveau B1; heldere brieven; actief schrijven'],
		['Presenteren', 'Presenting', 'presenteren, presentatie, spreken', 'de opbouw van een presentatie; omgaan met zenuwen; spreken zonder slides'],
		['Vergaderingen effectief leiden', 'Chairing meetings effectively', 'vergaderen, voorzitten, agenda', 'een goede agenda; het gesprek sturen; heldere besluiten en actiepunten'],
		['Onderhandelen', 'Negotiating', 'onderhandelen, Harvard-methode, belangen', 'belangen versus posities; de Harvard-methode; omgaan met druk'],
		['Mediatraining', 'Media training', 'media, interview, woordvoering', 'het interview; kernboodschappen; omgaan met kritische vragen'],
		['Omgaan met agressie', 'Dealing with aggression', 'agressie, geweld, de-escalatie', 'signalen van agressie; de-escalerende gesprekstechnieken; nazorg na een incident'],
		['Adviesvaardigheden', 'Advisory skills', 'adviseren, advies, gesprekstechniek', 'de adviescyclus; vraagverheldering; overtuigend adviseren', { skip: ['adviseurs'] }],
		['Klantgericht communiceren', 'Customer-focused communication', 'klantcontact, burgers, ondernemers', 'communiceren met burgers en ondernemers; slecht nieuws brengen; klachten afhandelen'],
		['Crisiscommunicatie', 'Crisis communication', 'crisis, woordvoering, communicatie', 'de eerste uren van een crisis; feitelijke en tijdige informatie; sociale media bij crises'],
		['Zakelijk Engels', 'Business English', 'Engels, English, schrijven', 'e-mails en notities in het Engels; vergaderen in het Engels; presenteren in het Engels'],
	]),
	...topics('juridisch', 'general', [
		['Privaatrecht voor de overheid', 'Private law for government', 'privaatrecht, aansprakelijkheid, overeenkomsten', 'de aansprakelijkheid van de overheid; overeenkomsten; de onrechtmatige daad'],
		['Omgevingswet', 'Environment and Planning Act', 'Omgevingswet, vergunningen, omgevingsplan', 'het stelsel van de Omgevingswet; vergunningverlening; participatie bij projecten', { keepCase: true }],
		['Werken met de Woo', 'Working with the Open Government Act', 'Woo, openbaarheid, Wet open overheid', 'het behandelen van Woo-verzoeken; actieve openbaarmaking; de weigeringsgronden'],
		['Algemene wet bestuursrecht', 'General Administrative Law Act', 'Awb, bestuursrecht, beschikking', 'besluiten en beschikkingen; de bezwaarprocedure; de algemene beginselen van behoorlijk bestuur', { keepCase: true }],
		['Wetgeving schrijven', 'Legislative drafting', 'wetgeving, regelgeving, wetgevingsproces', 'de Aanwijzingen voor de regelgeving; de wetgevingsprocedure; internetconsultatie'],
		['Bezwaar en beroep', 'Objection and appeal', 'bezwaar, beroep, hoorzitting', 'de hoorzitting; de beslissing op bezwaar; het beroep bij de rechter'],
		['Europees recht', 'EU law', 'EU, Europees recht, staatssteun', 'de werking van EU-richtlijnen; de staatssteunregels; de implementatie in Nederlandse wetgeving'],
		['Aanbestedingsrecht', 'Procurement law', 'aanbesteden, inkoop, Aanbestedingswet', 'de Aanbestedingswet; aanbestedingsprocedures; gunningscriteria'],
		['Contractmanagement', 'Contract management', 'contracten, leveranciers, contractbeheer', 'het contractbeheer; leveranciersgesprekken; geschillen voorkomen'],
		['Handhavingsrecht', 'Enforcement law', 'handhaving, bestuurlijke boete, last onder dwangsom', 'de bestuurlijke boete; de last onder dwangsom; zorgvuldige besluitvorming'],
		['Mededingingsrecht', 'Competition law', 'mededinging, kartels, marktmacht', 'kartelafspraken; misbruik van een machtspositie; concentratietoezicht'],
		['Staatsrecht', 'Constitutional law', 'Grondwet, staatsrecht, ministeriële verantwoordelijkheid', 'de ministeriële verantwoordelijkheid; de verhouding tussen regering en parlement; grondrechten'],
	]),
	...topics('financien', 'general', [
		['Prestatie-indicatoren', 'Performance indicators', 'indicatoren, prestaties, sturingsinformatie', 'het kiezen van indicatoren; het meten van prestaties; sturen met informatie'],
		['Btw en de overheid', 'VAT and government', 'btw, fiscaal, btw-compensatiefonds', "btw op inkopen; het btw-compensatiefonds; fiscale risico's"],
		['Rijksbegroting', 'The central government budget', 'begroting, rijksbegroting, Comptabiliteitswet', 'de begrotingscyclus; de Comptabiliteitswet; Prinsjesdag en de Voorjaarsnota'],
		['Financieel beheer', 'Financial management', 'financieel beheer, rechtmatigheid, controle', 'rechtmatigheid en doelmatigheid; de rol van de controller; financiële rapportages'],
		['Subsidieverlening', 'Grant management', 'subsidie, subsidieregeling, verantwoording', 'het subsidiekader; het beoordelen van aanvragen; vaststellen en verantwoorden'],
		['Financiële kennis voor niet-financials', 'Finance for non-financial staff', 'financiën, begroting, kosten', 'de financiële basisbegrippen; begroting en realisatie; het lezen van financiële stukken', { skip: ['controllers', 'masterclass'] }],
		['Kosten-batenanalyse', 'Cost-benefit analysis', 'MKBA, kosten, baten', 'de maatschappelijke kosten-batenanalyse; het nulalternatief; het omgaan met onzekerheden'],
		['Inkopen bij het Rijk', 'Government procurement', 'inkoop, bestellen, inkoopproces', 'het inkoopproces; de rijksbrede inkoopcategorieën; integriteit bij inkoop'],
		['Interne beheersing', 'Internal control', 'interne controle, risico, audit', "het three-lines-model; risico's beheersen; het opvolgen van auditbevindingen"],
		['Business cases opstellen', 'Writing business cases', 'business case, investering, besluitvorming', 'kosten en baten in beeld; het vergelijken van alternatieven; de business case presenteren'],
	]),
	...topics('persoonlijke-effectiviteit', 'general', [
		['Assertiviteit', 'Assertiveness', 'assertiviteit, grenzen, nee zeggen', 'nee zeggen; voor uzelf opkomen; omgaan met kritiek'],
		['Mindfulness', 'Mindfulness', 'mindfulness, aandacht, ontspanning', 'aandachtstraining; omgaan met piekeren; rust in een drukke werkweek'],
		['Timemanagement', 'Time management', 'timemanagement, prioriteren, planning', 'prioriteren; omgaan met onderbrekingen; realistisch plannen'],
		['Omgaan met werkdruk', 'Managing workload', 'werkdruk, stress, energie', 'signalen van stress; grenzen stellen; energiegevers en energievreters'],
		['Effectief samenwerken', 'Effective collaboration', 'samenwerken, teamrollen, afspraken', 'samenwerkingsstijlen; heldere afspraken; conflicten bespreekbaar maken'],
		['Persoonlijk leiderschap', 'Personal leadership', 'persoonlijk leiderschap, reflectie, drijfveren', 'uw eigen waarden en drijfveren; zelfreflectie; regie op uw loopbaan'],
		['Creatief denken', 'Creative thinking', 'creativiteit, ideeën, innovatie', 'technieken om ideeën te genereren; divergeren en convergeren; ideeën uitwerken tot voorstellen'],
		['Loopbaanontwikkeling', 'Career development', 'loopbaan, mobiliteit, ontwikkeling', 'uw talenten in kaart; mobiliteit binnen het Rijk; een persoonlijk ontwikkelplan'],
		['Feedback geven en ontvangen', 'Giving and receiving feedback', 'feedback, gesprek, reflectie', 'de feedbackregels; reageren op kritiek; feedback vragen'],
		['Veerkracht', 'Resilience', 'veerkracht, stress, vitaliteit', 'omgaan met tegenslag; herstel en ontspanning; mentale fitheid'],
		['Conflicthantering', 'Conflict management', 'conflict, bemiddeling, gesprek', 'conflictstijlen; escalatie voorkomen; het bemiddelende gesprek'],
		['Netwerken', 'Networking', 'netwerken, relaties, contacten', 'uw netwerk in kaart; netwerkgesprekken; netwerken binnen het Rijk'],
	]),
	...topics('toezicht-handhaving', 'general', [
		['Toezicht op gedrag en cultuur', 'Supervising behaviour and culture', 'gedrag, cultuur, toezicht', 'gedragstoezicht; cultuur als risicofactor; het gesprek met de top'],
		['Datagedreven toezicht', 'Data-driven supervision', 'datagedreven, toezicht, algoritmen', 'datagedreven selectie; signaaltoezicht; de juridische grenzen'],
		['Fytosanitair toezicht', 'Plant health inspection', 'plantgezondheid, fytosanitair, import', 'importinspecties; quarantaineorganismen; exportcertificering'],
		['Risicogericht toezicht', 'Risk-based supervision', 'risicogericht, toezicht, inspectie', 'de risicoanalyse; het prioriteren van inspecties; toezichtsarrangementen'],
		['Inspecteren en rapporteren', 'Inspection and reporting', 'inspectie, rapport, bevindingen', 'een inspectie voorbereiden; bevindingen vastleggen; een zorgvuldig rapport'],
		['Interventiestrategieën', 'Intervention strategies', 'interventie, handhaving, naleving', 'de interventieladder; nalevingsbevordering; sancties'],
		['Gespreksvoering bij inspecties', 'Interviewing during inspections', 'gesprekstechniek, inspectie, verhoor', 'open vragen stellen; weerstand hanteren; het afsluitende gesprek'],
		['Opsporingsbevoegdheden', 'Investigative powers', "boa, opsporing, proces-verbaal", 'de bevoegdheden van de boa; het proces-verbaal; de samenwerking met het OM'],
		['Voedselveiligheid', 'Food safety', 'voedselveiligheid, HACCP, hygiëne', 'HACCP; hygiënecodes; terugroepacties'],
		['Dierenwelzijn', 'Animal welfare', 'dierenwelzijn, diertransport, Wet dieren', 'dierenwelzijn bij transport; toezicht in slachthuizen; de Wet dieren'],
		['Markttoezicht', 'Market surveillance', 'markttoezicht, consumenten, productveiligheid', 'productveiligheid; consumentenbescherming; samenwerking met Europese toezichthouders'],
		['Toezicht op mijnbouw', 'Supervision of mining', 'mijnbouw, gaswinning, geothermie', 'gaswinning en aardbevingen; zoutwinning en geothermie; veiligheidscases'],
		['Emissiehandel', 'Emissions trading', 'ETS, emissierechten, CO2', 'het Europese emissiehandelssysteem; monitoring en verificatie; naleving en boetes'],
		['Toezicht op de digitale infrastructuur', 'Supervision of digital infrastructure', 'frequenties, telecom, storingen', 'frequentiebeheer; storingsonderzoek; de weerbaarheid van netwerken'],
		['Samenwerken tussen inspecties', 'Cooperation between inspectorates', 'inspectieraad, samenwerking, informatiedeling', 'de Inspectieraad; gezamenlijke inspecties; het delen van informatie'],
	]),
	...topics('beleid-politiek', 'general', [
		["Scenario's en toekomstverkenning", 'Scenarios and foresight', "scenario's, toekomst, strategie", "trends en onzekerheden; het ontwikkelen van scenario's; robuust beleid"],
		['Uitvoerbaarheid van beleid', 'Feasibility of policy', 'uitvoeringstoets, regeldruk, uitvoerbaarheid', 'de uitvoeringstoets; regeldrukeffecten; het gesprek met uitvoeringsorganisaties'],
		['Politieke sensitiviteit', 'Political awareness', 'politiek, bestuurlijke sensitiviteit, krachtenveld', 'het krachtenveld; de ambtelijke rol; het anticiperen op politieke vragen'],
		["Nota's voor de bewindspersoon", 'Briefing notes for ministers', 'nota, bewindspersoon, beslisnota', 'de beslisnota; kernachtig adviseren; de lijn naar de bewindspersoon'],
		['Kamerbrieven en Kamervragen', 'Parliamentary letters and questions', 'Kamerbrief, Kamervragen, parlement', 'de beantwoording van Kamervragen; de opbouw van een Kamerbrief; termijnen en procedures', { keepCase: true }],
		['Beleidsevaluatie', 'Policy evaluation', 'evaluatie, doeltreffendheid, doelmatigheid', 'de beleidstheorie; doeltreffendheid en doelmatigheid; periodieke rapportages'],
		['Beleid maken', 'Making policy', 'beleidscyclus, agendavorming, beleid', 'de beleidscyclus; agendavorming; het Integraal Afwegingskader'],
		['Gedragsinzichten in beleid', 'Behavioural insights in policy', 'gedrag, nudging, gedragsinzichten', 'de gedragsanalyse; nudging; het doenvermogen van burgers'],
		['Werken met de Europese Unie', 'Working with the European Union', 'EU, Brussel, onderhandelingen', "de Europese besluitvorming; de Nederlandse inzet in Brussel; BNC-fiches"],
		['Interbestuurlijk werken', 'Intergovernmental relations', 'gemeenten, provincies, medeoverheden', 'de rol van gemeenten en provincies; bestuurlijk overleg; decentralisatie'],
		['Participatie', 'Public participation', 'participatie, burgers, draagvlak', 'vormen van participatie; draagvlak creëren; participatie bij beleid'],
		['Klimaat- en energiebeleid', 'Climate and energy policy', 'klimaat, energietransitie, beleid', 'de Klimaatwet; de energietransitie; de verduurzaming van de industrie'],
		['Interdepartementale coördinatie', 'Interdepartmental coordination', 'coördinatie, interdepartementaal, ministerraad', 'de coördinatie tussen departementen; de ministerraad en onderraden; afstemming in de keten'],
	]),
	...topics('gezondheid-veiligheid', 'general', [
		['Brandveiligheid', 'Fire safety', 'brandveiligheid, brandpreventie, ontruimingsplan', 'brandpreventie; het ontruimingsplan; blusmiddelen'],
		['Verkeersveiligheid en dienstreizen', 'Road safety and business travel', 'rijvaardigheid, dienstauto, reizen', 'veilig rijden in de dienstauto; vermoeidheid en afleiding; reizen naar het buitenland'],
		['Crisisbeheersing', 'Crisis management', 'crisis, crisisteam, oefenen', "de crisisorganisatie; besluiten onder tijdsdruk; oefenen met scenario's"],
		['Veilig werken in het veld', 'Working safely in the field', 'veiligheid, veldwerk, persoonlijke beschermingsmiddelen', "persoonlijke beschermingsmiddelen; risico's op locatie; alleen werken"],
		['Gezond werken', 'Healthy working', 'ergonomie, werkplek, bewegen', 'een goede werkplekinstelling; bewegen tijdens het werk; klachten voorkomen'],
		['Mentale gezondheid', 'Mental health', 'mentale gezondheid, burn-out, psychische klachten', 'signalen van burn-out; het gesprek over mentale gezondheid; hulp en ondersteuning'],
		['Werken met gevaarlijke stoffen', 'Working with hazardous substances', 'gevaarlijke stoffen, etikettering, blootstelling', 'etikettering; opslag en transport; blootstelling'],
		['Risico-inventarisatie en -evaluatie', 'Risk assessment at work', 'RI&E, arbo, risico', 'het opstellen van een RI&E; het plan van aanpak; de arbowetgeving'],
		['Veiligheidscultuur', 'Safety culture', 'veiligheidscultuur, incidenten, leren', 'leren van incidenten; veiligheidsbewustzijn; de veiligheidsladder'],
		['Biologische veiligheid in het laboratorium', 'Biosafety in the laboratory', 'biosafety, laboratorium, hygiëne', 'inperkingsniveaus; veilig werken met monsters; afvalverwerking'],
	]),
	...topics('projectmanagement', 'certificate', [
		['Projectmanagement volgens PRINCE2 Foundation', 'PRINCE2 Foundation project management', 'PRINCE2, projectmanagement, certificaat', "de zeven principes; de thema's en processen; het Foundation-examen"],
		['PRINCE2 Practitioner', 'PRINCE2 Practitioner', 'PRINCE2, practitioner, certificaat', 'het toepassen van de methode; tailoring; het Practitioner-examen'],
		['Scrum Master (PSM I)', 'Scrum Master (PSM I)', 'scrum, scrum master, certificaat', 'de Scrum Guide; de rol van de Scrum Master; het PSM I-assessment', { keepCase: true }],
		['Lean Six Sigma Green Belt', 'Lean Six Sigma Green Belt', 'lean, six sigma, procesverbetering', 'de DMAIC-methode; statistische procesbeheersing; een verbeterproject', { keepCase: true }],
	]),
	...topics('digitale-vaardigheden', 'certificate', [
		['ITIL 4 Foundation', 'ITIL 4 Foundation', 'ITIL, servicemanagement, certificaat', 'het service value system; de ITIL-practices; het Foundation-examen'],
	]),
	...topics('informatiebeveiliging-privacy', 'certificate', [
		['ISO 27001 Foundation', 'ISO 27001 Foundation', 'ISO 27001, informatiebeveiliging, certificaat', 'het managementsysteem voor informatiebeveiliging; de beheersmaatregelen; het examen'],
		['Certified Information Privacy Professional (CIPP/E)', 'Certified Information Privacy Professional (CIPP/E)', 'privacy, CIPP/E, certificaat', 'de Europese privacywetgeving; de rol van toezichthouders; het IAPP-examen', { keepCase: true }],
	]),
	...topics('gezondheid-veiligheid', 'certificate', [
		['Bedrijfshulpverlening (BHV)', 'Company emergency response (BHV)', 'BHV, bedrijfshulpverlening, ontruiming', 'eerste hulp; brand bestrijden; ontruimen'],
		['Reanimatie en AED', 'CPR and AED', 'reanimatie, AED, eerste hulp', 'het herkennen van een circulatiestilstand; reanimeren; het gebruik van de AED'],
		['VCA Basisveiligheid', 'VCA basic safety', 'VCA, veiligheid, certificaat', 'veilig werken; wetgeving over arbeidsomstandigheden; het VCA-examen'],
	]),
]
