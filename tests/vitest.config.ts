import { defineConfig } from 'vitest/config'
import HeavyFilesLastSequencer from './support/sequencer.ts'

export default defineConfig({
	test: {
		include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts', 'lint/**/*.test.ts', 'support/**/*.test.ts'],
		// Builds the portal when stale, and stops the run's shared portals at the end (support/e2e.ts).
		globalSetup: ['./support/global-setup.ts'],
		setupFiles: ['./vitest.setup.ts'],
		// Real servers and a real browser: generous, but bounded.
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// One file at a time: each drives real server processes and a browser on a small machine.
		fileParallelism: false,
		sequence: { sequencer: HeavyFilesLastSequencer },
	},
})
