/** Presentation of money, durations and dates; always in the Dutch time zone, in the reader's language. */
const TIME_ZONE = 'Europe/Amsterdam'
const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const

function localeOf(language: string): string {
	return language === 'en' ? LOCALES.en : LOCALES.nl
}

export function formatPrice(cents: number, language: string): string {
	return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

/** A duration as the unit a person would name it: minutes, hours, or working days of eight hours. */
export function durationParts(minutes: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
	if (minutes < 60) return { unit: 'minutes', count: minutes }
	if (minutes < 8 * 60) return { unit: 'hours', count: Math.round((minutes / 60) * 2) / 2 }
	return { unit: 'days', count: Math.round((minutes / (8 * 60)) * 2) / 2 }
}

export function formatDate(date: Date, language: string): string {
	return new Intl.DateTimeFormat(localeOf(language), {
		weekday: 'short',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: TIME_ZONE,
	}).format(date)
}

export function formatTimeRange(start: Date, end: Date, language: string): string {
	const time = new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE })
	const sameDay = formatDate(start, language) === formatDate(end, language)
	return sameDay ? `${time.format(start)}–${time.format(end)}` : `${time.format(start)} – ${formatDate(end, language)} ${time.format(end)}`
}

export function formatDateTime(date: Date, language: string): string {
	return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date)
}
