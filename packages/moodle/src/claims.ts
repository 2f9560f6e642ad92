/** Claim names and message types of LTI 1.3 Core, Deep Linking 2.0, AGS 2.0 and NRPS 2.0. */
export const LTI_VERSION = '1.3.0'

export const CLAIM = {
	messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
	version: 'https://purl.imsglobal.org/spec/lti/claim/version',
	deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
	targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
	resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
	roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
	context: 'https://purl.imsglobal.org/spec/lti/claim/context',
	toolPlatform: 'https://purl.imsglobal.org/spec/lti/claim/tool_platform',
	launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
	custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
	lis: 'https://purl.imsglobal.org/spec/lti/claim/lis',
	ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
	nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
	deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
	deepLinkingContentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
	deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
	deepLinkingMessage: 'https://purl.imsglobal.org/spec/lti-dl/claim/msg',
	deepLinkingErrorMessage: 'https://purl.imsglobal.org/spec/lti-dl/claim/errormsg',
} as const

export const MESSAGE_TYPE = {
	resourceLink: 'LtiResourceLinkRequest',
	deepLinkingRequest: 'LtiDeepLinkingRequest',
	deepLinkingResponse: 'LtiDeepLinkingResponse',
} as const

export const CONTEXT_TYPE_COURSE_OFFERING = 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'

export const MEDIA_TYPE = {
	lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
	lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
	score: 'application/vnd.ims.lis.v1.score+json',
	resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
	membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const

/** The client-assertion type of RFC 7523, the only client authentication LTI Advantage uses. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
