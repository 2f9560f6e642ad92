import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Vitest's order, with the heavy files last. Turbo runs this package beside the other packages'
 * tests, lint and typecheck; by the time this package reaches its last files they are done, and
 * those files get the machine's two cores instead of a fifth of them:
 * - the deduplication e2e, whose whole-catalogue scans run on PGlite's one connection inside the
 *   portal (over 30 s while the portal and db packages' tests ran beside it, in CI);
 * - the real-Moodle test, last of all (PHP's one-process-per-request server, which builds its
 *   pages' scripts on first use).
 */
const LAST = ['/e2e/deduplication.test.ts', '/e2e/lti-real-moodle.test.ts']

export default class HeavyFilesLastSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files)
		const rank = (file: TestSpecification) => LAST.findIndex((suffix) => file.moduleId.endsWith(suffix))
		return [...sorted.filter((file) => rank(file) === -1), ...LAST.flatMap((_, index) => sorted.filter((file) => rank(file) === index))]
	}
}
