import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of a course's online parts (/catalogus/{id}/online-onderdelen), shared by the action
// and the browser (Conform). Messages are error codes, translated under `errors`. Conform hands an
// empty field to the schema as missing, so optional fields are `.optional()`.

/** The largest value of the PostgreSQL `integer` columns the Moodle ids are stored in. */
export const MOODLE_ID_MAX = 2_147_483_647

/**
 * A Moodle id (a course or a course module): a positive whole number written in digits, no larger
 * than its column holds, or empty for none. (`Number.isInteger` alone lets 1e3, 0x10 and
 * 99999999999999999999 through, the last one to overflow the column.)
 */
const moodleId = () =>
	z
		.string()
		.trim()
		.optional()
		.refine((value) => !value || /^\d{1,10}$/.test(value), { error: 'MOODLE_ID_INVALID' satisfies ErrorCode })
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || (value > 0 && value <= MOODLE_ID_MAX), { error: 'MOODLE_ID_INVALID' satisfies ErrorCode })

const bothOrNeither = (value: { moodleCourseId: number | null; moodleActivityId: number | null }) => (value.moodleCourseId === null) === (value.moodleActivityId === null)
const PAIR = { path: ['moodleActivityId'], error: 'MOODLE_IDS_PAIR' satisfies ErrorCode }

const resourceLinkId = z.string({ error: 'ONLINE_PART_NOT_FOUND' satisfies ErrorCode }).refine(isUuid, { error: 'ONLINE_PART_NOT_FOUND' satisfies ErrorCode })

/** Linking an online part by hand: a tool, a title, and what the tool needs to find the resource. */
export const onlinePartSchema = z
	.object({
		toolId: z.string({ error: 'ONLINE_PART_TOOL_REQUIRED' satisfies ErrorCode }).refine(isUuid, { error: 'ONLINE_PART_TOOL_REQUIRED' satisfies ErrorCode }),
		title: z
			.string({ error: 'ONLINE_PART_TITLE_REQUIRED' satisfies ErrorCode })
			.trim()
			.min(1, { error: 'ONLINE_PART_TITLE_REQUIRED' satisfies ErrorCode })
			.max(200, { error: 'ONLINE_PART_TITLE_TOO_LONG' satisfies ErrorCode }),
		targetLinkUri: z
			.string()
			.trim()
			.optional()
			.transform((value) => value || null)
			.refine((value) => value === null || (/^https?:\/\//.test(value) && URL.canParse(value)), { error: 'ONLINE_PART_URL_INVALID' satisfies ErrorCode }),
		customId: z
			.string()
			.trim()
			.max(200, { error: 'ONLINE_PART_CUSTOM_ID_TOO_LONG' satisfies ErrorCode })
			.optional()
			.transform((value) => value || null),
		passMarkPercent: z
			.string()
			.trim()
			.optional()
			.refine((value) => !value || /^\d{1,3}$/.test(value), { error: 'ONLINE_PART_PASS_MARK_INVALID' satisfies ErrorCode })
			.transform((value) => (value ? Number(value) : null))
			.refine((value) => value === null || value <= 100, { error: 'ONLINE_PART_PASS_MARK_INVALID' satisfies ErrorCode }),
		moodleCourseId: moodleId(),
		moodleActivityId: moodleId(),
	})
	.refine(bothOrNeither, PAIR)

export type OnlinePartInput = z.output<typeof onlinePartSchema>

/** Which Moodle course and activity an online part is (both, or neither). */
export const moodleIdsSchema = z.object({ resourceLinkId, moodleCourseId: moodleId(), moodleActivityId: moodleId() }).refine(bothOrNeither, PAIR)

/** A blended programme's completion rule (ADR 033): at least this many parts, or empty for every part. The service checks the upper bound. */
export const completionRuleSchema = z.object({
	minParts: z
		.string()
		.trim()
		.optional()
		.refine((value) => !value || /^\d{1,3}$/.test(value), { error: 'COMPLETION_RULE_INVALID' satisfies ErrorCode })
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || value >= 1, { error: 'COMPLETION_RULE_INVALID' satisfies ErrorCode }),
})

/** Moving one part of a blended programme a place up or down: the classroom part, or an online part by its id. */
export const movePartSchema = z.object({
	part: z.string({ error: 'ONLINE_PART_NOT_FOUND' satisfies ErrorCode }).refine((value) => value === 'classroom' || isUuid(value), { error: 'ONLINE_PART_NOT_FOUND' satisfies ErrorCode }),
	direction: z.enum(['up', 'down'], { error: 'PART_CANNOT_MOVE' satisfies ErrorCode }),
})

/** Removing an online part (after confirmation). */
export const removeOnlinePartSchema = z.object({ resourceLinkId })

/** A pass mark that must be given: a whole number from 0 to 100 (the pass-mark step after Deep Linking, the concern's default). */
export const requiredPassMark = () =>
	z
		.string({ error: 'PASS_MARK_INVALID' satisfies ErrorCode })
		.trim()
		.refine((value) => /^\d{1,3}$/.test(value), { error: 'PASS_MARK_INVALID' satisfies ErrorCode })
		.transform(Number)
		.refine((value) => value <= 100, { error: 'PASS_MARK_INVALID' satisfies ErrorCode })

/** The pass marks of the parts a Deep Linking return just added, confirmed or changed by the coordinator (ADR 026). */
export const passMarksSchema = z.object({
	parts: z
		.array(z.object({ resourceLinkId, passMarkPercent: requiredPassMark() }), { error: 'NOTHING_SELECTED' satisfies ErrorCode })
		.min(1, { error: 'NOTHING_SELECTED' satisfies ErrorCode })
		.max(50, { error: 'NOTHING_SELECTED' satisfies ErrorCode }),
})
