import { getFormProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ErrorSummary, Field } from '../components/field.tsx'
import { ScrollRegion } from '../components/scroll-region.tsx'
import { parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure } from '../core/http.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { importEvidence, type ImportReport } from '../features/passport/import-evidence.server.ts'
import { levelName } from '../features/passport/levels.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { calendarDay, formatDate } from '../utils/format.ts'

const PATH = '/paspoorten/importeren'

/** The unit's coordinators import evidence into its passports. */
const ownUnitEvidence = (actor: { tenantId: string }) => ({ kind: 'passport_evidence', tenantId: actor.tenantId, userId: null }) as const

const importSchema = z.object({ intent: z.enum(['check', 'import']), csv: z.string().optional(), bestand: z.any().optional() })

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requirePermission(request, context, 'create', ownUnitEvidence)
	const imported = Number(new URL(request.url).searchParams.get('geimporteerd'))
	const t = await i18next.getFixedT(request)
	return { imported: Number.isInteger(imported) && imported > 0 ? imported : null, title: `${t('passportImport.title')} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'create', ownUnitEvidence)
	const form = await readForm(request, { multiline: ['csv'] })
	const intent = requireIntent(form, ['check', 'import'])
	const submission = parseForm(form, importSchema)
	// A chosen file wins over pasted text; the check's page carries the text on to the import.
	const file = form.get('bestand')
	const csv = file instanceof File && file.size > 0 ? await file.text() : String(form.get('csv') ?? '')
	const result = await importEvidence(context, { actor, csv, commit: intent === 'import' })
	if (!result.ok) return result.kind === 'forbidden' ? throwFailure(result) : refusedForm(submission, result, { hideFields: ['bestand'] })
	if (intent === 'import') return redirect(`${PATH}?geimporteerd=${result.value.imported ?? 0}`)
	return data({ report: result.value, csv })
}

type Checked = { report: ImportReport; csv: string }
const isChecked = (value: unknown): value is Checked => typeof value === 'object' && value !== null && 'report' in value

export default function ImportEvidence() {
	const { imported } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const checked = isChecked(actionData) ? actionData : null
	const lastResult = checked ? undefined : (actionData as Parameters<typeof useForm<{ csv: string }>>[0]['lastResult'])
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const [form, fields] = useForm<{ csv: string }>({ id: 'import', lastResult, shouldValidate: 'onSubmit' })
	const busy = navigation.state === 'submitting'
	// Refused rows first: they are what the coordinator has to look at.
	const rows = checked ? [...checked.report.rows].sort((a, b) => Number(a.outcome === 'OK') - Number(b.outcome === 'OK') || a.line - b.line) : []
	return (
		<div className="container page">
			<h1>{t('passportImport.title')}</h1>
			<p className="lead">{t('passportImport.intro')}</p>
			<p>{t('passportImport.format')}</p>
			{imported ? (
				<p className="notice notice--success" role="status">
					{t('passportImport.imported', { count: imported })}
				</p>
			) : null}
			<Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
				<ErrorSummary form={form} fields={[{ meta: fields.csv, label: t('passportImport.text') }]} />
				<div className="field">
					<label htmlFor="import-bestand">{t('passportImport.file')}</label>
					<p className="hint" id="import-bestand-hint">
						{t('passportImport.fileHint')}
					</p>
					<input type="file" id="import-bestand" name="bestand" accept=".csv,text/csv" aria-describedby="import-bestand-hint" />
				</div>
				<Field meta={fields.csv} label={t('passportImport.text')} as="textarea" rows={6} />
				<button type="submit" name="intent" value="check" className="button" disabled={busy}>
					{t('passportImport.check')}
				</button>
			</Form>

			{checked ? (
				<section aria-labelledby="import-result-title">
					<h2 id="import-result-title">{t('passportImport.caption')}</h2>
					<p role="status">{t('passportImport.checked', { valid: checked.report.valid, refused: checked.report.refused })}</p>
					<ScrollRegion labelledBy="import-result-title">
						<table className="sessions">
							<thead>
								<tr>
									<th scope="col">{t('passportImport.line')}</th>
									<th scope="col">{t('passportImport.person')}</th>
									<th scope="col">{t('passportImport.competency')}</th>
									<th scope="col">{t('passportImport.date')}</th>
									<th scope="col">{t('passportImport.level')}</th>
									<th scope="col">{t('passportImport.outcome')}</th>
								</tr>
							</thead>
							<tbody>
								{rows.map((row) => (
									<tr key={row.line}>
										<th scope="row">{row.line}</th>
										<td>{row.personName ?? row.person}</td>
										<td>{row.competency}</td>
										<td>{row.occurredOn ? formatDate(calendarDay(row.occurredOn), i18n.language) : row.date}</td>
										<td>{levelName(row.levelNames, row.levelNumber) ?? row.level}</td>
										<td>{t(`passportImport.outcome_${row.outcome}`, { levels: row.levelNames.map((name, index) => `${index + 1} ${name}`).join(', ') })}</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
					{checked.report.valid > 0 ? (
						<Form method="post" encType="multipart/form-data">
							<input type="hidden" name="csv" value={checked.csv} />
							<button type="submit" name="intent" value="import" className="button" disabled={busy}>
								{t('passportImport.import', { count: checked.report.valid })}
							</button>
						</Form>
					) : null}
				</section>
			) : null}
			<p>
				<Link to="/paspoorten">{t('passportImport.back')}</Link>
			</p>
		</div>
	)
}
