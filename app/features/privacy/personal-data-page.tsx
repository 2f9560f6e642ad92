import type { PersonalData } from './personal-data.ts'
import type { TFunction } from 'i18next'

/** A value as a person reads it: text as it is, anything else as compact JSON. */
const readable = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value))

/**
 * The readable page in the archive: one section per table with its rows as field–value lists.
 * A document of its own (opened from the ZIP, offline): its styling is inline and small.
 */
export function PersonalDataPage({ data, name, date, contact, language, t }: { data: PersonalData; name: string; date: string; contact: string; language: string; t: TFunction }) {
	const tables = Object.entries(data).sort(([a], [b]) => a.localeCompare(b))
	return (
		<html lang={language}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{t('privacy.pageTitle')}</title>
				<style>{'body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;margin:0 0 1rem;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}caption{text-align:left;font-weight:bold}'}</style>
			</head>
			<body>
				<main>
					<h1>{t('privacy.pageTitle')}</h1>
					<p>{t('privacy.pageIntro', { name, date })}</p>
					{tables.map(([table, rows]) => (
						<section key={table} aria-labelledby={`t-${table}`}>
							<h2 id={`t-${table}`}>
								{table} ({t('privacy.rowCount', { count: rows.length })})
							</h2>
							{rows.length === 0 ? <p>{t('privacy.noRows')}</p> : null}
							{rows.map((row, index) => (
								<table key={index}>
									<caption>{t('privacy.row', { number: index + 1 })}</caption>
									<thead>
										<tr>
											<th scope="col">{t('privacy.field')}</th>
											<th scope="col">{t('privacy.value')}</th>
										</tr>
									</thead>
									<tbody>
										{Object.entries(row).map(([field, value]) => (
											<tr key={field}>
												<th scope="row">{field}</th>
												<td>{readable(value)}</td>
											</tr>
										))}
									</tbody>
								</table>
							))}
						</section>
					))}
					<p>{t('privacy.questions', { contact })}</p>
				</main>
			</body>
		</html>
	)
}
