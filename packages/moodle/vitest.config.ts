import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		// RSA key generation takes real CPU; on a shared two-core machine it can exceed the 5 s default.
		testTimeout: 30_000,
		setupFiles: ['./vitest.setup.ts'],
	},
})
