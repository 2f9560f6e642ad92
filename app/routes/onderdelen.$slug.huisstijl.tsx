import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { checkAccentColour, CONCERN_ACCENT_COLOUR, darkerShade, displayRatio, MAX_LOGO_BYTES } from '@leerplein/domain'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/field.tsx'
import { invalidForm, parseForm, readUploadForm, refusedForm, requireIntent } from '../core/form.server.ts'
import { throwFailure, valueOrThrow } from '../core/http.server.ts'
import { brandingConstraint, brandingSchema } from '../features/branding/branding-schema.ts'
import { resetUnitBranding } from '../features/branding/reset-unit-branding.server.ts'
import { showUnitBranding } from '../features/branding/show-unit-branding.server.ts'
import { updateUnitBranding } from '../features/branding/update-unit-branding.server.ts'
import { ownUnit, requirePermission } from '../features/identity/guard.server.ts'
import { i18next } from '../i18n/i18next.server.ts'
import { formatDateTime } from '../utils/format.ts'

// A unit's own look (issue 19, item 2; ADR 052): its coordinators set its logo and accent colour,
// or go back to the concern's. Like the unit's P&O rules: the unit's own coordinators only.

const HIDDEN = { hideFields: ['logo'] }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	// Only a coordinator gets past the guard; the service checks the URL names their own unit (403 for any other).
	const { actor } = await requirePermission(request, context, 'update', ownUnit)
	const page = valueOrThrow(await showUnitBranding(context, { actor, slug: params.slug ?? '' }))
	const t = await i18next.getFixedT(request)
	return { ...page, title: `${t('branding.title', { unit: page.tenant.name })} – ${t('app.name')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const { actor } = await requirePermission(request, context, 'update', ownUnit)
	// Any unit but the actor's own is a 403 before the form is read, so no crafted slug meets a 400 first.
	const slug = valueOrThrow(await showUnitBranding(context, { actor, slug: params.slug ?? '' })).tenant.slug
	const form = await readUploadForm(request, { file: 'logo', maxFileBytes: MAX_LOGO_BYTES, tooLarge: 'LOGO_TOO_LARGE' })
	const intent = requireIntent(form, ['save', 'reset'])
	if (intent === 'reset') {
		valueOrThrow(await resetUnitBranding(context, { actor, slug }))
		return redirect(`/onderdelen/${slug}/huisstijl?teruggezet=1`)
	}
	const submission = parseForm(form, brandingSchema)
	if (submission.status !== 'success') return invalidForm(submission, HIDDEN)
	const value = submission.value
	if (value.intent !== 'save') return invalidForm(submission, HIDDEN)
	const logo = value.logo && value.logo.size > 0 ? new Uint8Array(await value.logo.arrayBuffer()) : null
	const saved = await updateUnitBranding(context, { actor, slug, accentColour: value.accentColour ?? null, logo, removeLogo: value.removeLogo === true })
	if (!saved.ok) return saved.kind === 'forbidden' || saved.kind === 'not_found' ? throwFailure(saved) : refusedForm(submission, saved, HIDDEN)
	return redirect(`/onderdelen/${slug}/huisstijl?opgeslagen=1`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Leerplein' }]

export default function UnitBranding() {
	const { tenant, branding } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const { t, i18n } = useTranslation()
	const [typed, setTyped] = useState(branding?.accentColour ?? '')
	const [form, fields] = useForm({
		id: 'unit-branding',
		lastResult,
		constraint: brandingConstraint,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: brandingSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { accentColour: branding?.accentColour ?? '' },
	})
	const labels = { accentColour: t('branding.accentColour'), logo: t('branding.logo') }
	const logoSrc = branding?.hasLogo ? `/huisstijl/logo?v=${branding.version}` : null
	return (
		<div className="container page">
			<h1>{t('branding.title', { unit: tenant.name })}</h1>
			<p className="lead">{t('branding.intro')}</p>
			{searchParams.has('opgeslagen') ? (
				<p className="notice notice--success" role="status">
					{t('branding.saved')}
				</p>
			) : null}
			{searchParams.has('teruggezet') ? (
				<p className="notice notice--success" role="status">
					{t('branding.resetDone')}
				</p>
			) : null}
			<section aria-labelledby="huidige-huisstijl">
				<h2 id="huidige-huisstijl">{t('branding.current')}</h2>
				<p>{branding ? t('branding.ownLook', { at: formatDateTime(new Date(branding.updatedAt), i18n.language) }) : t('branding.concernLook')}</p>
				<BrandingPreview colour={typed} unitName={tenant.name} logoSrc={logoSrc} />
			</section>
			<section className="panel" aria-labelledby="huisstijl-wijzigen">
				<h2 id="huisstijl-wijzigen">{t('branding.edit')}</h2>
				<ErrorSummary
					form={form}
					fields={[
						{ meta: fields.accentColour, label: labels.accentColour },
						{ meta: fields.logo, label: labels.logo },
					]}
				/>
				<Form
					method="post"
					encType="multipart/form-data"
					className="form-stack"
					{...getFormProps(form)}
					onInput={(event) => {
						const target = event.target as HTMLInputElement
						if (target.name === fields.accentColour.name) setTyped(target.value)
					}}
				>
					<input type="hidden" name="intent" value="save" />
					<Field meta={fields.accentColour} label={labels.accentColour} hint={t('branding.accentColourHint')} controlProps={{ autoComplete: 'off', spellCheck: false, placeholder: CONCERN_ACCENT_COLOUR }} />
					<Field meta={fields.logo} label={labels.logo} hint={t('branding.logoHint', { size: MAX_LOGO_BYTES / 1024 })} type="file" controlProps={{ accept: 'image/svg+xml,image/png,.svg,.png' }} />
					{branding?.hasLogo ? (
						<div className="field__choice">
							<input {...getInputProps(fields.removeLogo, { type: 'checkbox' })} />{' '}
							<label htmlFor={fields.removeLogo.id}>{t('branding.removeLogo')}</label>
						</div>
					) : null}
					<div className="form-actions">
						<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
							{t('branding.save')}
						</button>
					</div>
				</Form>
			</section>
			{branding ? (
				<section className="panel" aria-labelledby="huisstijl-terug">
					<h2 id="huisstijl-terug">{t('branding.reset')}</h2>
					<p>{t('branding.resetIntro')}</p>
					<Form method="post">
						<input type="hidden" name="intent" value="reset" />
						<button type="submit" className="button button--secondary">
							{t('branding.reset')}
						</button>
					</Form>
				</section>
			) : null}
		</div>
	)
}

/**
 * The header, a button and a link in the colour typed (or the page's own tokens while none is
 * valid). The colour is set as custom properties through the CSSOM after hydration: the site's
 * Content-Security-Policy refuses a `style` attribute in the markup, not a script's own styling.
 */
function BrandingPreview({ colour, unitName, logoSrc }: { colour: string; unitName: string; logoSrc: string | null }) {
	const { t } = useTranslation()
	const preview = useRef<HTMLDivElement>(null)
	const checked = colour.trim() ? checkAccentColour(colour) : null
	const shown = checked?.ok ? checked.value.colour : checked === null ? null : undefined
	useEffect(() => {
		const style = preview.current?.style
		if (!style) return
		for (const name of ['--accent', '--accent-strong', '--link', '--link-hover']) style.removeProperty(name)
		const accent = shown === null ? CONCERN_ACCENT_COLOUR : shown
		if (!accent) return
		style.setProperty('--accent', accent)
		style.setProperty('--accent-strong', darkerShade(accent))
		style.setProperty('--link', accent)
		style.setProperty('--link-hover', darkerShade(accent))
	}, [shown])
	const ratio = checked && !checked.ok && checked.code === 'ACCENT_CONTRAST_TOO_LOW' ? checked.ratio : checked?.ok ? checked.value.ratio : null
	return (
		<div className="branding-preview" ref={preview} aria-label={t('branding.preview')} role="group">
			<p>{t('branding.previewIntro')}</p>
			{logoSrc ? <img className="branding-preview__logo" src={logoSrc} alt={unitName} /> : <p>{t('branding.noLogo')}</p>}
			<div className="branding-preview__bar">{unitName}</div>
			<div className="branding-preview__sample">
				<span className="button" aria-hidden="true">
					{t('branding.previewButton')}
				</span>
				<a href="#huisstijl-wijzigen">{t('branding.previewLink')}</a>
			</div>
			<p aria-live="polite">
				{ratio !== null ? t('branding.previewRatio', { ratio: displayRatio(ratio) }) : null}
				{ratio !== null && !checked?.ok ? ` — ${t('branding.previewTooLow')}` : null}
			</p>
		</div>
	)
}
