import type { FieldMetadata } from '@conform-to/react'
import { useCombobox } from 'downshift'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, useErrorText } from '../../components/field.tsx'

type Course = { id: string; title: string }

/** What the planning page found for its search, and the course chosen before the form opened. */
export type CourseChoice = { matches: Course[]; more: boolean; chosen: Course | null; search: string }

/**
 * The button that searches without JavaScript. It submits the planning form itself (to the same
 * URL, so a copy stays a copy), and the page comes back with what was typed in every field kept.
 */
export const COURSE_SEARCH_BUTTON = 'zoeken'

/** Where the picker asks for matches as one types (JSON; the same search as the page's `?zoek=`). */
const SEARCH_URL = '/uitvoeringen/nieuw/cursussen'

/**
 * The course of a new session, out of the thousands a unit may plan. With JavaScript a combobox
 * (downshift, the WAI-ARIA 1.2 combobox pattern): type part of the title, the server sends the first
 * matches, arrows and Enter choose; the chosen id goes along in a hidden field. Without it, a
 * search field submits the planning form with its search button (every field typed so far comes
 * back as it was) and a select offers what it found.
 */
export function CoursePicker({
	meta,
	choice,
}: {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the course field of the planning form
	meta: FieldMetadata<any, any, any>
	choice: CourseChoice
}) {
	const { t } = useTranslation()
	// Rendered by the server as the plain form; the combobox takes over once the script runs.
	const [scripted, setScripted] = useState(false)
	useEffect(() => setScripted(true), [])
	if (scripted) return <CourseCombobox meta={meta} choice={choice} />
	const { matches, more, chosen, search } = choice
	const options = chosen && !matches.some((course) => course.id === chosen.id) ? [chosen, ...matches] : matches
	return (
		<div className="course-picker">
			<div className="field">
				<label htmlFor="cursus-zoekterm">{t('sessionPlan.courseSearch')}</label>
				<p className="field__hint" id="cursus-zoekterm-hint">
					{t('sessionPlan.courseSearchHint')}
				</p>
				<div className="inline-search">
					<input id="cursus-zoekterm" type="search" name="zoek" defaultValue={search} aria-describedby="cursus-zoekterm-hint" />
					<button type="submit" name={COURSE_SEARCH_BUTTON} value="ja" formNoValidate className="button button--secondary">
						{t('sessionPlan.courseSearchSubmit')}
					</button>
				</div>
				<MatchCount count={matches.length} more={more} search={search} />
			</div>
			<Field
				meta={meta}
				label={t('sessionPlan.course')}
				as="select"
				options={[{ value: '', label: t('sessionPlan.courseChoose') }, ...options.map((course) => ({ value: course.id, label: course.title }))]}
			/>
		</div>
	)
}

function MatchCount({ count, more, search, shown = true }: { count: number; more: boolean; search: string; shown?: boolean }) {
	const { t } = useTranslation()
	return (
		<p className="course-picker__count" role="status">
			{!shown ? null : count === 0 ? t('sessionPlan.courseNone', { search }) : more ? t('sessionPlan.courseMore', { count }) : search ? t('sessionPlan.courseMatches', { count }) : null}
		</p>
	)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the course field of the planning form
function CourseCombobox({ meta, choice }: { meta: FieldMetadata<any, any, any>; choice: CourseChoice }) {
	const { t } = useTranslation()
	const errorText = useErrorText()(meta.errors)
	const [found, setFound] = useState({ courses: choice.matches, more: choice.more })
	const [typed, setTyped] = useState(choice.search)
	const [selected, setSelected] = useState<Course | null>(choice.chosen)
	// Each key asks anew; only the answer to the latest search is shown, whatever order answers arrive in.
	const latest = useRef<AbortController | null>(null)
	const search = (text: string) => {
		latest.current?.abort()
		const request = new AbortController()
		latest.current = request
		fetch(`${SEARCH_URL}?${new URLSearchParams({ zoek: text })}`, { signal: request.signal, headers: { Accept: 'application/json' } })
			.then((response) => (response.ok ? (response.json() as Promise<{ courses: Course[]; more: boolean }>) : null))
			.then((answer) => {
				if (answer && latest.current === request) setFound(answer)
			})
			// An aborted or failed search leaves the last matches; the form's own search still works.
			.catch(() => undefined)
	}
	useEffect(() => () => latest.current?.abort(), [])
	const items = found.courses
	const more = found.more
	const hintId = `${meta.id}-hint`
	const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps } = useCombobox<Course>({
		id: 'cursuskiezer',
		inputId: meta.id,
		items,
		selectedItem: selected,
		initialInputValue: choice.chosen?.title ?? choice.search,
		itemToString: (course) => course?.title ?? '',
		itemToKey: (course) => course?.id,
		onSelectedItemChange: ({ selectedItem }) => setSelected(selectedItem ?? null),
		onInputValueChange: ({ inputValue, type }) => {
			// Only typing searches; choosing fills the field with the title, which is no new search.
			if (type !== useCombobox.stateChangeTypes.InputChange) return
			// A new search unchooses: the hidden field never holds a course other than the one the field names.
			setTyped(inputValue)
			setSelected(null)
			search(inputValue)
		},
	})
	const describedBy = [hintId, errorText ? meta.errorId : null].filter(Boolean).join(' ')
	return (
		<div className={['field', 'course-picker', errorText ? 'field--invalid' : null].filter(Boolean).join(' ')}>
			<label {...getLabelProps()}>{t('sessionPlan.course')}</label>
			<p className="field__hint" id={hintId}>
				{t('sessionPlan.courseSearchHint')}
			</p>
			<input {...getInputProps({ 'aria-describedby': describedBy, 'aria-invalid': errorText ? true : undefined, type: 'text', autoComplete: 'off' })} />
			<input type="hidden" name={meta.name} value={selected?.id ?? ''} />
			<ul {...getMenuProps({}, { suppressRefError: true })} className="course-picker__list" hidden={!isOpen || items.length === 0}>
				{isOpen
					? items.map((course, index) => (
							<li key={course.id} {...getItemProps({ item: course, index })} className={highlightedIndex === index ? 'course-picker__option course-picker__option--active' : 'course-picker__option'}>
								{course.title}
							</li>
						))
					: null}
			</ul>
			<MatchCount count={items.length} more={more} search={typed} shown={isOpen} />
			{selected ? <p className="course-picker__chosen">{t('sessionPlan.courseChosen', { title: selected.title })}</p> : null}
			{errorText ? (
				<p className="field__error" id={meta.errorId}>
					{errorText}
				</p>
			) : null}
		</div>
	)
}
