import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { describeEffect, type MeasureRowError } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { ChangeNotice } from '../components/admin-list.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { invalidForm, parseForm, readUploadForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery, idParam } from '../core/route-params.server.ts'
import { InterventionChart } from '../features/effect/intervention-chart.tsx'
import { MEASURE_MAX_FILE_BYTES, measureCountSchema, measureFileSchema } from '../features/effect/intervention-schema.ts'
import { countMeasure, importMeasure } from '../features/effect/measure-intervention.server.ts'
import { ownInterventions } from '../features/effect/own-interventions.ts'
import { showIntervention } from '../features/effect/show-intervention.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatMonth } from '../utils/format.ts'

// One intervention (issue 18, item 3; ADR 040, ADR 044): its period and measure; the measure
// imported as CSV (every faulty line named, nothing saved) or counted from xAPI statements; each
// group's before and after, the difference in differences with its interval and the domain's
// plain-language paragraph; the chart and its numbers as a table; the values as CSV.

const HIDDEN = { hideFields: ['bestand'] }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'read', ownInterventions)
	const interventionId = idParam(params, 'interventionId', 'INTERVENTION_NOT_FOUND')
	const view = valueOrThrow(await showIntervention(context, { actor, interventionId }))
	const [t, language] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)])
	const url = new URL(request.url)
	return {
		...view,
		sentence: describeEffect(view.effect, language === 'en' ? 'en' : 'nl', { decimals: 1 }),
		saved: url.searchParams.has('opgeslagen'),
		imported: countFromQuery(url, 'geimporteerd'),
		counted: countFromQuery(url, 'geteld'),
		title: `${view.intervention.name} – ${t('app.name')}`,
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

type ActionReply = { form: 'import' | 'count'; reply: SubmissionResult<string[]>; rowErrors?: MeasureRowError[] }

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownInterventions)
	const interventionId = idParam(params, 'interventionId', 'INTERVENTION_NOT_FOUND')
	const form = await readUploadForm(request, { file: 'bestand', maxFileBytes: MEASURE_MAX_FILE_BYTES })
	const here = `/beheer/interventies/${interventionId}`
	switch (requireIntent(form, ['import', 'count'])) {
		case 'import': {
			const submission = parseForm(form, measureFileSchema)
			if (submission.status !== 'success') return data<ActionReply>({ form: 'import', reply: invalidForm(submission, HIDDEN).data }, { status: 400 })
			const imported = await importMeasure(context, { actor, interventionId, csv: await submission.value.bestand.text() })
			if (!imported.ok) {
				if (imported.kind !== 'invalid') return throwFailure(imported)
				const refused = refusedForm(submission, imported, HIDDEN)
				return data<ActionReply>({ form: 'import', reply: refused.data }, { status: refused.init?.status ?? 400 })
			}
			if (!imported.value.saved) return data<ActionReply>({ form: 'import', reply: submission.reply(HIDDEN), rowErrors: imported.value.errors }, { status: 400 })
			throw redirect(`${here}?geimporteerd=${imported.value.values}#meting`, 303)
		}
		case 'count': {
			const submission = parseForm(form, measureCountSchema)
			if (submission.status !== 'success') return data<ActionReply>({ form: 'count', reply: invalidForm(submission).data }, { status: 400 })
			const counted = await countMeasure(context, { actor, interventionId, input: submission.value })
			if (!counted.ok) return counted.kind === 'invalid' ? data<ActionReply>({ form: 'count', reply: refusedForm(submission, counted).data }, { status: 400 }) : throwFailure(counted)
			throw redirect(`${here}?geteld=${counted.value.values}#meting`, 303)
		}
	}
}

export default function InterventionPage() {
	const view = useLoaderData<typeof loader>()
	const { intervention, effect, series, teams, values, window, sentence } = view
	const reply = useActionData<typeof action>() as ActionReply | undefined
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const { t, i18n } = useTranslation()
	const language = i18n.language
	const locale = language === 'en' ? 'en-GB' : 'nl-NL'
	const number = (value: number | null, decimals = 1) => (value === null ? '—' : value.toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }))
	const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${number(Math.abs(value))}`)
	const month = (value: string) => formatMonth(value, language)
	const shortMonth = (value: string) => new Date(`${value}-01T12:00:00Z`).toLocaleDateString(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' })
	const [importForm, importFields] = useForm({
		id: 'measure-import',
		lastResult: reply?.form === 'import' ? reply.reply : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: measureFileSchema }),
		shouldValidate: 'onSubmit',
	})
	const [countForm, countFields] = useForm({
		id: 'measure-count',
		lastResult: reply?.form === 'count' ? reply.reply : undefined,
		defaultValue: { verbId: intervention.xapiVerbId ?? '', activityPrefix: intervention.xapiActivityPrefix ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: measureCountSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const rowErrors = reply?.form === 'import' ? (reply.rowErrors ?? []) : []
	const here = `/beheer/interventies/${intervention.id}`
	const groups = [
		{ key: 'trained', summary: effect.trained },
		{ key: 'comparison', summary: effect.comparison },
	] as const
	const teamName = new Map(teams.map((team) => [team.managerId, `${team.managerName} (${team.employeeNumber})`]))
	const notice = view.saved ? t('intervention.saved') : view.imported !== null ? t('intervention.imported', { count: view.imported }) : view.counted !== null ? t('intervention.counted', { count: view.counted }) : null
	return (
		<div className="container page intervention-page">
			<p>
				<Link to="/beheer/interventies">{t('intervention.back')}</Link>
			</p>
			<h1>{intervention.name}</h1>
			<ChangeNotice text={notice} />
			<dl className="facts">
				<dt>{t('intervention.period')}</dt>
				<dd>{t('intervention.runs', { from: month(intervention.firstMonth), to: month(intervention.lastMonth) })}</dd>
				{intervention.courseTitle ? (
					<>
						<dt>{t('intervention.course')}</dt>
						<dd>{intervention.courseTitle}</dd>
					</>
				) : null}
				<dt>{t('intervention.measure')}</dt>
				<dd>
					{intervention.measureName}. {t(`intervention.betterIs_${intervention.better}`)}
				</dd>
				<dt>{t('intervention.trainedTeams')}</dt>
				<dd>{teams.filter((team) => team.trained).map((team) => teamName.get(team.managerId)).join(', ')}</dd>
			</dl>
			{intervention.description ? <p>{intervention.description}</p> : null}
			<p>{t('intervention.window', { before: intervention.monthsBefore, after: intervention.monthsAfter, from: month(window.fromMonth), to: month(window.toMonth) })}</p>
			<p>
				<Link to={`${here}/wijzigen`}>{t('intervention.edit')}</Link>
			</p>

			<section aria-labelledby="effect">
				<h2 id="effect">{t('intervention.effectTitle')}</h2>
				<p className="effect-sentence">{sentence}</p>
				{effect.estimate ? (
					<p>
						{t('intervention.estimate', { difference: signed(effect.estimate.difference), lower: number(effect.estimate.interval.lower), upper: number(effect.estimate.interval.upper) })}
					</p>
				) : null}
				<h3 id="groepen">{t('intervention.groupsTitle')}</h3>
				<ScrollRegion labelledBy="groepen">
					<table className="sessions">
						<thead>
							<tr>
								<th scope="col">{t('intervention.group')}</th>
								<th scope="col">{t('intervention.teamsCounted')}</th>
								<th scope="col">{t('intervention.meanBefore')}</th>
								<th scope="col">{t('intervention.meanAfter')}</th>
								<th scope="col">{t('intervention.change')}</th>
							</tr>
						</thead>
						<tbody>
							{groups.map(({ key, summary }) => (
								<tr key={key}>
									<th scope="row">{t(`intervention.group_${key}`)}</th>
									<td>{summary.teams}</td>
									<td>{number(summary.meanBefore)}</td>
									<td>{number(summary.meanAfter)}</td>
									<td>{signed(summary.change)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			</section>

			{values.length > 0 ? (
				<section aria-labelledby="grafiek">
					<h2 id="grafiek">{t('intervention.chartTitle', { measure: intervention.measureName })}</h2>
					<InterventionChart
						id="interventie-grafiek"
						series={series}
						texts={{
							title: t('intervention.chartTitle', { measure: intervention.measureName }),
							desc: t('intervention.chartDesc', { from: month(window.fromMonth), to: month(window.toMonth), first: month(intervention.firstMonth), last: month(intervention.lastMonth) }),
							during: t('intervention.chartDuring'),
							trained: t('intervention.group_trained'),
							comparison: t('intervention.group_comparison'),
							monthLabel: shortMonth,
							number: (value) => number(value, Number.isInteger(value) ? 0 : 1),
						}}
					/>
					<ScrollRegion labelledBy="maanden">
						<table className="sessions">
							<caption id="maanden">{t('intervention.tableTitle')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('intervention.month')}</th>
									<th scope="col">{t('intervention.phase')}</th>
									<th scope="col">{t('intervention.group_trained')}</th>
									<th scope="col">{t('intervention.group_comparison')}</th>
								</tr>
							</thead>
							<tbody>
								{series.map((row) => (
									<tr key={row.month}>
										<th scope="row">{month(row.month)}</th>
										<td>{t(`intervention.phase_${row.phase}`)}</td>
										<td>{row.trained.mean === null ? '—' : t('intervention.meanOf', { mean: number(row.trained.mean), teams: row.trained.teams })}</td>
										<td>{row.comparison.mean === null ? '—' : t('intervention.meanOf', { mean: number(row.comparison.mean), teams: row.comparison.teams })}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
					<h3 id="per-team">{t('intervention.teamTableTitle')}</h3>
					<ScrollRegion labelledBy="per-team">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('intervention.team')}</th>
									<th scope="col">{t('intervention.group')}</th>
									<th scope="col">{t('intervention.meanBefore')}</th>
									<th scope="col">{t('intervention.meanAfter')}</th>
									<th scope="col">{t('intervention.change')}</th>
								</tr>
							</thead>
							<tbody>
								{effect.teams.map((team) => (
									<tr key={team.teamId}>
										<th scope="row">{teamName.get(team.teamId) ?? '—'}</th>
										<td>{t(`intervention.group_${team.group}`)}</td>
										<td>{number(team.meanBefore)}</td>
										<td>{number(team.meanAfter)}</td>
										<td>{signed(team.change)}</td>
									</tr>
								))}
								{effect.leftOut.map((team) => (
									<tr key={team.teamId}>
										<th scope="row">{teamName.get(team.teamId) ?? '—'}</th>
										<td>{t(`intervention.group_${team.group}`)}</td>
										<td colSpan={3}>{t('intervention.leftOut', { missing: t(`intervention.missing_${team.missing}`) })}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
					<p>
						<a href={`${here}/metingen`} download>
							{t('intervention.export')}
						</a>
					</p>
				</section>
			) : null}

			<section aria-labelledby="meting">
				<h2 id="meting">{t('intervention.measureTitle')}</h2>
				<p>{intervention.measureSource ? t('intervention.measureFrom', { count: values.length, source: t(`intervention.source_${intervention.measureSource}`) }) : t('intervention.measureNone')}</p>

				<h3 id="importeren">{t('intervention.importTitle')}</h3>
				<p>{t('intervention.importIntro')}</p>
				{rowErrors.length > 0 ? (
					<div className="error-summary" role="alert" aria-labelledby="regelfouten">
						<h4 id="regelfouten">{t('intervention.rowErrorsTitle')}</h4>
						<p>{t('intervention.rowErrorsIntro', { count: rowErrors.length })}</p>
						<ScrollRegion labelledBy="regelfouten">
							<table className="sessions">
								<thead>
									<tr>
										<th scope="col">{t('intervention.line')}</th>
										<th scope="col">{t('intervention.lineText')}</th>
										<th scope="col">{t('intervention.reason')}</th>
									</tr>
								</thead>
								<tbody>
									{rowErrors.map((row) => (
										<tr key={row.line}>
											<th scope="row">{row.line}</th>
											<td>
												<code>{row.text}</code>
											</td>
											<td>{t(`intervention.row_${row.code}`)}</td>
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					</div>
				) : null}
				<Form method="post" encType="multipart/form-data" action={here} className="form" {...getFormProps(importForm)}>
					<input type="hidden" name="intent" value="import" />
					<ErrorSummary form={importForm} fields={[{ meta: importFields.bestand, label: t('intervention.file') }]} />
					<Field meta={importFields.bestand} label={t('intervention.file')} hint={t('intervention.fileHint')} type="file" controlProps={{ accept: '.csv,text/csv' }} />
					<button type="submit" className="button" disabled={busy}>
						{t('intervention.import')}
					</button>
				</Form>

				<h3 id="tellen">{t('intervention.countTitle')}</h3>
				<p>{t('intervention.countIntro')}</p>
				<Form method="post" action={here} className="form" {...getFormProps(countForm)}>
					<input type="hidden" name="intent" value="count" />
					<ErrorSummary
						form={countForm}
						fields={[
							{ meta: countFields.verbId, label: t('intervention.verb') },
							{ meta: countFields.activityPrefix, label: t('intervention.prefix') },
						]}
					/>
					<Field meta={countFields.verbId} label={t('intervention.verb')} hint={t('intervention.verbHint')} controlProps={{ autoComplete: 'off' }} />
					<Field meta={countFields.activityPrefix} label={t('intervention.prefix')} hint={t('intervention.prefixHint')} controlProps={{ autoComplete: 'off' }} />
					<button type="submit" className="button button--secondary" disabled={busy}>
						{t('intervention.count')}
					</button>
				</Form>
			</section>
		</div>
	)
}
