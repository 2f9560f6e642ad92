import { getCollectionProps, getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useFetcher } from '@remix-run/react'
import { COURSE_FORMS, COURSE_VISIBILITIES, LANGUAGES } from '@leerplein/domain'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, useErrorText } from '../../components/field.tsx'
import { courseFormSchema, type CourseFormReply, type CourseFormValues, type CourseSuggestion } from './course-form-schema.ts'

/** The fields whose change asks for new suggestions while typing. */
const COMPARED = ['title', 'summary', 'description', 'themeId', 'form', 'durationMinutes'] as const

/**
 * The course form: every field with its error next to it (validated in the browser too), a
 * "check for duplicates" step that works without JavaScript, and, with JavaScript, suggestions
 * while typing.
 */
export function CourseForm({
	defaultValue,
	lastResult,
	themes,
	units,
	ownTenantId,
	courseId,
}: {
	/** What the form shows until it was sent: an empty course, or the course being edited. */
	defaultValue: CourseFormValues
	/** The action's answer to the last submit: errors, or duplicate suggestions. */
	lastResult: CourseFormReply | undefined
	themes: { id: string; name: string }[]
	/** The other units of the concern, which the course may be opened to. */
	units: { id: string; name: string }[]
	ownTenantId: string
	courseId: string | null
}) {
	const { t } = useTranslation()
	const errorText = useErrorText()
	const [form, fields] = useForm({
		id: 'course',
		lastResult,
		constraint: getZodConstraint(courseFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: courseFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue,
	})
	const live = useFetcher<{ suggestions: CourseSuggestion[] }>()
	const formRef = useRef<HTMLFormElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>()
	const checked = lastResult?.suggestions !== undefined
	const needsConfirmation = lastResult?.needsConfirmation === true

	// Suggestions while typing: ask the resource route a moment after the title or text changes.
	const onChange = (event: React.FormEvent<HTMLFormElement>) => {
		const name = (event.target as HTMLInputElement).name
		if (!(COMPARED as readonly string[]).includes(name)) return
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			const data = new FormData(formRef.current!)
			const params = new URLSearchParams()
			// Line breaks do not matter for the comparison, and a URL may not hold them (the server refuses control characters).
			for (const key of COMPARED) params.set(key, String(data.get(key) ?? '').replace(/\s+/g, ' '))
			if (courseId) params.set('cursus', courseId)
			live.load(`/beheer/cursussen/dubbelingen?${params}`)
		}, 400)
	}
	const shown = checked ? (lastResult?.suggestions ?? []) : (live.data?.suggestions ?? [])
	const labels = {
		title: t('courseAdmin.fieldTitle'),
		summary: t('courseAdmin.fieldSummary'),
		description: t('courseAdmin.fieldDescription'),
		themeId: t('courseAdmin.fieldTheme'),
		form: t('courseAdmin.fieldForm'),
		language: t('courseAdmin.fieldLanguage'),
		durationMinutes: t('courseAdmin.fieldDuration'),
		priceEuros: t('courseAdmin.fieldPrice'),
		learningGoals: t('courseAdmin.fieldLearningGoals'),
		targetAudience: t('courseAdmin.fieldTargetAudience'),
		prerequisites: t('courseAdmin.fieldPrerequisites'),
		keywords: t('courseAdmin.fieldKeywords'),
		visibility: t('courseAdmin.fieldVisibility'),
		audienceTenantIds: t('courseAdmin.fieldAudienceUnits'),
		contactName: `${t('courseAdmin.contactLegend')}: ${t('courseAdmin.fieldContactName')}`,
		contactEmail: `${t('courseAdmin.contactLegend')}: ${t('courseAdmin.fieldContactEmail')}`,
	}
	const visibilityError = errorText(fields.visibility.errors)
	const unitsError = errorText(fields.audienceTenantIds.errors)
	const visibilityChoices = getCollectionProps(fields.visibility, { type: 'radio', options: [...COURSE_VISIBILITIES] })
	const unitBoxes = getCollectionProps(fields.audienceTenantIds, { type: 'checkbox', options: units.map((unit) => unit.id) })

	return (
		<>
			<Form method="post" className="course-form" ref={formRef} onChange={onChange} {...getFormProps(form)}>
				<ErrorSummary
					form={form}
					fields={(Object.keys(labels) as (keyof typeof labels)[]).map((name) => ({ meta: fields[name], label: labels[name] }))}
					formError={errorText(form.errors)}
				/>
				<Field meta={fields.title} label={labels.title} />
				<Field meta={fields.summary} label={labels.summary} />
				<Field meta={fields.description} label={labels.description} as="textarea" />
				<Field
					meta={fields.themeId}
					label={labels.themeId}
					as="select"
					options={[{ value: '', label: t('courseAdmin.chooseTheme') }, ...themes.map((theme) => ({ value: theme.id, label: theme.name }))]}
				/>
				<Field meta={fields.form} label={labels.form} as="select" options={COURSE_FORMS.map((value) => ({ value, label: t(`courseForm.${value}`) }))} />
				<Field
					meta={fields.language}
					label={labels.language}
					as="select"
					options={LANGUAGES.map((value) => ({ value, label: t(`courseLanguage.${value}`) }))}
				/>
				<Field meta={fields.durationMinutes} label={labels.durationMinutes} controlProps={{ inputMode: 'numeric' }} />
				<Field meta={fields.priceEuros} label={labels.priceEuros} controlProps={{ inputMode: 'decimal' }} />
				<Field meta={fields.learningGoals} label={labels.learningGoals} hint={t('courseAdmin.hintLearningGoals')} as="textarea" rows={4} />
				<Field meta={fields.targetAudience} label={labels.targetAudience} hint={t('courseAdmin.hintTargetAudience')} as="textarea" rows={2} />
				<Field meta={fields.prerequisites} label={labels.prerequisites} hint={t('courseAdmin.hintPrerequisites')} as="textarea" rows={2} />
				<Field meta={fields.keywords} label={labels.keywords} hint={t('courseAdmin.hintKeywords')} />

				{/* A choice among radio buttons and a list of boxes: fieldsets with a legend and the error beside them (Field renders single controls). */}
				<fieldset
					className={`field${visibilityError ? ' field--invalid' : ''}`}
					id={fields.visibility.id}
					tabIndex={-1}
					aria-describedby={visibilityError ? fields.visibility.errorId : undefined}
				>
					<legend>{labels.visibility}</legend>
					{visibilityError ? (
						<p className="field__error" id={fields.visibility.errorId}>
							{visibilityError}
						</p>
					) : null}
					{visibilityChoices.map(({ key, ...choice }) => (
						<div key={key} className="field__choice">
							<input {...choice} id={`${fields.visibility.id}-${choice.value}`} />{' '}
							<label htmlFor={`${fields.visibility.id}-${choice.value}`}>{t(`courseAdmin.visibility_${choice.value as (typeof COURSE_VISIBILITIES)[number]}`)}</label>
						</div>
					))}
				</fieldset>
				<fieldset
					className={`field${unitsError ? ' field--invalid' : ''}`}
					id={fields.audienceTenantIds.id}
					tabIndex={-1}
					aria-describedby={[`${fields.audienceTenantIds.id}-hint`, unitsError ? fields.audienceTenantIds.errorId : null].filter(Boolean).join(' ')}
				>
					<legend>{labels.audienceTenantIds}</legend>
					<p className="field__hint" id={`${fields.audienceTenantIds.id}-hint`}>
						{t('courseAdmin.hintAudienceUnits')}
					</p>
					{unitsError ? (
						<p className="field__error" id={fields.audienceTenantIds.errorId}>
							{unitsError}
						</p>
					) : null}
					{unitBoxes.map(({ key, ...box }, index) => (
						<div key={key} className="field__choice">
							<input {...box} id={`${fields.audienceTenantIds.id}-${index}`} />{' '}
							<label htmlFor={`${fields.audienceTenantIds.id}-${index}`}>{units[index]?.name}</label>
						</div>
					))}
				</fieldset>
				<fieldset className="field">
					<legend>{t('courseAdmin.contactLegend')}</legend>
					<Field meta={fields.contactName} label={t('courseAdmin.fieldContactName')} controlProps={{ autoComplete: 'off' }} />
					<Field meta={fields.contactEmail} label={t('courseAdmin.fieldContactEmail')} type="email" controlProps={{ autoComplete: 'off' }} />
				</fieldset>
				{courseId ? null : <p className="hint">{t('courseAdmin.draftHint')}</p>}

				{checked || shown.length > 0 ? (
					<section className="duplicates-panel" aria-labelledby="dubbelingen" aria-live="polite">
						<h2 id="dubbelingen">{shown.length > 0 ? (checked ? t('courseAdmin.suggestionsTitle') : t('courseAdmin.suggestionsLive')) : t('courseAdmin.suggestionsNone')}</h2>
						{shown.length > 0 ? (
							<>
								<p>{t('courseAdmin.suggestionsIntro')}</p>
								<ul className="duplicate-list">
									{shown.map((suggestion) => (
										<li key={suggestion.course.id} className="duplicate-card">
											<h3>
												<a href={`/catalogus/${suggestion.course.id}`}>{suggestion.course.title}</a>
											</h3>
											<p>
												{t('courseAdmin.providedBy', { unit: suggestion.course.providerName })} ·{' '}
												{t('courseAdmin.likeness', { percent: Math.round(suggestion.score * 100) })}
											</p>
											<p className="reasons">{suggestion.reasons.map((reason) => t(`duplicates.reason_${reason}`)).join(', ')}</p>
											{suggestion.course.providerTenantId === ownTenantId ? (
												<p>{t('courseAdmin.ownCourse')}</p>
											) : (
												// The join button submits its own small form (below), so it works without JavaScript.
												<button type="submit" form={`join-${suggestion.course.id}`} className="button button--secondary">
													{t('courseAdmin.join')}
												</button>
											)}
										</li>
									))}
								</ul>
								{needsConfirmation ? <p>{t('courseAdmin.suggestionsConfirm')}</p> : null}
							</>
						) : null}
					</section>
				) : null}

				<div className="form-actions">
					<button type="submit" name="intent" value="check" className="button button--secondary">
						{t('courseAdmin.check')}
					</button>
					{needsConfirmation ? (
						<button type="submit" name="intent" value="save-anyway" className="button">
							{t('courseAdmin.saveAnyway')}
						</button>
					) : (
						<button type="submit" name="intent" value="save" className="button">
							{t('courseAdmin.save')}
						</button>
					)}
				</div>
			</Form>
			{shown
				.filter((suggestion) => suggestion.course.providerTenantId !== ownTenantId)
				.map((suggestion) => (
					<Form key={suggestion.course.id} method="post" id={`join-${suggestion.course.id}`} hidden>
						<input type="hidden" name="intent" value="join" />
						<input type="hidden" name="courseId" value={suggestion.course.id} />
					</Form>
				))}
		</>
	)
}
