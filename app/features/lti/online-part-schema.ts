import { isUuid } from '@leerplein/domain'
import { z } from 'zod'
import type { ErrorCode } from '../../core/error-codes.ts'

// The forms of a course's online parts (/catalogus/{id}/online-onderdelen), shared by the action
// and the browser (Conform). Messages are error codes, translated under `errors`. Conform hands an
// empty field to the schema as missing, so optional fields are `.optional()`.

/** A Moodle id (a course or a course module): a positive whole number, or empty for none. */
const moodleId = () =>
	z
		.string()
		.trim()
		.optional()
		.transform((value) => (value ? Number(value) : null))
		.refine((value) => value === null || (Number.isInteger(value) && value > 0), { error: 'MOODLE_ID_INVALID' satisfies ErrorCode })

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
			.transform((value) => (value ? Number(value) : null))
			.refine((value) => value === null || (Number.isInteger(value) && value >= 0 && value <= 100), { error: 'ONLINE_PART_PASS_MARK_INVALID' satisfies ErrorCode }),
		moodleCourseId: moodleId(),
		moodleActivityId: moodleId(),
	})
	.refine(bothOrNeither, PAIR)

export type OnlinePartInput = z.output<typeof onlinePartSchema>

/** Which Moodle course and activity an online part is (both, or neither). */
export const moodleIdsSchema = z.object({ resourceLinkId, moodleCourseId: moodleId(), moodleActivityId: moodleId() }).refine(bothOrNeither, PAIR)

/** Removing an online part (after confirmation). */
export const removeOnlinePartSchema = z.object({ resourceLinkId })
