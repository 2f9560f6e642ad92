// The quality passport's demo competencies (issue 15): what inspectors, supervisors, advisers and
// managers of a ministry must hold. `months` null: never expires. `everyone`: a concern-wide
// requirement for all employees; `managers`: for the concern's management job profiles by name.
// `levels`: the competency's ordered levels, lowest first (ADR 031, addendum on levels) — a tool
// skill, a method with its certificates, a craft learned on the job; the others have none.

export type CompetencyContent = {
	name: string
	description: string
	months: number | null
	warningDays: number
	basis: 'expiry' | 'completion'
	everyone?: true
	managers?: true
	recent?: true
	levels?: readonly string[]
}

const BASIS_GEVORDERD_EXPERT = ['Basis', 'Gevorderd', 'Expert'] as const

export const COMPETENCIES: readonly CompetencyContent[] = [
	{ name: 'Integriteit en ambtseed', description: 'Kent de gedragscode integriteit Rijk en heeft de eed of belofte afgelegd.', months: null, warningDays: 0, basis: 'expiry', everyone: true },
	{ name: 'Informatiebeveiliging (BIO)', description: 'Werkt volgens de Baseline Informatiebeveiliging Overheid.', months: 12, warningDays: 60, basis: 'expiry', everyone: true },
	{ name: 'Privacy en AVG', description: 'Gaat zorgvuldig om met persoonsgegevens.', months: 24, warningDays: 60, basis: 'expiry', everyone: true },
	{ name: 'Veilig thuiswerken', description: 'Werkt veilig op afstand met rijksmiddelen.', months: 24, warningDays: 30, basis: 'completion', everyone: true, recent: true },
	{ name: 'Integer leidinggeven', description: 'Bespreekt dilemma’s en handelt meldingen van vermoedens van misstanden af.', months: 36, warningDays: 90, basis: 'expiry', managers: true },
	{ name: 'Verzuimbegeleiding', description: 'Begeleidt verzuim volgens de Wet verbetering poortwachter.', months: 36, warningDays: 90, basis: 'expiry', managers: true },
	{ name: 'Bedrijfshulpverlening (BHV)', description: 'Verleent eerste hulp, bestrijdt een beginnende brand en ontruimt.', months: 12, warningDays: 60, basis: 'expiry' },
	{ name: 'Eerste hulp (EHBO)', description: 'Verleent eerste hulp bij ongelukken.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Reanimatie en AED', description: 'Reanimeert en gebruikt een AED.', months: 12, warningDays: 30, basis: 'expiry' },
	{ name: 'Ploegleider ontruiming', description: 'Leidt de ontruiming van een verdieping.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Inspectietechnieken', description: 'Bereidt een inspectie voor, voert haar uit en legt haar vast.', months: 36, warningDays: 90, basis: 'expiry', levels: BASIS_GEVORDERD_EXPERT },
	{ name: 'Monsterneming levensmiddelen', description: 'Neemt monsters volgens de voorschriften, met een sluitende keten.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Monsterneming diervoeder', description: 'Neemt monsters van diervoeder volgens de voorschriften.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Handhavingsrecht', description: 'Past de Algemene wet bestuursrecht toe bij handhaving.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Buitengewoon opsporingsambtenaar (boa)', description: 'Heeft de boa-bevoegdheid en houdt haar bij.', months: 60, warningDays: 120, basis: 'expiry' },
	{ name: 'Boa permanente her- en bijscholing', description: 'Volgt de verplichte jaarlijkse bijscholing voor boa’s.', months: 12, warningDays: 60, basis: 'completion' },
	{ name: 'Proces-verbaal opmaken', description: 'Maakt een rechtsgeldig proces-verbaal op.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Geweldsbeheersing', description: 'Beheerst agressie en geweld bij toezicht.', months: 12, warningDays: 60, basis: 'expiry' },
	{ name: 'Omgaan met agressie', description: 'Herkent agressie aan de balie en de telefoon en de-escaleert.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Dierenwelzijn in de praktijk', description: 'Beoordeelt dierenwelzijn bij transport en slacht.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Gevaarlijke stoffen', description: 'Werkt veilig in de buurt van gevaarlijke stoffen.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'VCA Basisveiligheid', description: 'Werkt veilig op locaties met verhoogd risico.', months: 120, warningDays: 180, basis: 'completion' },
	{ name: 'Wetgevingskwaliteit', description: 'Schrijft wetgeving volgens de Aanwijzingen voor de regelgeving.', months: null, warningDays: 0, basis: 'expiry' },
	{ name: 'Woo-verzoeken afhandelen', description: 'Handelt verzoeken op grond van de Wet open overheid af.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Subsidierecht', description: 'Past titel 4.2 Awb toe bij subsidies.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Fraudebewust werken', description: 'Herkent signalen van misbruik en oneigenlijk gebruik.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Klantcontact en klachtbehandeling', description: 'Behandelt klachten volgens de Awb.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Projectmatig werken', description: 'Leidt een project volgens een erkende methode.', months: null, warningDays: 0, basis: 'expiry', levels: ['Foundation', 'Practitioner'] },
	{ name: 'Secure coding', description: 'Programmeert volgens de OWASP-richtlijnen.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Incidentrespons', description: 'Handelt beveiligingsincidenten af volgens het draaiboek.', months: 12, warningDays: 60, basis: 'expiry' },
	{ name: 'Cloudbeheer rijksbreed', description: 'Beheert rijksclouddiensten veilig.', months: 24, warningDays: 60, basis: 'expiry' },
	{ name: 'Toegankelijkheid (WCAG)', description: 'Bouwt en toetst digitale diensten op toegankelijkheid.', months: 36, warningDays: 90, basis: 'expiry', levels: ['Bewust', 'Toetser', 'Expert-toetser'] },
	{ name: 'Mededingingsrecht', description: 'Beoordeelt afspraken en concentraties naar mededingingsrecht.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Economisch toezicht', description: 'Analyseert markten en onderbouwt een toezichtsbesluit.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Data-analyse met Python', description: 'Analyseert gegevens reproduceerbaar.', months: null, warningDays: 0, basis: 'expiry', levels: BASIS_GEVORDERD_EXPERT },
	{ name: 'Auditing en interne beheersing', description: 'Voert een audit uit volgens de IIA-standaarden.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Crisisbeheersing', description: 'Werkt in een crisisorganisatie volgens het rijksbrede handboek.', months: 12, warningDays: 60, basis: 'expiry' },
	{ name: 'Rijksbrede inkoop en aanbesteden', description: 'Koopt in volgens de Aanbestedingswet.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Gespreksvoering in toezicht', description: 'Voert lastige gesprekken bij inspectie en handhaving.', months: 36, warningDays: 90, basis: 'expiry' },
	{ name: 'Financieel beheer Rijk', description: 'Werkt volgens de Comptabiliteitswet en de rijksbegrotingsvoorschriften.', months: 36, warningDays: 90, basis: 'expiry' },
]
