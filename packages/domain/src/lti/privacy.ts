/**
 * What a tool may learn about a person besides their opaque id. Both the tool's registration and
 * the person's own unit must allow it: a unit decides for its employees, whoever provides the course.
 */
export function sharedPersonalFields(
	registration: { shareName: boolean; shareEmail: boolean },
	unitAllows: boolean,
): { name: boolean; email: boolean } {
	return { name: unitAllows && registration.shareName, email: unitAllows && registration.shareEmail }
}
