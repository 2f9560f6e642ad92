/** Presentation of money, durations and dates; always in the Dutch time zone, in the reader's language. */
const TIME_ZONE = 'Europe/Amsterdam'
const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const

function localeOf(language: string): string {
	return language === 'en' ? LOCALES.en : LOCALES.nl
}

// Building an Intl formatter costs far more than using one; a page formats hundreds of values.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n|${localeOf(language)}|${JSON.stringify(options)}`
	let formatter = formatters.get(key) as Intl.NumberFormat | undefined
	if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(localeOf(language), options)))
	return formatter
}

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${localeOf(language)}|${JSON.stringify(options)}`
	let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined
	if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: TIME_ZONE })))
	return formatter
}

export function formatPrice(cents: number, language: string): string {
	return numberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

/** A duration as the unit a person would name it: minutes, hours, or working days of eight hours. */
export function durationParts(minutes: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
	if (minutes < 60) return { unit: 'minutes', count: minutes }
	if (minutes < 8 * 60) return { unit: 'hours', count: Math.round((minutes / 60) * 2) / 2 }
	return { unit: 'days', count: Math.round((minutes / (8 * 60)) * 2) / 2 }
}

export function formatDate(date: Date, language: string): string {
	return dateFormat(language, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }).format(date)
}

export function formatTimeRange(start: Date, end: Date, language: string): string {
	const time = dateFormat(language, { hour: '2-digit', minute: '2-digit' })
	const sameDay = formatDate(start, language) === formatDate(end, language)
	return sameDay ? `${time.format(start)}–${time.format(end)}` : `${time.format(start)} – ${formatDate(end, language)} ${time.format(end)}`
}

export function formatDateTime(date: Date, language: string): string {
	return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A moment to the second, as the audit trail names it: "7 dec 2026, 09:15:02". */
export function formatMoment(date: Date, language: string): string {
	return dateFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date)
}

/** A calendar day (`2027-03-01`) as a date to format: noon UTC is that day in Amsterdam too. */
export const calendarDay = (date: string) => new Date(`${date}T12:00:00Z`)

/** A calendar month, `YYYY-MM-…` (its first day), as "maart 2026": noon UTC lies in that month in Amsterdam. */
export function formatMonth(month: string, language: string): string {
	return dateFormat(language, { month: 'long', year: 'numeric' }).format(new Date(`${month.slice(0, 7)}-01T12:00:00Z`))
}
