import { isRouteErrorResponse } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isErrorCode, type ErrorCode } from '../core/error-codes.ts'

const TITLED_STATUSES = [400, 403, 404, 409, 415, 429, 500, 502]
type TitledStatus = 400 | 403 | 404 | 409 | 415 | 429 | 500 | 502

const FALLBACK_MESSAGE_BY_STATUS: Record<number, ErrorCode> = { 404: 'PAGE_NOT_FOUND' }

/** One way to show an error: a Dutch title for the status and a specific message, never a stack trace. */
export function ErrorPage({ error }: { error: unknown }) {
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const messageKey = isRouteErrorResponse(error) ? messageKeyOf(error.data) ?? FALLBACK_MESSAGE_BY_STATUS[status] : undefined
	const values = isRouteErrorResponse(error) ? valuesOf(error.data) : {}
	const title = TITLED_STATUSES.includes(status) ? t(`errors.title${status as TitledStatus}`) : t('errors.titleOther', { status })
	return (
		<div className="container page error-page">
			<h1>{title}</h1>
			<p className="error-page__message">{messageKey ? t(`errors.${messageKey}`, values) : t('errors.UNEXPECTED_NO_CODE')}</p>
			<p>
				{messageKey?.startsWith('SSO_') ? (
					<>
						<a href="/inloggen">{t('errors.toSignIn')}</a>
						{' · '}
					</>
				) : null}
				<a href="/catalogus">{t('errors.toCatalogue')}</a>
			</p>
		</div>
	)
}

function messageKeyOf(data: unknown): ErrorCode | undefined {
	if (typeof data === 'object' && data !== null && 'messageKey' in data && isErrorCode(data.messageKey)) return data.messageKey
	return undefined
}

function valuesOf(data: unknown): Record<string, string | number> {
	if (typeof data === 'object' && data !== null && 'values' in data && typeof data.values === 'object' && data.values !== null) {
		return data.values as Record<string, string | number>
	}
	return {}
}
