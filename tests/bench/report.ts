import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

export const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url))

const HEADER = `# Benchmarks

Measured with \`npm run bench\` (all) or \`npm run bench -- <id>\` (one), on a fresh copy of a
PostgreSQL database seeded at the \`large\` scale (50,000 courses, 14,000 employees, 100,000
sessions, ~1,000,000 enrolments). The load generator (autocannon) runs on the same machine as
the portal and PostgreSQL, so it takes a share of the same cores. Each section says when and
where it was measured; \`tests/bench/README.md\` explains how.
`

export type Section = { id: string; title: string; body: string; machine: string; measuredAt: Date; scale: string }

/** Puts one benchmark's section into BENCHMARKS.md, replacing its previous figures and keeping the others. */
export function writeSection(section: Section, file = BENCHMARKS_FILE) {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER
	const start = `<!-- bench:${section.id} -->`
	const end = `<!-- /bench:${section.id} -->`
	const block = [
		start,
		`## ${section.title}`,
		'',
		`Measured ${section.measuredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on the \`${section.scale}\` seed, on ${section.machine}.`,
		'',
		section.body.trim(),
		end,
	].join('\n')
	const from = current.indexOf(start)
	const to = current.indexOf(end)
	const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`
	writeFileSync(file, next)
}

/** The machine, in one line: what the figures depend on. */
export function describeMachine(postgresVersion: string): string {
	const cpu = cpus()
	return `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${postgresVersion}`
}

/** A Markdown table from a header row and data rows. */
export function table(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}
