import { Form } from '@remix-run/react'
import { AdminSection } from '../../components/admin-list.tsx'

/**
 * The concern administrator's choice of the one unit an xAPI page acts for (`?eenheid=`, ADR 039):
 * a plain GET form, so the choice is a link like any other. Each page words it for what it does.
 */
export function UnitPicker({
	units,
	chosen,
	texts,
}: {
	units: readonly { id: string; name: string }[]
	chosen: string | null
	texts: { heading: string; intro: string; label: string; choose: string; show: string }
}) {
	return (
		<AdminSection id="xapi-unit-title" heading={texts.heading}>
			<p>{texts.intro}</p>
			<Form method="get" className="inline-search">
				<label htmlFor="xapi-unit">{texts.label}</label>
				<select id="xapi-unit" name="eenheid" defaultValue={chosen ?? ''}>
					<option value="">{texts.choose}</option>
					{units.map((option) => (
						<option key={option.id} value={option.id}>
							{option.name}
						</option>
					))}
				</select>
				<button type="submit" className="button button--secondary">
					{texts.show}
				</button>
			</Form>
		</AdminSection>
	)
}
