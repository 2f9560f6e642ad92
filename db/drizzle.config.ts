import { defineConfig } from 'drizzle-kit'

// Generation only: migrations are applied at start-up by src/migrate.ts, on PGlite and PostgreSQL alike.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/schema/index.ts',
	out: './migrations',
	casing: 'snake_case',
})
