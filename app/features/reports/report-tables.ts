import type { TFunction } from 'i18next'
import type { ParticipationFigures } from '@leerplein/domain'
import type { Table } from '../../core/table-files.server.ts'
import { formatPrice } from '../../utils/format.ts'
import type { ConcernReport } from './show-concern-report.server.ts'
import type { UnitReport } from './show-unit-report.server.ts'

// The report's tables as cells of text: what the page shows under each chart and what the CSV,
// XLSX and ODS hold, built once so they cannot differ (ADR 043).

export const REPORT_TABLES = ['maanden', 'opleidingen', 'budget'] as const
export type ReportTableName = (typeof REPORT_TABLES)[number]

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'nl-NL')

export function reportNumber(value: number | null, language: string): string {
	return value === null ? '' : value.toLocaleString(locale(language), { maximumFractionDigits: 1 })
}

function participationHeader(t: TFunction): string[] {
	return [
		t('report.participants'),
		t('report.completed'),
		t('report.noShows'),
		t('report.cancellations'),
		t('report.lateCancellations'),
		t('report.waiting'),
		t('report.completionRate'),
		t('report.noShowShare'),
	]
}

function participationCells(figures: ParticipationFigures, language: string): string[] {
	const n = (value: number | null) => reportNumber(value, language)
	return [
		n(figures.participants),
		n(figures.completed),
		n(figures.noShows),
		n(figures.cancellations),
		n(figures.lateCancellations),
		n(figures.waiting),
		n(figures.completionRate),
		n(figures.noShowShare),
	]
}

/** `YYYY-MM` as the table writes it: the ISO month, unambiguous in every spreadsheet and language. */
export function reportTable(report: UnitReport, name: ReportTableName, t: TFunction, language: string): Table {
	switch (name) {
		case 'maanden':
			return {
				header: [t('report.month'), ...participationHeader(t)],
				rows: [...report.months.map(({ month, figures }) => [month, ...participationCells(figures, language)]), [t('report.total'), ...participationCells(report.total, language)]],
			}
		case 'opleidingen':
			return {
				header: [t('report.course'), ...participationHeader(t), t('report.evaluations'), t('report.statementMean'), t('report.nps')],
				rows: report.courses.map(({ courseTitle, figures, evaluation }) => [
					courseTitle,
					...participationCells(figures, language),
					reportNumber(evaluation?.responses ?? 0, language),
					evaluation?.shown ? reportNumber(evaluation.statementMean, language) : '',
					evaluation?.shown ? reportNumber(evaluation.netPromoterScore, language) : '',
				]),
			}
		case 'budget': {
			const { budget } = report
			const money = (cents: number) => formatPrice(cents, language)
			return {
				header: ['', t('report.amount'), t('report.share')],
				rows: [
					[t('report.budget'), money(budget.budgetCents), reportNumber(budget.budgetCents > 0 ? 100 : null, language)],
					[t('report.committed'), money(budget.committedCents), reportNumber(budget.committedShare, language)],
					[t('report.spent'), money(budget.spentCents), reportNumber(budget.spentShare, language)],
					[t('report.left'), money(budget.leftCents), ''],
				],
			}
		}
		default:
			return unreachable(name)
	}
}

function unreachable(value: never): never {
	throw new Error(`Unknown report table ${String(value)}`)
}

/** The concern's table: one row per unit (its full name), then the concern's total; the page's cells and the files'. */
export function concernTable(report: ConcernReport, t: TFunction, language: string): Table {
	return {
		header: [t('report.unit'), ...participationHeader(t)],
		rows: [...report.units.map(({ name, figures }) => [name, ...participationCells(figures, language)]), [t('report.total'), ...participationCells(report.total, language)]],
	}
}
