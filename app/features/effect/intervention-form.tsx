import { getCollectionProps, getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, useErrorText } from '../../components/field.tsx'
import { interventionConstraint } from './intervention-schema.ts'

export type InterventionFormDefaults = {
	name: string
	courseId: string
	description: string
	firstMonth: string
	lastMonth: string
	monthsBefore: string
	monthsAfter: string
	measureName: string
	better: string
	teams: string[]
}

export const NEW_INTERVENTION: InterventionFormDefaults = {
	name: '',
	courseId: '',
	description: '',
	firstMonth: '',
	lastMonth: '',
	monthsBefore: '6',
	monthsAfter: '6',
	measureName: '',
	better: 'lower',
	teams: [],
}

type Team = { managerId: string; managerName: string; employeeNumber: string; members: number }

/**
 * Records or changes an intervention: name, course or programme, the period and its windows, the
 * measure and which way is better, and the trained teams as checkboxes; each error beside its field.
 */
export function InterventionForm({
	action,
	defaultValue,
	courses,
	teams,
	lastResult,
	cancelTo,
}: {
	action: string
	defaultValue: InterventionFormDefaults
	courses: { id: string; title: string }[]
	teams: Team[]
	lastResult: SubmissionResult<string[]> | undefined
	cancelTo: string
}) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'intervention',
		lastResult,
		constraint: interventionConstraint,
		defaultValue,
		// Judged on the server only: Conform does not show a client-side error of a checkbox group none of whose boxes is ticked.
		shouldValidate: 'onSubmit',
	})
	const teamsError = errorText(fields.teams.errors)
	const boxes = getCollectionProps(fields.teams, { type: 'checkbox', options: teams.map((team) => team.managerId), ariaAttributes: false })
	const labels = {
		name: t('intervention.name'),
		courseId: t('intervention.course'),
		description: t('intervention.description'),
		firstMonth: t('intervention.firstMonth'),
		lastMonth: t('intervention.lastMonth'),
		monthsBefore: t('intervention.monthsBefore'),
		monthsAfter: t('intervention.monthsAfter'),
		measureName: t('intervention.measureName'),
		better: t('intervention.better'),
		teams: t('intervention.teamsLegend'),
	}
	return (
		<Form method="post" action={action} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			<ErrorSummary form={form} fields={(Object.keys(labels) as (keyof typeof labels)[]).map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field meta={fields.name} label={labels.name} hint={t('intervention.nameHint')} />
			<Field
				meta={fields.courseId}
				label={labels.courseId}
				hint={t('intervention.courseHint')}
				as="select"
				options={[{ value: '', label: t('intervention.courseNone') }, ...courses.map((course) => ({ value: course.id, label: course.title }))]}
			/>
			<Field meta={fields.description} label={labels.description} as="textarea" rows={3} />
			<Field meta={fields.firstMonth} label={labels.firstMonth} hint={t('intervention.monthHint')} controlProps={{ inputMode: 'numeric', placeholder: 'JJJJ-MM', autoComplete: 'off' }} />
			<Field meta={fields.lastMonth} label={labels.lastMonth} hint={t('intervention.monthHint')} controlProps={{ inputMode: 'numeric', placeholder: 'JJJJ-MM', autoComplete: 'off' }} />
			<Field meta={fields.monthsBefore} label={labels.monthsBefore} hint={t('intervention.windowHint')} type="number" controlProps={{ min: 1, max: 24 }} />
			<Field meta={fields.monthsAfter} label={labels.monthsAfter} hint={t('intervention.windowHint')} type="number" controlProps={{ min: 1, max: 24 }} />
			<Field meta={fields.measureName} label={labels.measureName} hint={t('intervention.measureNameHint')} />
			<Field
				meta={fields.better}
				label={labels.better}
				as="select"
				options={[
					{ value: 'lower', label: t('intervention.better_lower') },
					{ value: 'higher', label: t('intervention.better_higher') },
				]}
			/>
			<fieldset className={['field', teamsError ? 'field--invalid' : null].filter(Boolean).join(' ')} aria-describedby={`${fields.teams.id}-hint`}>
				<legend>{labels.teams}</legend>
				<p className="field__hint" id={`${fields.teams.id}-hint`}>
					{t('intervention.teamsHint')}
				</p>
				<input type="hidden" name={fields.teams.name} value="" />
				{boxes.map(({ key, ...box }, index) => {
					const team = teams[index]!
					const id = index === 0 ? fields.teams.id : `${fields.teams.id}-${index}`
					return (
						<div key={key ?? box.value} className="field__choice">
							<input {...box} id={id} aria-invalid={teamsError ? true : undefined} aria-describedby={teamsError ? fields.teams.errorId : undefined} />{' '}
							<label htmlFor={id}>{t('intervention.teamOption', { name: team.managerName, number: team.employeeNumber, members: team.members })}</label>
						</div>
					)
				})}
				{teamsError ? (
					<p className="field__error" id={fields.teams.errorId}>
						{teamsError}
					</p>
				) : null}
			</fieldset>
			<p className="form-actions">
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{t('intervention.save')}
				</button>
				<Link to={cancelTo}>{t('intervention.back')}</Link>
			</p>
		</Form>
	)
}
