import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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
)
