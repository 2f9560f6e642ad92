import { Form, useFetcher } from '@remix-run/react'
import { COURSE_FORMS, EDITABLE_COURSE_STATUSES, LANGUAGES } from '@leerplein/domain'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

type Values = Record<'title' | 'summary' | 'description' | 'themeId' | 'form' | 'language' | 'durationMinutes' | 'priceEuros' | 'status', string>
type Errors = Partial<Record<keyof Values, string>>
export type Suggestion = {
	score: number
	reasons: string[]
	course: { id: string; title: string; summary: string; providerName: string; providerTenantId: string }
}

/**
 * The course form: every field with its error next to it (in Dutch), a "check for duplicates"
 * step that works without JavaScript, and, with JavaScript, suggestions while typing.
 */
export function CourseForm({
	initialValues,
	result,
	themes,
	ownTenantId,
	courseId,
}: {
	/** What the form shows until it was sent: an empty course, or the course being edited. */
	initialValues: Values
	/** The action's answer to the last submit: the sent values, with errors or duplicate suggestions. */
	result: { values: Values; errors: Errors; suggestions: Suggestion[]; checked: boolean; needsConfirmation: boolean } | undefined
	themes: { id: string; name: string }[]
	ownTenantId: string
	courseId: string | null
}) {
	const { values, errors, suggestions, checked, needsConfirmation } = result ?? { values: initialValues, errors: {}, suggestions: [], checked: false, needsConfirmation: false }
	const { t } = useTranslation()
	const live = useFetcher<{ suggestions: Suggestion[] }>()
	const formRef = useRef<HTMLFormElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>()
	const summaryRef = useRef<HTMLDivElement>(null)
	const errorCount = Object.keys(errors).length
	useEffect(() => {
		if (errorCount > 0) summaryRef.current?.focus()
	}, [errorCount, errors])

	// Suggestions while typing: ask the resource route a moment after the title or text changes.
	const onChange = (event: React.FormEvent<HTMLFormElement>) => {
		const name = (event.target as HTMLInputElement).name
		if (!['title', 'summary', 'description', 'themeId', 'form', 'durationMinutes'].includes(name)) return
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			const data = new FormData(formRef.current!)
			const params = new URLSearchParams()
			for (const key of ['title', 'summary', 'description', 'themeId', 'form', 'durationMinutes']) params.set(key, String(data.get(key) ?? ''))
			if (courseId) params.set('cursus', courseId)
			live.load(`/beheer/cursussen/dubbelingen?${params}`)
		}, 400)
	}
	const shown = checked ? suggestions : (live.data?.suggestions ?? [])

	const field = (name: keyof Values, label: string, control: React.ReactNode) => (
		<div className={`field${errors[name] ? ' field--invalid' : ''}`}>
			<label htmlFor={`field-${name}`}>{label}</label>
			{control}
			{errors[name] ? (
				<p className="field__error" id={`error-${name}`}>
					{t(`formErrors.${errors[name]}`)}
				</p>
			) : null}
		</div>
	)
	const aria = (name: keyof Values) => ({
		id: `field-${name}`,
		name,
		'aria-invalid': errors[name] ? true : undefined,
		'aria-describedby': errors[name] ? `error-${name}` : undefined,
	})

	return (
		<>
			{errorCount > 0 ? (
				<div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
					<p>{t('courseAdmin.errorSummary')}</p>
					<ul>
						{Object.entries(errors).map(([name, code]) => (
							<li key={name}>
								<a href={`#field-${name}`}>{t(`formErrors.${code}`)}</a>
							</li>
						))}
					</ul>
				</div>
			) : null}
			<Form method="post" className="course-form" ref={formRef} onChange={onChange} noValidate>
				{field('title', t('courseAdmin.fieldTitle'), <input type="text" defaultValue={values.title} maxLength={160} required {...aria('title')} />)}
				{field('summary', t('courseAdmin.fieldSummary'), <input type="text" defaultValue={values.summary} maxLength={300} required {...aria('summary')} />)}
				{field('description', t('courseAdmin.fieldDescription'), <textarea defaultValue={values.description} required {...aria('description')} />)}
				{field(
					'themeId',
					t('courseAdmin.fieldTheme'),
					<select defaultValue={values.themeId} required {...aria('themeId')}>
						<option value="">{t('courseAdmin.chooseTheme')}</option>
						{themes.map((theme) => (
							<option key={theme.id} value={theme.id}>
								{theme.name}
							</option>
						))}
					</select>,
				)}
				{field(
					'form',
					t('courseAdmin.fieldForm'),
					<select defaultValue={values.form} required {...aria('form')}>
						{COURSE_FORMS.map((form) => (
							<option key={form} value={form}>
								{t(`courseForm.${form}`)}
							</option>
						))}
					</select>,
				)}
				{field(
					'language',
					t('courseAdmin.fieldLanguage'),
					<select defaultValue={values.language} required {...aria('language')}>
						{LANGUAGES.map((language) => (
							<option key={language} value={language}>
								{t(`courseLanguage.${language}`)}
							</option>
						))}
					</select>,
				)}
				{field('durationMinutes', t('courseAdmin.fieldDuration'), <input type="text" inputMode="numeric" defaultValue={values.durationMinutes} required {...aria('durationMinutes')} />)}
				{field('priceEuros', t('courseAdmin.fieldPrice'), <input type="text" inputMode="decimal" defaultValue={values.priceEuros} required {...aria('priceEuros')} />)}
				{field(
					'status',
					t('courseAdmin.fieldStatus'),
					<select defaultValue={values.status} required {...aria('status')}>
						{EDITABLE_COURSE_STATUSES.map((status) => (
							<option key={status} value={status}>
								{t(`courseAdmin.status_${status}`)}
							</option>
						))}
					</select>,
				)}

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
