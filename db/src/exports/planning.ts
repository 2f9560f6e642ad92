// @leerplein/db/planning — rooms, trainers and the meetings of a session (ADR 027).
export {
	bookableName,
	bookingConflictOf,
	findBooking,
	findOwnRooms,
	findOwnTrainers,
	findUnitEmployeeByEmail,
	getPlannableCourse,
	getSessionPlan,
	insertMeeting,
	insertSession,
	insertTrainer,
	listActiveRooms,
	listActiveTrainers,
	listPlannableCourses,
	listSessionMeetings,
	listUnitTrainers,
	updateTrainer,
} from '../queries/planning.ts'
export type { NewMeeting, NewSession, TrainerFields } from '../queries/planning.ts'
