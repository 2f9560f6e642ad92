import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		// Each file makes its own databases; PGlite's WASM start-up is the slow part.
		testTimeout: 30_000,
		hookTimeout: 120_000,
		setupFiles: ['./vitest.setup.ts'],
	},
})
