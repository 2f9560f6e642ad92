// The LTI message and service formats the tool-facing routes answer in, from @leerplein/moodle:
// routes reach the protocol package through the feature, like every other dependency (ADR 022).
export {
	jwksDocument,
	lineItemInputSchema,
	lineItemJson,
	linkHeader,
	MEDIA_TYPE,
	membershipContainer,
	openIdConfiguration,
	pageParams,
	registrationRequestSchema,
	resultJson,
	scoreSchema,
	type RegistrationRequest,
} from '@leerplein/moodle'
