import { ScrollRegion } from './scroll-region.tsx'

// What a bulk action did, row by row (ADR 030): a refusal of one row is named and the rest is
// saved. The approvals inbox and a session's participant list both report this way; each says in
// its own words what a row is and what became of it, so this component gets the texts, not keys.

/** One row of the outcome: its name, what the table says became of it, and for a failed row the line naming why. */
export type BulkOutcomeRow = { id: string; name: string; ok: boolean; outcome: string; failure: string | null }

export type BulkOutcomeText = {
	/** Said when at least one row succeeded ("3 verzoeken goedgekeurd."). */
	done: string
	/** Said above the failed rows when others succeeded ("1 niet gelukt; de rest is opgeslagen:"). */
	failedSummary: string
	/** The disclosure's summary over the table ("Uitkomst per persoon (4)"). */
	results: string
	caption: string
	rowHeader: string
	outcomeHeader: string
}

/** The successes as a status, the failures by name as an alert, and every row's outcome in a table behind a disclosure. */
export function BulkOutcome({ rows, text }: { rows: readonly BulkOutcomeRow[]; text: BulkOutcomeText }) {
	const done = rows.filter((row) => row.ok).length
	const failed = rows.filter((row) => !row.ok)
	return (
		<>
			{done > 0 ? (
				<p className="notice notice--success" role="status">
					{text.done}
				</p>
			) : null}
			{failed.length > 0 ? (
				<div className="notice notice--error" role="alert">
					{done > 0 ? <p>{text.failedSummary}</p> : null}
					<ul>
						{failed.map((row) => (
							<li key={row.id}>{row.failure}</li>
						))}
					</ul>
				</div>
			) : null}
			<details className="decision-results">
				<summary>{text.results}</summary>
				<ScrollRegion label={text.caption}>
					<table className="sessions">
						<caption className="visually-hidden">{text.caption}</caption>
						<thead>
							<tr>
								<th scope="col">{text.rowHeader}</th>
								<th scope="col">{text.outcomeHeader}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id}>
									<th scope="row">{row.name}</th>
									<td>{row.outcome}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			</details>
		</>
	)
}
