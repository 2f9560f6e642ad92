import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requirePermission, requireSignedIn } from '../auth/guards.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { findUnitRules, type RuleRow } from '../services/show-unit-rules.server.ts'
import { formatPrice } from '../utils/format.ts'
import { invariantResponse } from '../utils/http.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	await requireSignedIn(request, context)
	const unit = await findUnitRules(context, { slug: params.slug ?? '' })
	invariantResponse(unit, 404, 'TENANT_NOT_FOUND')
	await requirePermission(request, context, 'read', { kind: 'tenant', tenantId: unit.tenant.id })
	const t = await i18next.getFixedT(request)
	return { ...unit, title: `${t('unitRules.title', { unit: unit.tenant.name })} – ${t('app.name')}` }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function UnitRules() {
	const { tenant, rules } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<div className="container page">
			<h1>{t('unitRules.title', { unit: tenant.name })}</h1>
			<p className="lead">{t('unitRules.intro')}</p>
			<div className="table-scroll">
				<table className="sessions">
					<thead>
						<tr>
							<th scope="col">{t('unitRules.rule')}</th>
							<th scope="col">{t('unitRules.value')}</th>
							<th scope="col">{t('unitRules.source')}</th>
						</tr>
					</thead>
					<tbody>
						{rules.map((rule) => (
							<tr key={rule.key}>
								<th scope="row">{t(`unitRules.${rule.key}`)}</th>
								<td>
									<RuleValue rule={rule} />
								</td>
								<td>{rule.own ? t('unitRules.own') : t('unitRules.concern')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</div>
	)
}

function RuleValue({ rule }: { rule: RuleRow }) {
	const { t, i18n } = useTranslation()
	const yesNo = (value: boolean) => (value ? t('unitRules.yes') : t('unitRules.no'))
	switch (rule.key) {
		case 'approval':
			if (rule.value.mode === 'never') return t('unitRules.approvalNever')
			if (rule.value.mode === 'always') return t('unitRules.approvalAlways')
			return t('unitRules.approvalAbovePrice', { price: formatPrice(rule.value.thresholdCents, i18n.language) })
		case 'yearlyBudgetCents':
			return formatPrice(rule.value, i18n.language)
		case 'costCentreRequired':
		case 'acceptsOtherUnits':
			return yesNo(rule.value)
		case 'freeCancellationDays':
			return t('unitRules.days', { count: rule.value })
		case 'noShowPolicy':
			return t(`unitRules.noShow_${rule.value}`)
		case 'defaultLanguage':
			return t(`courseLanguage.${rule.value}`)
		case 'branding':
			return null
		default: {
			const unreachable: never = rule
			return unreachable
		}
	}
}
