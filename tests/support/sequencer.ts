import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Vitest's order, with the longest files first and two sensitive ones last. The package runs two
 * files at a time, each worker taking the next file when it is done; starting the long ones
 * first keeps one from starting when the other worker has nothing left (longest first).
 *
 * Last, when only the other worker's last file runs beside them:
 * - the deduplication e2e, whose whole-catalogue scans run on PGlite's one connection inside the
 *   portal (over 30 s on a busy machine);
 * - the real-Moodle test, last of all (PHP's one-process-per-request server, which builds its
 *   pages' scripts on first use, once outlasted every wait on a busy machine).
 *
 * In `npm test` this package starts once the other packages' tests are done (turbo.json), so
 * its two workers have the machine's two cores.
 */
const FIRST = [
	// Each over two minutes on a quiet machine (tests/README.md lists the files' times).
	'/e2e/every-page.test.ts',
	'/e2e/fuzz.test.ts',
	'/e2e/enrolment-concurrency.test.ts',
	'/e2e/auth.test.ts',
	'/e2e/search.test.ts',
	'/e2e/grids.test.ts',
]
const LAST = ['/e2e/deduplication.test.ts', '/e2e/lti-real-moodle.test.ts']

export default class LongFilesFirstSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files)
		const among = (list: string[]) => (file: TestSpecification) => list.findIndex((suffix) => file.moduleId.endsWith(suffix))
		const [first, last] = [among(FIRST), among(LAST)]
		const inOrder = (list: string[], rank: (file: TestSpecification) => number) => list.flatMap((_, index) => sorted.filter((file) => rank(file) === index))
		return [...inOrder(FIRST, first), ...sorted.filter((file) => first(file) === -1 && last(file) === -1), ...inOrder(LAST, last)]
	}
}
