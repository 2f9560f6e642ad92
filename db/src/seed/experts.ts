import { sql } from 'drizzle-orm'
import type { Database } from '../client.ts'

// Demo experts (issue 20, item 1; ADR 048): in every unit, six active people who are not demo
// personas (the first by employee number, so the same seed picks the same people) make themselves
// available on common themes, one profile each from the list below; the sixth of each unit has
// paused. Each declares the profile's competencies and, when their passport shows one valid, the
// first of those (by name), so the directory shows verified competencies beside self-declared ones.

type Profile = { themes: string[]; competencies: string[]; description: string }

const PROFILES: Profile[] = [
	{
		themes: ['informatiebeveiliging-privacy'],
		competencies: ['Privacy en AVG', 'Informatiebeveiliging (BIO)'],
		description: 'Vragen over de AVG, een DPIA of het melden van een datalek? Ik denk mee over persoonsgegevens in uw werk en over de BIO.',
	},
	{
		themes: ['projectmanagement', 'persoonlijke-effectiviteit'],
		competencies: ['Projectmatig werken'],
		description: 'Ervaren projectleider (Prince2, Agile). Ik help bij het opzetten van een projectplan, het inrichten van een stuurgroep en het plannen van mijlpalen.',
	},
	{
		themes: ['integriteit', 'leiderschap'],
		competencies: ['Integriteit en ambtseed', 'Integer leidinggeven'],
		description: 'Vertrouwenspersoon integriteit. Bespreek een dilemma vertrouwelijk met mij, of vraag hoe u een moreel beraad met uw team organiseert.',
	},
	{
		themes: ['juridisch', 'beleid-politiek'],
		competencies: ['Woo-verzoeken afhandelen', 'Wetgevingskwaliteit'],
		description: 'Jurist bestuursrecht. Ik help bij Woo-verzoeken, bezwaarschriften en het schrijven van een besluit dat standhoudt.',
	},
	{
		themes: ['digitale-vaardigheden', 'communicatie'],
		competencies: ['Toegankelijkheid (WCAG)', 'Data-analyse met Python'],
		description: 'Ik leer collega’s werken met Excel, Power BI en Python, en help bij toegankelijke documenten en webpagina’s.',
	},
	{
		themes: ['gezondheid-veiligheid'],
		competencies: ['Bedrijfshulpverlening (BHV)', 'Eerste hulp (EHBO)'],
		description: 'BHV-coördinator van onze locatie. Vragen over ontruimen, EHBO-cursussen of een veilige werkplek? Loop gerust binnen.',
	},
]

export async function writeExperts(db: Database, now: Date) {
	const at = now.toISOString()
	const profiles = JSON.stringify(PROFILES.map((profile, index) => ({ ...profile, position: index + 1 })))
	await db.execute(sql`
		create temporary table seed_experts on commit drop as
		with chosen as (
			select u.id as user_id, u.tenant_id, u.name,
				row_number() over (partition by u.tenant_id order by u.employee_number) as position
			from users u
			where u.active and u.email not like 'demo.%'
		)
		select c.user_id, c.tenant_id, c.name, c.position, p.description, p.themes, p.competencies
		from chosen c
		join jsonb_to_recordset(${profiles}::jsonb) as p(position int, description text, themes text[], competencies text[]) on p.position = c.position`)
	await db.execute(sql`
		insert into experts (tenant_id, user_id, description, contact, paused_at, created_at, updated_at)
		select tenant_id, user_id, description, 'Teams of chat: ' || name, case when position = 6 then ${at}::timestamptz end, ${at}::timestamptz, ${at}::timestamptz
		from seed_experts`)
	await db.execute(sql`
		insert into expert_themes (tenant_id, user_id, theme_id)
		select e.tenant_id, e.user_id, t.id from seed_experts e join themes t on t.slug = any(e.themes)`)
	await db.execute(sql`
		insert into expert_competencies (tenant_id, user_id, competency_id)
		select e.tenant_id, e.user_id, c.id from seed_experts e join competencies c on c.name = any(e.competencies) and c.active
		union
		select e.tenant_id, e.user_id, (
			select ps.competency_id from passport_status ps join competencies c on c.id = ps.competency_id
			where ps.user_id = e.user_id and ps.status in ('green', 'orange') and c.active order by c.name limit 1)
		from seed_experts e
		where exists (select 1 from passport_status ps where ps.user_id = e.user_id and ps.status in ('green', 'orange'))`)
}
