import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// A run of its own for console-guard.test.ts: the tests package's setup, on files meant to fail.
export default defineConfig({
	test: {
		root: fileURLToPath(new URL('.', import.meta.url)),
		include: ['*.fixture.ts'],
		setupFiles: ['../../vitest.setup.ts'],
	},
})
