import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { isUuid } from '@leerplein/domain'
import { useTranslation } from 'react-i18next'
import { AdminList, AdminSection, ChangeNotice } from '../components/admin-list.tsx'
import { ErrorSummary, Field } from '../components/field.tsx'
import { invalidForm, parseForm, readForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { invariantResponse, throwFailure, valueOrThrow } from '../core/http.server.ts'
import { countFromQuery } from '../core/route-params.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { levelName } from '../features/passport/levels.ts'
import { evidenceRuleConstraint, evidenceRuleSchema, ruleSwitchSchema } from '../features/xapi/evidence-rule-schema.ts'
import { askedUnit, xapiClientsOf } from '../features/xapi/clients.server.ts'
import { addXapiEvidenceRule, showXapiEvidenceRules, switchXapiEvidenceRule, type EvidenceRuleView, type XapiRulesView } from '../features/xapi/manage-xapi-rules.server.ts'
import { UnitPicker } from '../features/xapi/unit-picker.tsx'
import { i18next } from '../i18n/i18next.server.ts'

// Statements that count (ADR 039): the unit's rules that turn xAPI statements into passport
// evidence — add (switched off), preview, switch on and off. For the unit's coordinators, and the
// concern administrator for the unit named in `?eenheid=` (as on /beheer/xapi-systemen and /beheer/xapi-privacy).

const PATH = '/beheer/xapi-regels'

/** This page's address for the unit the concern administrator chose (none for a coordinator's own unit), with `params`. */
function pageHref(unitParam: string | null, params: Record<string, string> = {}): string {
	const search = new URLSearchParams({ ...(unitParam ? { eenheid: unitParam } : {}), ...params }).toString()
	return search ? `${PATH}?${search}` : PATH
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const url = new URL(request.url)
	const asked = askedUnit(url)
	const previewId = url.searchParams.get('voorbeeld')
	invariantResponse(previewId === null || isUuid(previewId), 404, 'XAPI_RULE_NOT_FOUND')
	const view = valueOrThrow(await showXapiEvidenceRules(context, { actor, unitId: asked, previewId }))
	const t = await i18next.getFixedT(request)
	return {
		title: `${t('xapiRules.title')} – ${t('app.name')}`,
		view,
		// Only a unit asked for by name stays in the page's links; a coordinator's own unit needs none.
		unitParam: asked && view.unit ? view.unit.id : null,
		added: url.searchParams.has('toegevoegd'),
		switchedOn: countFromQuery(url, 'aan'),
		switchedOff: url.searchParams.has('uit'),
	}
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export async function action({ request, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', xapiClientsOf(new URL(request.url)))
	const asked = askedUnit(new URL(request.url))
	const form = await readForm(request)
	switch (requireIntent(form, ['add', 'switch-on', 'switch-off'])) {
		case 'add': {
			const submission = parseForm(form, evidenceRuleSchema)
			if (submission.status !== 'success') return invalidForm(submission)
			const added = await addXapiEvidenceRule(context, { actor, unitId: asked, input: submission.value })
			if (!added.ok) return added.kind === 'invalid' ? refusedForm(submission, added) : throwFailure(added)
			return redirect(`${pageHref(asked, { toegevoegd: '1', voorbeeld: added.value.ruleId })}#voorbeeld`, 303)
		}
		case 'switch-on':
		case 'switch-off': {
			const submission = parseForm(form, ruleSwitchSchema)
			invariantResponse(submission.status === 'success', 404, 'XAPI_RULE_NOT_FOUND')
			const active = form.get('intent') === 'switch-on'
			const done = valueOrThrow(await switchXapiEvidenceRule(context, { actor, unitId: asked, ruleId: submission.value.ruleId, active }))
			return redirect(pageHref(asked, active ? { aan: String(done.evidence) } : { uit: '1' }), 303)
		}
	}
}

export default function XapiRules() {
	const { view, unitParam, added, switchedOn, switchedOff } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const { t } = useTranslation()
	const busy = navigation.state === 'submitting'
	const here = pageHref(unitParam)
	return (
		<div className="container page xapi-rules-page">
			<h1>{t('xapiRules.title')}</h1>
			<p className="lead">{t('xapiRules.intro')}</p>

			{view.units ? (
				<UnitPicker
					units={view.units}
					chosen={view.unit?.id ?? null}
					texts={{ heading: t('xapiRules.unitTitle'), intro: t('xapiRules.unitIntro'), label: t('xapiRules.unit'), choose: t('xapiRules.unitChoose'), show: t('xapiRules.unitShow') }}
				/>
			) : null}

			{view.unit ? (
				<>
					{view.preview ? (
						<AdminSection id="voorbeeld" heading={t('xapiRules.previewTitle', { name: view.preview.rule.name })}>
							<ChangeNotice text={added ? t('xapiRules.added') : null} />
							<p>
								<strong>{t('xapiRules.previewResult', { count: view.preview.greened })}</strong> {t('xapiRules.previewEvidence', { count: view.preview.evidence })}
							</p>
							<p>{t('xapiRules.previewBasis', { competency: view.preview.rule.competencyName })}</p>
							{view.preview.sample.length > 0 ? (
								<>
									<p>{t('xapiRules.previewSample')}</p>
									<ul>
										{view.preview.sample.map((name) => (
											<li key={name}>{name}</li>
										))}
									</ul>
								</>
							) : null}
							<p>
								<ConditionText rule={view.preview.rule} />
							</p>
							{view.preview.rule.active ? null : (
								<Form method="post" action={here}>
									<input type="hidden" name="intent" value="switch-on" />
									<input type="hidden" name="ruleId" value={view.preview.rule.id} />
									<button type="submit" className="button" disabled={busy}>
										{t('xapiRules.switchOn')}
									</button>
								</Form>
							)}
						</AdminSection>
					) : null}

					<AdminList
						id="regels"
						heading={view.units ? t('xapiRules.forUnit', { unit: view.unit.name }) : t('xapiRules.listTitle')}
						columns={[t('xapiRules.name'), t('xapiRules.competency'), t('xapiRules.condition'), t('xapiRules.state'), t('xapiRules.actions')]}
						empty={view.rules.length === 0}
						emptyText={t('xapiRules.empty')}
					>
						{view.rules.map((rule) => (
							<tr key={rule.id}>
								<th scope="row">{rule.name}</th>
								<td>
									{rule.competencyName}
									{rule.grantsLevel !== null ? ` (${t('xapiRules.atLevel', { level: levelName(rule.competencyLevels, rule.grantsLevel) })})` : null}
								</td>
								<td>
									<ConditionText rule={rule} />
								</td>
								<td>{rule.active ? t('xapiRules.on') : t('xapiRules.off')}</td>
								<td>
									{rule.active ? (
										<Form method="post" action={here}>
											<input type="hidden" name="intent" value="switch-off" />
											<input type="hidden" name="ruleId" value={rule.id} />
											<button type="submit" className="button button--secondary" disabled={busy} aria-label={t('xapiRules.switchOffLabel', { name: rule.name })}>
												{t('xapiRules.switchOff')}
											</button>
										</Form>
									) : (
										<Link to={`${pageHref(unitParam, { voorbeeld: rule.id })}#voorbeeld`}>{t('xapiRules.preview')}</Link>
									)}
								</td>
							</tr>
						))}
					</AdminList>
					<ChangeNotice text={switchedOn !== null ? t('xapiRules.switchedOn', { count: switchedOn }) : switchedOff ? t('xapiRules.switchedOff') : null} />

					<AdminSection id="toevoegen" heading={t('xapiRules.addTitle')}>
						<RuleForm competencies={view.competencies} unitParam={unitParam} busy={busy} />
					</AdminSection>
				</>
			) : null}
		</div>
	)
}

/** "5 × …/performed on activity …salmonella-* within 12 months, successfully". */
function ConditionText({ rule }: { rule: EvidenceRuleView }) {
	const { t } = useTranslation()
	const what = rule.activityMatch === 'id' ? t('xapiRules.byId', { pattern: rule.activityPattern }) : t('xapiRules.byType', { pattern: rule.activityPattern })
	const extra = [
		rule.requiresSuccess ? t('xapiRules.withSuccess') : null,
		rule.minScoreKind === 'scaled' ? t('xapiRules.withScaled', { score: rule.minScore }) : rule.minScoreKind === 'raw' ? t('xapiRules.withRaw', { score: rule.minScore }) : null,
	].filter(Boolean)
	return (
		<span className="xapi-rule-condition">
			{t('xapiRules.conditionText', { count: rule.requiredCount, verb: rule.verbId, what, months: rule.periodMonths })}
			{extra.length > 0 ? `, ${extra.join(', ')}` : null}
		</span>
	)
}

const FIELDS = ['name', 'competencyId', 'grantsLevel', 'verbId', 'activityMatch', 'activityPattern', 'requiresSuccess', 'minScoreKind', 'minScore', 'requiredCount', 'periodMonths'] as const

/** The rule form; each refusal beside its field, nothing typed lost. */
function RuleForm({ competencies, unitParam, busy }: { competencies: XapiRulesView['competencies']; unitParam: string | null; busy: boolean }) {
	const lastResult = useActionData<typeof action>()
	const { t } = useTranslation()
	const [form, fields] = useForm({
		id: 'xapi-rule',
		lastResult,
		constraint: evidenceRuleConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: evidenceRuleSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { requiresSuccess: 'yes', minScoreKind: 'none', requiredCount: '1', periodMonths: '12' },
	})
	const labels: Record<(typeof FIELDS)[number], string> = {
		name: t('xapiRules.name'),
		competencyId: t('xapiRules.competency'),
		grantsLevel: t('xapiRules.grantsLevel'),
		verbId: t('xapiRules.verbId'),
		activityMatch: t('xapiRules.activityMatch'),
		activityPattern: t('xapiRules.activityPattern'),
		requiresSuccess: t('xapiRules.requiresSuccess'),
		minScoreKind: t('xapiRules.minScoreKind'),
		minScore: t('xapiRules.minScore'),
		requiredCount: t('xapiRules.requiredCount'),
		periodMonths: t('xapiRules.periodMonths'),
	}
	return (
		<Form method="post" action={pageHref(unitParam)} className="form" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="add" />
			<ErrorSummary form={form} fields={FIELDS.map((name) => ({ meta: fields[name], label: labels[name] }))} />
			<Field meta={fields.name} label={labels.name} hint={t('xapiRules.nameHint')} controlProps={{ autoComplete: 'off' }} />
			<Field
				meta={fields.competencyId}
				label={labels.competencyId}
				as="select"
				options={[{ value: '', label: t('xapiRules.chooseCompetency') }, ...competencies.map((competency) => ({ value: competency.id, label: competency.levels.length === 0 ? competency.name : `${competency.name} (${competency.levels.map((name, index) => `${index + 1} ${name}`).join(', ')})` }))]}
			/>
			<Field meta={fields.grantsLevel} label={labels.grantsLevel} hint={t('xapiRules.grantsLevelHint')} type="number" controlProps={{ inputMode: 'numeric' }} />
			<Field meta={fields.verbId} label={labels.verbId} hint={t('xapiRules.verbIdHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
			<Field
				meta={fields.activityMatch}
				label={labels.activityMatch}
				as="select"
				options={[
					{ value: '', label: t('xapiRules.chooseActivityMatch') },
					{ value: 'id', label: t('xapiRules.activityById') },
					{ value: 'type', label: t('xapiRules.activityByType') },
				]}
			/>
			<Field meta={fields.activityPattern} label={labels.activityPattern} hint={t('xapiRules.activityPatternHint')} controlProps={{ autoComplete: 'off', spellCheck: false }} />
			<Field
				meta={fields.requiresSuccess}
				label={labels.requiresSuccess}
				as="select"
				options={[
					{ value: 'yes', label: t('xapiRules.yes') },
					{ value: 'no', label: t('xapiRules.no') },
				]}
			/>
			<Field
				meta={fields.minScoreKind}
				label={labels.minScoreKind}
				as="select"
				options={[
					{ value: 'none', label: t('xapiRules.scoreNone') },
					{ value: 'scaled', label: t('xapiRules.scoreScaled') },
					{ value: 'raw', label: t('xapiRules.scoreRaw') },
				]}
			/>
			<Field meta={fields.minScore} label={labels.minScore} hint={t('xapiRules.minScoreHint')} controlProps={{ inputMode: 'decimal' }} />
			<Field meta={fields.requiredCount} label={labels.requiredCount} hint={t('xapiRules.requiredCountHint')} type="number" controlProps={{ inputMode: 'numeric' }} />
			<Field meta={fields.periodMonths} label={labels.periodMonths} hint={t('xapiRules.periodMonthsHint')} type="number" controlProps={{ inputMode: 'numeric' }} />
			<button type="submit" className="button" disabled={busy}>
				{t('xapiRules.add')}
			</button>
		</Form>
	)
}
