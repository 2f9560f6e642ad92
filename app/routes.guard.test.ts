import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { ROUTE_ACCESS, type RouteAccess } from '../tests/isolation/route-access.ts'

// The guard test (ADR 021): every loader and action of a protected route opens with the guard,
// read statically from each route module. A person's route (own, tenant-owned, concern-admin)
// opens with `await requirePermission(…)` from features/identity/guard.server.ts; a tool's route
// with its own guard from features/lti (`await requireToolAccess(…)`, or another `requireTool…`
// check such as the signed JWT of a tool). Public routes are exempt. The first statement and
// nothing else counts: a guard that comes after reading the form or the database has already let
// the request in.

const appDir = fileURLToPath(new URL('.', import.meta.url))

/**
 * Loaders of protected routes that visitors may call all the same: they show less to a visitor
 * and more to a signed-in person (they read `getSignedIn`), and the service decides with `can()`
 * which rows the viewer's unit may see (tests/isolation/probes.ts attacks them).
 */
const OPEN_TO_VISITORS: Record<string, { fn: GuardedFunction; why: string }> = {
	root: { fn: 'loader', why: 'the layout of every page, public ones too: it shows the signed-in name and menu' },
	'routes/catalogus._index': { fn: 'loader', why: 'visitors search the published catalogue' },
	'routes/catalogus.zoeken': { fn: 'loader', why: 'the same search as JSON, for visitors too' },
	'routes/catalogus.$courseId': { fn: 'loader', why: "visitors read a published course's page" },
}

describe('every protected loader and action opens with the guard', () => {
	const routes = routeModules(appDir)

	test('every route module is classified in tests/isolation/route-access.ts, and nothing stale is', () => {
		expect(routes.map((route) => route.id).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort())
	})

	test('every exemption for visitors names a loader that exists', () => {
		for (const [routeId, { fn }] of Object.entries(OPEN_TO_VISITORS)) {
			const route = routes.find((candidate) => candidate.id === routeId)
			expect(route && exportedFunctions(parse(route.file, readFileSync(route.file, 'utf8'))).some((found) => found.name === fn), `${routeId} ${fn}`).toBe(true)
		}
	})

	const cases = routes.flatMap((route) => {
		const access = ROUTE_ACCESS[route.id]
		if (!access || access.access === 'public') return []
		const source = readFileSync(route.file, 'utf8')
		return exportedFunctions(parse(route.file, source))
			.filter((found) => OPEN_TO_VISITORS[route.id]?.fn !== found.name)
			.map((found) => ({ label: `${route.id}: ${found.name} (${access.access})`, route, access, fn: found.name, source }))
	})

	for (const { label, route, access, fn, source } of cases) {
		test(`${label} opens with the guard`, () => {
			const problems = guardViolations(route.file, source, access).filter((violation) => violation.fn === fn)
			expect(problems.map((violation) => violation.problem)).toEqual([])
		})
	}
})

describe('the guard check on example route modules', () => {
	const person: RouteAccess = { access: 'tenant-owned', why: 'example' }
	const tool: RouteAccess = { access: 'tool', why: 'example' }
	const guardImport = "import { requirePermission, ownUnit } from '../features/identity/guard.server.ts'\n"
	const toolImport = "import { requireToolAccess } from '../features/lti/service-auth.server.ts'\n"

	const accepted = [
		{
			name: 'a loader that awaits requirePermission first',
			source: `${guardImport}export async function loader({ request, context }) {\n\tawait requirePermission(request, context, 'read', ownUnit)\n\treturn null\n}`,
		},
		{
			name: 'an arrow-function action that destructures the guard',
			source: `${guardImport}export const action = async ({ request, context }) => {\n\tconst { actor } = await requirePermission(request, context, 'update', ownUnit)\n\treturn actor\n}`,
		},
		{
			name: 'a loader that takes no arguments and so reads nothing',
			source: `export function loader() {\n\treturn new Response('Not found', { status: 404 })\n}`,
		},
	]
	for (const { name, source } of accepted) {
		test(`accepts ${name}`, () => {
			expect(guardViolations('example.tsx', source, person)).toEqual([])
		})
	}

	test('accepts a tool route that opens with its own guard', () => {
		const source = `${toolImport}export async function loader({ request, params, context }) {\n\tconst access = await requireToolAccess(request, context, { courseId: params.courseId, anyOf: [] })\n\treturn access\n}`
		expect(guardViolations('example.ts', source, tool)).toEqual([])
	})

	const refused = [
		{
			name: 'a loader whose first statement parses the URL',
			source: `${guardImport}export async function loader({ request, context }) {\n\tconst url = new URL(request.url)\n\tawait requirePermission(request, context, 'read', ownUnit)\n\treturn url\n}`,
			problem: /opens with `const url = new URL\(request.url\)`/,
		},
		{
			name: 'an action that reads the form before the guard',
			source: `${guardImport}export const action = async ({ request, context }) => {\n\tconst form = await request.formData()\n\tawait requirePermission(request, context, 'update', ownUnit)\n\treturn form\n}`,
			problem: /opens with `const form = await request.formData\(\)`/,
		},
		{
			name: 'an action that opens with the deprecated requireSignedIn',
			source: `import { requireSignedIn } from '../features/identity/guard.server.ts'\nexport async function action({ request, context }) {\n\tconst signedIn = await requireSignedIn(request, context)\n\treturn signedIn\n}`,
			problem: /awaits requireSignedIn/,
		},
		{
			name: 'a requirePermission of its own instead of the guard',
			source: `const requirePermission = async () => ({})\nexport async function loader({ request, context }) {\n\tawait requirePermission(request, context)\n\treturn null\n}`,
			problem: /not imported from features\/identity\/guard\.server\.ts/,
		},
		{
			name: 'a guard that is called but not awaited',
			source: `${guardImport}export async function loader({ request, context }) {\n\trequirePermission(request, context, 'read', ownUnit)\n\treturn null\n}`,
			problem: /opens with `requirePermission/,
		},
		{
			name: 'an empty loader body',
			source: `export async function loader(args) {}`,
			problem: /has no statements/,
		},
		{
			name: 'a loader re-exported from elsewhere',
			source: `export { loader } from './elsewhere.ts'`,
			problem: /re-exported from \.\/elsewhere\.ts/,
		},
		{
			name: 'a loader made by a helper',
			source: `const guarded = (f) => f\nexport const loader = guarded(async () => null)`,
			problem: /not a function this test can read/,
		},
	]
	for (const { name, source, problem } of refused) {
		test(`refuses ${name}`, () => {
			const violations = guardViolations('example.tsx', source, person)
			expect(violations).toHaveLength(1)
			expect(violations[0]!.problem).toMatch(problem)
		})
	}

	test('refuses a person route that opens with a tool guard, and a tool route that opens with the person guard', () => {
		const toolGuarded = `${toolImport}export async function loader({ request, context }) {\n\tawait requireToolAccess(request, context, { courseId: undefined, anyOf: [] })\n}`
		const personGuarded = `${guardImport}export async function loader({ request, context }) {\n\tawait requirePermission(request, context, 'read', ownUnit)\n}`
		expect(guardViolations('example.ts', toolGuarded, person)).toHaveLength(1)
		expect(guardViolations('example.ts', personGuarded, tool)).toHaveLength(1)
	})

	test('exempts a public route', () => {
		const source = `export async function loader({ request }) {\n\treturn new URL(request.url).searchParams.get('q')\n}`
		expect(guardViolations('example.ts', source, { access: 'public', why: 'example' })).toEqual([])
	})
})

// ——— the check itself ———

type GuardedFunction = 'loader' | 'action'
type Violation = { fn: GuardedFunction; problem: string }
type RouteModule = { id: string; file: string }

/** The route modules as Remix's flat routes see them (app/routes.ts): root, and each file or folder in routes/ but tests. */
function routeModules(dir: string): RouteModule[] {
	const routesDir = join(dir, 'routes')
	const modules: RouteModule[] = [{ id: 'root', file: join(dir, 'root.tsx') }]
	for (const entry of readdirSync(routesDir)) {
		if (/\.test\./.test(entry)) continue
		const path = join(routesDir, entry)
		if (statSync(path).isDirectory()) {
			const file = ['route.tsx', 'route.ts'].map((name) => join(path, name)).find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile())
			if (file) modules.push({ id: `routes/${entry}`, file })
		} else if (/\.tsx?$/.test(entry)) {
			modules.push({ id: `routes/${entry.replace(/\.tsx?$/, '')}`, file: path })
		}
	}
	return modules
}

function parse(file: string, source: string): ts.SourceFile {
	return ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
}

type ExportedFunction = { name: GuardedFunction; node: ts.Node; fn: ts.FunctionLikeDeclaration | null; problem?: string }

/** The module's exported `loader` and `action`, however they are written. */
function exportedFunctions(sourceFile: ts.SourceFile): ExportedFunction[] {
	const found: ExportedFunction[] = []
	const locals = new Map<string, ts.Node>()
	const isGuarded = (name: string): name is GuardedFunction => name === 'loader' || name === 'action'
	const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
	const asFunction = (node: ts.Expression | undefined): ts.FunctionLikeDeclaration | null => {
		let expression = node
		while (expression && (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))) expression = expression.expression
		return expression && (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) ? expression : null
	}

	for (const statement of sourceFile.statements) {
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			locals.set(statement.name.text, statement)
			if (exported(statement) && isGuarded(statement.name.text)) found.push({ name: statement.name.text, node: statement, fn: statement })
		}
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				if (!ts.isIdentifier(declaration.name)) continue
				locals.set(declaration.name.text, declaration)
				if (exported(statement) && isGuarded(declaration.name.text)) {
					const fn = asFunction(declaration.initializer)
					found.push({ name: declaration.name.text, node: declaration, fn, ...(fn ? {} : { problem: 'is not a function this test can read: export `async function` or an arrow function' }) })
				}
			}
		}
	}
	for (const statement of sourceFile.statements) {
		if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue
		for (const specifier of statement.exportClause.elements) {
			const name = specifier.name.text
			if (!isGuarded(name)) continue
			const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null
			if (from) {
				found.push({ name, node: specifier, fn: null, problem: `is re-exported from ${from}, where this test cannot see how it opens` })
				continue
			}
			const local = locals.get((specifier.propertyName ?? specifier.name).text)
			const fn = local && ts.isFunctionDeclaration(local) ? local : local && ts.isVariableDeclaration(local) ? asFunction(local.initializer) : null
			found.push({ name, node: specifier, fn, ...(fn ? {} : { problem: 'is not a function this test can read: export `async function` or an arrow function' }) })
		}
	}
	return found
}

/** Where each imported name comes from: local name → the imported name and the module. */
function importsOf(sourceFile: ts.SourceFile): Map<string, { name: string; from: string }> {
	const imports = new Map<string, { name: string; from: string }>()
	for (const statement of sourceFile.statements) {
		if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
		const bindings = statement.importClause?.namedBindings
		if (!bindings || !ts.isNamedImports(bindings)) continue
		for (const element of bindings.elements) {
			imports.set(element.name.text, { name: (element.propertyName ?? element.name).text, from: statement.moduleSpecifier.text })
		}
	}
	return imports
}

type Guard = { describe: string; accepts: (imported: { name: string; from: string }) => boolean; explain: string }

const PERSON_GUARD: Guard = {
	describe: 'await requirePermission(…)',
	accepts: ({ name, from }) => name === 'requirePermission' && /(^|\/)features\/identity\/guard\.server(\.ts)?$/.test(from),
	explain: 'requirePermission imported from features/identity/guard.server.ts',
}

const TOOL_GUARD: Guard = {
	describe: 'await requireToolAccess(…) (or another requireTool… guard of features/lti)',
	accepts: ({ name, from }) => /^requireTool[A-Z]\w*$/.test(name) && /(^|\/)features\/lti\//.test(from),
	explain: 'a requireTool… guard imported from features/lti/',
}

const XAPI_GUARD: Guard = {
	describe: 'await requireXapiClient(…)',
	accepts: ({ name, from }) => name === 'requireXapiClient' && /(^|\/)features\/xapi\/client-auth\.server(\.ts)?$/.test(from),
	explain: 'requireXapiClient imported from features/xapi/client-auth.server.ts',
}

function guardOf(access: RouteAccess): Guard | null {
	switch (access.access) {
		case 'public':
			return null
		case 'own':
		case 'tenant-owned':
		case 'concern-admin':
			return PERSON_GUARD
		case 'tool':
			return TOOL_GUARD
		case 'xapi-client':
			return XAPI_GUARD
		default: {
			const unreachable: never = access
			return unreachable
		}
	}
}

/** Each exported loader or action of a route module that does not open with its guard, and why. */
export function guardViolations(file: string, source: string, access: RouteAccess): Violation[] {
	const guard = guardOf(access)
	if (!guard) return []
	const sourceFile = parse(file, source)
	const imports = importsOf(sourceFile)
	const violations: Violation[] = []
	for (const found of exportedFunctions(sourceFile)) {
		const problem = found.problem ?? (found.fn ? openingProblem(found.fn, sourceFile, imports, guard) : null)
		if (problem) violations.push({ fn: found.name, problem: `${found.name} ${problem}` })
	}
	return violations
}

function openingProblem(fn: ts.FunctionLikeDeclaration, sourceFile: ts.SourceFile, imports: Map<string, { name: string; from: string }>, guard: Guard): string | null {
	// A function that takes no arguments never sees the request, the session or the database.
	if (fn.parameters.length === 0) return null
	const body = fn.body
	if (!body) return 'has no body'
	const first = ts.isBlock(body) ? body.statements[0] : body
	if (!first) return `has no statements; it must open with ${guard.describe}`
	const opening = oneLine(first.getText(sourceFile))
	const call = awaitedCall(first)
	if (!call) return `opens with \`${opening}\` instead of ${guard.describe}`
	const callee = call.expression
	if (!ts.isIdentifier(callee)) return `opens with \`${opening}\` instead of ${guard.describe}`
	const imported = imports.get(callee.text)
	if (!imported) return `opens with \`${opening}\`, but ${callee.text} is not imported from features/identity/guard.server.ts or features/lti/: it must be ${guard.explain}`
	if (!guard.accepts(imported)) return `awaits ${imported.name} (from ${imported.from}) first instead of ${guard.describe}`
	return null
}

/** `await f(…)`, `const x = await f(…)` or `const { a } = await f(…)`: the call, or null. */
function awaitedCall(statement: ts.Node): ts.CallExpression | null {
	let expression: ts.Expression | undefined
	if (ts.isExpressionStatement(statement)) expression = statement.expression
	else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) expression = statement.declarationList.declarations[0]!.initializer
	else if (ts.isExpression(statement)) expression = statement
	while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression
	if (!expression || !ts.isAwaitExpression(expression)) return null
	let awaited: ts.Expression = expression.expression
	while (ts.isParenthesizedExpression(awaited)) awaited = awaited.expression
	return ts.isCallExpression(awaited) ? awaited : null
}

function oneLine(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim()
	return line.length > 100 ? `${line.slice(0, 97)}…` : line
}
