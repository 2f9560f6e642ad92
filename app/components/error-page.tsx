import { isRouteErrorResponse } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Messages } from '../i18n/nl.ts'

export type ErrorMessageKey = Exclude<keyof Messages['errors'], `title${string}` | 'toCatalogue' | 'toSignIn' | 'UNEXPECTED_NO_CODE'>

const FALLBACK_MESSAGE_BY_STATUS: Record<number, ErrorMessageKey> = { 404: 'PAGE_NOT_FOUND' }

/** One way to show an error: a Dutch title for the status and a specific message, never a stack trace. */
export function ErrorPage({ error }: { error: unknown }) {
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const messageKey = isRouteErrorResponse(error) ? messageKeyOf(error.data) ?? FALLBACK_MESSAGE_BY_STATUS[status] : undefined
	const title = status === 400 || status === 403 || status === 404 || status === 500 || status === 502 ? t(`errors.title${status}`) : t('errors.titleOther', { status })
	return (
		<div className="container page error-page">
			<h1>{title}</h1>
			<p className="error-page__message">{messageKey ? t(`errors.${messageKey}`) : t('errors.UNEXPECTED_NO_CODE')}</p>
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

function messageKeyOf(data: unknown): ErrorMessageKey | undefined {
	if (typeof data === 'object' && data !== null && 'messageKey' in data && typeof data.messageKey === 'string') {
		return data.messageKey as ErrorMessageKey
	}
	return undefined
}
