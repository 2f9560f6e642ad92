import { defineConfig } from 'vitest/config'
import LongFilesFirstSequencer from './support/sequencer.ts'

export default defineConfig({
	test: {
		include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts', 'lint/**/*.test.ts', 'support/**/*.test.ts'],
		// Builds the portal when stale, and stops the run's shared portals at the end (support/e2e.ts).
		globalSetup: ['./support/global-setup.ts'],
		setupFiles: ['./vitest.setup.ts'],
		// Real servers and a real browser: generous, but bounded.
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// Two files at a time. A browser test keeps about one core busy (the portal and Chromium take
		// turns), so on CI's two cores two files finish the package in little more than half the time.
		// Each worker has shared portals of its own (support/portal.ts): a file never shares its
		// portal with the file running beside it.
		fileParallelism: true,
		maxWorkers: 2,
		sequence: { sequencer: LongFilesFirstSequencer },
	},
})
