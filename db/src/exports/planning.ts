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
	insertLocation,
	insertRoom,
	insertSession,
	insertTrainer,
	listActiveRooms,
	listActiveTrainers,
	listPlannableCourses,
	listSessionMeetings,
	listUnitLocations,
	listUnitRooms,
	listUnitTrainers,
	updateRoom,
	updateTrainer,
} from '../queries/planning.ts'
export type { NewMeeting, NewSession, RoomFields, TrainerFields } from '../queries/planning.ts'
export { findTrainerIdsOfUser, getMark, getMeetingOfSession, listCountingMeetingIds, listSessionMarks, listTrainerSessions, listTrainerUserIds, upsertMark } from '../queries/attendance.ts'
export type { NewMark } from '../queries/attendance.ts'
