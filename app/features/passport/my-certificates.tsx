import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import { calendarDay, formatDate } from '../../utils/format.ts'

export type MyCertificate = {
	id: string
	competencyName: string
	obtainedOn: string
	fileName: string
	status: 'pending' | 'approved' | 'rejected'
	reason: string | null
	createdAt: string | Date
}

/** The certificates the employee sent in, with their decision and a link to add one (ADR 031, uploads). */
export function MyCertificates({ certificates, sent }: { certificates: readonly MyCertificate[]; sent: boolean }) {
	const { t, i18n } = useTranslation()
	const language = i18n.language
	return (
		<section aria-labelledby="my-certificates-title">
			<h2 id="my-certificates-title">{t('passportUpload.mineTitle')}</h2>
			{sent ? (
				<p className="notice" role="status">
					{t('passportUpload.sent')}
				</p>
			) : null}
			<p>
				<Link to="/mijn-paspoort/bewijs-toevoegen" className="button">
					{t('passportUpload.add')}
				</Link>
			</p>
			{certificates.length === 0 ? (
				<p className="empty-state">{t('passportUpload.mineEmpty')}</p>
			) : (
				<ScrollRegion labelledBy="my-certificates-title">
					<table className="sessions">
						<thead>
							<tr>
								<th scope="col">{t('passportUpload.competency')}</th>
								<th scope="col">{t('passportUpload.obtainedOn')}</th>
								<th scope="col">{t('passportUpload.status')}</th>
								<th scope="col">{t('passportUpload.fileColumn')}</th>
							</tr>
						</thead>
						<tbody>
							{certificates.map((certificate) => (
								<tr key={certificate.id}>
									<th scope="row">{certificate.competencyName}</th>
									<td>{formatDate(calendarDay(certificate.obtainedOn), language)}</td>
									<td>{certificate.status === 'rejected' && certificate.reason ? t('passportUpload.rejectedBecause', { reason: certificate.reason }) : t(`passportUpload.status_${certificate.status}`)}</td>
									<td>
										<a href={`/paspoort-bewijs/${certificate.id}`} download>
											{t('passportUpload.open', { file: certificate.fileName })}
										</a>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			)}
		</section>
	)
}
