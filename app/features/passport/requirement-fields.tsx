import type { FieldMetadata } from '@conform-to/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/field.tsx'

// What every requirement form asks once it knows what is required of whom (the concern's, the
// unit's for a job profile, one person's): from when, with how much grace, and at which level.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each form's own schema types its fields
type Meta = FieldMetadata<any, any, any>
export type RequirementTimingMetas = { introducedOn: Meta; graceDays: Meta; minLevel: Meta }

/** The three fields' entries for the form's error summary, in the order they show. */
export function requirementTimingSummary(t: TFunction, fields: RequirementTimingMetas) {
	return [
		{ meta: fields.introducedOn, label: t('requirements.introducedOn') },
		{ meta: fields.graceDays, label: t('requirements.graceDays') },
		{ meta: fields.minLevel, label: t('requirements.minLevel') },
	]
}

/** From when the requirement counts, its grace period in days, and the minimum level (for a competency with levels). */
export function RequirementTimingFields({ fields }: { fields: RequirementTimingMetas }) {
	const { t } = useTranslation()
	return (
		<>
			<Field meta={fields.introducedOn} label={t('requirements.introducedOn')} hint={t('requirements.introducedOnHint')} type="date" />
			<Field meta={fields.graceDays} label={t('requirements.graceDays')} hint={t('requirements.graceDaysHint')} type="number" />
			<Field meta={fields.minLevel} label={t('requirements.minLevel')} hint={t('requirements.minLevelHint')} type="number" />
		</>
	)
}
