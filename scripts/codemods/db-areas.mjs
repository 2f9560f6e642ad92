#!/usr/bin/env node
// Moves every import from the root of @leerplein/db to the area that exports the name
// (`@leerplein/db/catalogue`, `/enrolment`, …), then, with --finish, drops the root's transitional
// area re-exports. Which area a name belongs to is read from db/package.json's exports map and the
// area modules themselves, so the script stays right as areas grow.
//
//   node scripts/codemods/db-areas.mjs [--dry-run] [--finish] [dir …]   (dirs default to app tests)
//
// Imports of one module are merged into one declaration (type-only when every name is a type); a
// name no area exports stays on the root. --finish refuses while any file still takes an area's
// name from the root.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const repo = join(import.meta.dirname, '..', '..')
const ROOT = '@leerplein/db'
const BEGIN = '// BEGIN area re-exports'
const END = '// END area re-exports'

const args = process.argv.slice(2)
const dryRun = args.includes('--dry-run')
const finish = args.includes('--finish')
const dirs = args.filter((a) => !a.startsWith('--'))
if (dirs.length === 0) dirs.push('app', 'tests')

const owners = areaOfEachName()
let changed = 0
let leftOnRoot = 0
for (const file of dirs.flatMap((dir) => sourceFiles(join(repo, dir)))) {
	const before = readFileSync(file, 'utf8')
	const { text, warnings, remaining } = rewrite(file, before)
	for (const warning of warnings) console.warn(`${relative(repo, file)}: ${warning}`)
	leftOnRoot += remaining
	if (text === before) continue
	changed++
	console.log(`${dryRun ? 'would rewrite' : 'rewrote'} ${relative(repo, file)}`)
	if (!dryRun) writeFileSync(file, text)
}
console.log(`${changed} file(s) ${dryRun ? 'to rewrite' : 'rewritten'}`)

if (finish) {
	if (dryRun || leftOnRoot > 0) {
		console.error(dryRun ? 'not finishing in a dry run' : `not finishing: ${leftOnRoot} import(s) still take an area's name from ${ROOT}`)
		process.exit(1)
	}
	dropRootReexports()
}

/** name → module specifier, from the exports map: every `./<area>` face except the root and the non-query faces. */
function areaOfEachName() {
	const dbDir = join(repo, 'db')
	const { exports } = JSON.parse(readFileSync(join(dbDir, 'package.json'), 'utf8'))
	const faces = Object.entries(exports).filter(([key]) => !['.', './client', './seed', './testing'].includes(key))
	const program = ts.createProgram(
		faces.map(([, path]) => join(dbDir, path)),
		{ allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 },
	)
	const checker = program.getTypeChecker()
	const owner = new Map()
	for (const [key, path] of faces) {
		const module = checker.getSymbolAtLocation(program.getSourceFile(join(dbDir, path)))
		for (const symbol of checker.getExportsOfModule(module)) {
			const specifier = `${ROOT}/${key.slice(2)}`
			if (owner.has(symbol.name)) throw new Error(`${symbol.name} is exported by both ${owner.get(symbol.name)} and ${specifier}`)
			owner.set(symbol.name, specifier)
		}
	}
	return owner
}

function sourceFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (['node_modules', 'build', 'dist', '.data'].includes(entry.name)) return []
		const path = join(dir, entry.name)
		if (entry.isDirectory()) return sourceFiles(path)
		return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
	})
}

function isDbFace(specifier) {
	return specifier === ROOT || [...owners.values()].includes(specifier)
}

function rewrite(file, text) {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
	const warnings = []
	const imports = [] // named imports of the root or an area, merged below
	const edits = [] // { start, end, text }
	for (const statement of source.statements) {
		const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null
		if (!specifier || !isDbFace(specifier)) continue
		if (ts.isImportDeclaration(statement)) {
			const clause = statement.importClause
			if (!clause?.namedBindings || clause.name || !ts.isNamedImports(clause.namedBindings)) {
				if (specifier === ROOT) warnings.push(`left as is (not a named import): ${statement.getText(source)}`)
				continue
			}
			imports.push({ statement, specifier, typeOnly: clause.isTypeOnly, elements: clause.namedBindings.elements })
		} else if (ts.isExportDeclaration(statement) && specifier === ROOT) {
			if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
				warnings.push(`left as is (export *): ${statement.getText(source)}`)
				continue
			}
			const groups = group(statement.exportClause.elements, statement.isTypeOnly, specifier)
			edits.push({ ...span(source, statement, text), text: render('export', groups) })
		}
	}
	if (imports.some((i) => i.specifier === ROOT)) {
		const groups = new Map()
		for (const { specifier, typeOnly, elements } of imports) {
			for (const [module, specs] of group(elements, typeOnly, specifier)) groups.set(module, [...(groups.get(module) ?? []), ...specs])
		}
		const [first, ...rest] = imports
		edits.push({ ...span(source, first.statement, text), text: render('import', groups) })
		for (const { statement } of rest) edits.push({ ...span(source, statement, text, true), text: '' })
	}
	for (const { start, end, text: replacement } of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + replacement + text.slice(end)
	return { text, warnings, remaining: rootImportsOfAreaNames(file, text) }
}

/** Specifiers by the module that exports their name; a name no area exports stays where it was. */
function group(elements, typeOnly, from) {
	const groups = new Map()
	for (const element of elements) {
		const name = (element.propertyName ?? element.name).text
		const module = from === ROOT ? (owners.get(name) ?? ROOT) : from
		const spec = { name, alias: element.propertyName ? element.name.text : null, type: typeOnly || element.isTypeOnly }
		groups.set(module, [...(groups.get(module) ?? []), spec])
	}
	return groups
}

function render(keyword, groups) {
	return [...groups.entries()]
		.sort(([a], [b]) => (a === ROOT ? -1 : b === ROOT ? 1 : a.localeCompare(b)))
		.map(([module, specs]) => {
			const unique = specs.filter((s, i) => specs.findIndex((t) => t.name === s.name && t.alias === s.alias) === i)
			const allTypes = unique.every((s) => s.type)
			const names = unique.map((s) => `${s.type && !allTypes ? 'type ' : ''}${s.name}${s.alias ? ` as ${s.alias}` : ''}`)
			const head = `${keyword} ${allTypes ? 'type ' : ''}`
			const flat = `${head}{ ${names.join(', ')} } from '${module}'`
			return flat.length <= 140 ? flat : `${head}{\n${names.map((n) => `\t${n},\n`).join('')}} from '${module}'`
		})
		.join('\n')
}

/** The statement's own text; with `line`, its whole line so that removing it leaves no blank line. */
function span(source, statement, text, line = false) {
	const start = statement.getStart(source)
	let end = statement.getEnd()
	if (line && text[end] === '\n') end++
	return { start, end }
}

/** Imports that still take an area's name from the root (what --finish would break). */
function rootImportsOfAreaNames(file, text) {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
	let count = 0
	for (const statement of source.statements) {
		if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue
		if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== ROOT) continue
		const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : statement.exportClause
		if (!bindings || !(ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) {
			count++ // a namespace import or export * would lose the area names
			continue
		}
		count += bindings.elements.filter((e) => owners.has((e.propertyName ?? e.name).text)).length
	}
	return count
}

function dropRootReexports() {
	const index = join(repo, 'db', 'src', 'index.ts')
	const text = readFileSync(index, 'utf8')
	const begin = text.indexOf(BEGIN)
	const end = text.indexOf(END)
	if (begin < 0 || end < begin) {
		console.log('db/src/index.ts has no area re-exports left')
		return
	}
	const afterEnd = text.indexOf('\n', end) + 1 || text.length
	writeFileSync(index, `${text.slice(0, begin).trimEnd()}\n${text.slice(afterEnd).trimStart()}`.trimEnd() + '\n')
	console.log('dropped the area re-exports from db/src/index.ts')
}
