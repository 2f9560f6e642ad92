// @leerplein/db/planning — rooms, trainers and the meetings of a session (ADR 027).
export {
	bookableName,
	bookingConflictOf,
	deleteMeetings,
	findBooking,
	findOwnRooms,
	findOwnTrainers,
	findUnitEmployeeByEmail,
	getPlannableCourse,
	getSessionChange,
	getSessionPlan,
	grantFreeCancellation,
	insertMeeting,
	insertLocation,
	insertRoom,
	insertSession,
	insertSessionChange,
	insertTrainer,
	listActiveRooms,
	listActiveTrainers,
	listPlannableCourses,
	listSessionMeetings,
	listUnitLocations,
	listUnitRooms,
	listMeetingLinks,
	listUnitTrainers,
	roomPlaces,
	updateMeeting,
	updateRoom,
	updateSession,
	updateTrainer,
} from '../queries/planning.ts'
export { findTrainerIdsOfUser, getMark, getMeetingOfSession, listCountingMeetingIds, listSessionMarks, listTrainerSessions, listTrainerUserIds, upsertMark } from '../queries/attendance.ts'
export type { NewMark } from '../queries/attendance.ts'
export type { NewMeeting, NewSession, NewSessionChange, RoomFields, SessionFields, TrainerFields } from '../queries/planning.ts'
export type { ChangedMeeting } from '../schema/planning.ts'
