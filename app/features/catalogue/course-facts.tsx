import type { CourseForm, Language } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { durationParts, formatPrice } from '../../utils/format.ts'

export type CourseFactsProps = {
	providerName: string
	form: CourseForm
	durationMinutes: number
	priceCents: number
	language: Language
	themeNameNl: string | null
	themeNameEn: string | null
}

/** The facts that decide whether a course fits: who offers it, how, how long, what it costs. */
export function CourseFacts({ course }: { course: CourseFactsProps }) {
	const { t, i18n } = useTranslation()
	const duration = durationParts(course.durationMinutes)
	const theme = i18n.language === 'en' ? course.themeNameEn : course.themeNameNl
	return (
		<dl className="facts">
			<div>
				<dt>{t('catalogue.providedBy')}</dt>
				<dd>{course.providerName}</dd>
			</div>
			<div>
				<dt>{t('catalogue.form')}</dt>
				<dd>{t(`courseForm.${course.form}`)}</dd>
			</div>
			<div>
				<dt>{t('catalogue.duration')}</dt>
				<dd>{t(`duration.${duration.unit}`, { count: duration.count })}</dd>
			</div>
			<div>
				<dt>{t('catalogue.cost')}</dt>
				<dd>{course.priceCents === 0 ? t('catalogue.free') : formatPrice(course.priceCents, i18n.language)}</dd>
			</div>
			<div>
				<dt>{t('catalogue.language')}</dt>
				<dd>{t(`courseLanguage.${course.language}`)}</dd>
			</div>
			{theme ? (
				<div>
					<dt>{t('catalogue.theme')}</dt>
					<dd>{theme}</dd>
				</div>
			) : null}
		</dl>
	)
}
