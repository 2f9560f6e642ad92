import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Vitest's order, with the real-Moodle test last. Turbo runs this package beside the other
 * packages' tests, lint and typecheck; by the time this package reaches its last file they are
 * done, and Moodle (PHP's one-process-per-request server, which builds its pages' scripts on first
 * use) gets the machine's two cores instead of a fifth of them.
 */
export default class RealMoodleLastSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files)
		const last = (file: TestSpecification) => file.moduleId.endsWith('/e2e/lti-real-moodle.test.ts')
		return [...sorted.filter((file) => !last(file)), ...sorted.filter(last)]
	}
}
