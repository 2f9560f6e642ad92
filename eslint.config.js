import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// One entry per forbidden arrow. `regex` is matched against the import as written (our imports are
// relative, with their extension).
const noDeepImports = {
	regex: String.raw`^@leerplein/[^/]+/src(/|$)|^(\.\./)+(packages/)?(db|domain|moodle)/src(/|$)`,
	message: "Import another package through its exports map (`@leerplein/db/catalogue`), never its internals.",
}
const noDataPackages = {
	regex: String.raw`^@leerplein/(db|moodle)(/|$)`,
	message: "A route reaches the database and Moodle through a feature's service (features/<feature>/*.server.ts).",
}
const noRoutesOrComponents = {
	regex: String.raw`(^|/)(routes|components)/|(^|/)routes\.ts$|\.tsx$`,
	message: 'Services and core never import a route or a component (.tsx).',
}
const noFeatures = { regex: String.raw`(^|/)features/`, message: 'app/core is what features build on; it imports no feature.' }
const noServerModules = {
	regex: String.raw`\.server(\.[cm]?[jt]sx?)?$`,
	// A type import is erased before bundling, so a component may name the shape a service returns.
	allowTypeImports: true,
	message: 'Components (and the modules they share) never import server code (*.server.ts): services, core/*.server.ts, mail strings.',
}
const noDatabase = { regex: String.raw`^@leerplein/db(/|$)`, message: 'Components never touch the database; the route passes them data.' }

function packageIsNot(self, packages, folders) {
	return {
		regex: String.raw`^@leerplein/(${packages.join('|')})(/|$)|^(\.\./)+(${folders.join('|')})/`,
		message: `@leerplein/${self} imports only @leerplein/domain of ours.`,
	}
}

function layers(list) {
	return list.map(({ name, files, ignores, patterns }) => ({
		name: `leerplein/layers/${name}`,
		files,
		...(ignores ? { ignores } : {}),
		rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noDeepImports, ...patterns] }] },
	}))
}

export default tseslint.config(
	{ ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', '**/.data/**', '**/.tools/**', 'db/migrations/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-console': ['error', { allow: ['warn', 'error'] }],
		},
	},
	{
		files: ['app/**/*.tsx'],
		languageOptions: { globals: { ...globals.browser } },
		plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
		rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
	},
	{
		// The domain is pure: no I/O, no framework, no clock (STYLE.md).
		files: ['packages/domain/src/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['node:*', 'drizzle-orm*', 'postgres', '@remix-run/*', 'react*', '@leerplein/*'], message: 'The domain does no I/O and imports nothing of ours.' },
					],
				},
			],
			'no-restricted-globals': ['error', { name: 'fetch', message: 'The domain does no I/O.' }, { name: 'process', message: 'Pass configuration in.' }],
			'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take `now` as an argument.' }],
		},
	},
	{
		files: ['scripts/**/*.mjs', 'tests/**/*.ts', 'db/src/cli/**/*.ts', 'app/server/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
	// The arrows of STYLE.md: routes → features → (domain, db, moodle); db and moodle → domain.
	// A later block replaces an earlier block's options for the same rule, so each layer's list is
	// complete and starts with `noDeepImports`. Tests: tests/lint/boundaries.test.ts.
	...layers([
		{ name: 'everywhere', files: ['**/*.{ts,tsx,js,mjs}'], patterns: [] },
		{ name: 'routes', files: ['app/routes/**', 'app/root.tsx'], patterns: [noDataPackages] },
		{ name: 'services', files: ['app/features/**/*.server.ts', 'app/core/**/*.server.ts'], patterns: [noRoutesOrComponents] },
		{
			// Components and the modules they share with the server end up in the browser bundle.
			name: 'components',
			files: ['app/components/**', 'app/features/**/*.{ts,tsx}', 'app/utils/**', 'app/i18n/**'],
			ignores: ['**/*.server.ts', '**/*.test.{ts,tsx}'],
			patterns: [noServerModules, noDatabase],
		},
		{ name: 'core', files: ['app/core/**'], patterns: [noFeatures, noRoutesOrComponents] },
		// Test code may use the shared harness in tests/ (the console guard, the one Moodle fake).
		{ name: 'db', files: ['db/**'], ignores: ['**/vitest.setup.ts', '**/*.test.ts'], patterns: [packageIsNot('db', ['portal', 'moodle'], ['app', 'tests', 'packages/moodle'])] },
		{ name: 'moodle', files: ['packages/moodle/**'], ignores: ['**/vitest.setup.ts', '**/*.test.ts'], patterns: [packageIsNot('moodle', ['portal', 'db'], ['app', 'tests', 'db'])] },
	]),
)
