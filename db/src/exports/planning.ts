// @leerplein/db/planning — rooms, trainers and the meetings of a session (ADR 027).
export {
	bookableName,
	bookingConflictOf,
	findBooking,
	findOwnRooms,
	findOwnTrainers,
	getPlannableCourse,
	getSessionPlan,
	insertMeeting,
	insertSession,
	listActiveRooms,
	listActiveTrainers,
	listPlannableCourses,
	listSessionMeetings,
} from '../queries/planning.ts'
export type { NewMeeting, NewSession } from '../queries/planning.ts'
