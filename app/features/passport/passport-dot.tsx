import type { PassportColour } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'

/** The dot's shape per colour: ✓ ! ✕ –, so colour is never the only signal (WCAG 1.4.1). */
export const DOT_SHAPE: Record<PassportColour, string> = { green: '✓', orange: '!', red: '✕', not_required: '–' }

/** The dot: colour, a shape of its own and its words (or `label` in their place, e.g. a date in the matrix). */
export function PassportDot({ status, label }: { status: PassportColour; label?: string }) {
	const { t } = useTranslation()
	return dotMark(status, label ?? t(`passport.status_${status}`))
}

/**
 * The same markup as `PassportDot` without a component or hook of its own, for pages that show
 * thousands (the matrix: 50 people × 40 competencies), with the words already translated.
 */
export function dotMark(status: PassportColour, label: string) {
	return (
		<span className={`passport-dot passport-dot--${status}`}>
			<span className="passport-dot__shape" aria-hidden="true">
				{DOT_SHAPE[status]}
			</span>
			{label}
		</span>
	)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/**
 * `dotMark` for the matrix: the same markup, its inside written as one string, so the server
 * renders one element per dot instead of four nodes (a unit page has 2,000 dots; rendering them
 * node by node was most of its React time). Remember the result per status and label: a page
 * repeats few.
 */
export function dotMarkup(status: PassportColour, label: string) {
	return (
		<span
			className={`passport-dot passport-dot--${status}`}
			dangerouslySetInnerHTML={{ __html: `<span class="passport-dot__shape" aria-hidden="true">${DOT_SHAPE[status]}</span>${escapeHtml(label)}` }}
		/>
	)
}
