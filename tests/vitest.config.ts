import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts', 'lint/**/*.test.ts'],
		// Real servers and a real browser: generous, but bounded.
		testTimeout: 60_000,
		hookTimeout: 180_000,
		fileParallelism: false,
	},
})
