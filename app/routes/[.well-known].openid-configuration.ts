import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_LTI_SCOPES } from '@leerplein/domain'
import { openIdConfiguration } from '../features/lti/protocol.server.ts'
import { LTI_PATHS, platformIssuer, platformOf } from '../features/lti/platform.server.ts'

/** The platform's OpenID configuration, read by a tool during LTI Dynamic Registration. */
export function loader({ context }: LoaderFunctionArgs) {
	const issuer = platformIssuer(context)
	const endpoints = {
		issuer,
		authorizationEndpoint: `${issuer}${LTI_PATHS.authorize}`,
		tokenEndpoint: `${issuer}${LTI_PATHS.token}`,
		jwksUri: `${issuer}${LTI_PATHS.jwks}`,
		registrationEndpoint: `${issuer}${LTI_PATHS.register}`,
	}
	return Response.json(openIdConfiguration(endpoints, platformOf(issuer), ALL_LTI_SCOPES), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
