import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The government-style header: logo ribbon, skip link, main navigation and the language switch. */
export function SiteHeader({ person }: { person: { name: string; approves?: boolean; managesTeam?: boolean; runsSessions?: boolean; trains?: boolean; outbox?: boolean; managesSynonyms?: boolean; managesPoDefaults?: boolean; managesCompetencies?: boolean; readsPassports?: boolean; readsPassportOverview?: boolean; managesRequirements?: boolean; managesConcernRequirements?: boolean; courseAdmin?: boolean; concernAdmin?: boolean; readsReport?: boolean; readsConcernReport?: boolean; readsAuditTrail?: boolean; managesXapiClients?: boolean; managesXapiPeople?: boolean; unit?: { name: string; slug: string } | null } | null }) {
	const { t } = useTranslation()
	const location = useLocation()
	const switchTo = t('language.switchToLang')
	return (
		<>
			<a className="skip-link" href="#hoofdinhoud">
				{t('app.skipToContent')}
			</a>
			<header className="site-header">
				<div className="site-header__bar container">
					<a className="logo" href="/catalogus">
						<span className="logo__ribbon" aria-hidden="true" />
						<span className="logo__text">
							<span className="logo__name">{t('app.name')}</span>
							<span className="logo__tagline">{t('app.tagline')}</span>
						</span>
					</a>
					<div className="site-header__tools">
						{person ? (
							<Form method="post" action="/uitloggen" className="signed-in">
								<input type="hidden" name="intent" value="this" />
								<Link to="/account">{t('auth.signedInAs', { name: person.name })}</Link>
								<button type="submit" className="link-button">
									{t('auth.signOut')}
								</button>
							</Form>
						) : (
							<Link to="/inloggen">{t('auth.signIn')}</Link>
						)}
						<Form method="post" action="/taal" className="language-switch" reloadDocument>
							<input type="hidden" name="intent" value="switch" />
							<input type="hidden" name="redirectTo" value={location.pathname + location.search} />
							<input type="hidden" name="lng" value={switchTo} />
							<button type="submit" className="link-button" lang={switchTo} title={t('language.switchHint')}>
								<span className="visually-hidden">{t('language.label')}: </span>
								{t('language.switchTo')}
							</button>
						</Form>
					</div>
				</div>
				<nav className="site-nav" aria-label={t('app.mainNavigation')}>
					<ul className="container">
						<li>
							<NavLink to="/catalogus">{t('nav.catalogue')}</NavLink>
						</li>
						{person ? (
							<li>
								<NavLink to="/mijn-leren">{t('navExtra.myLearning')}</NavLink>
							</li>
						) : null}
						{person ? (
							<li>
								<NavLink to="/oefenen">{t('practice.nav')}</NavLink>
							</li>
						) : null}
						{person ? (
							<li>
								<NavLink to="/mijn-paspoort">{t('passport.nav')}</NavLink>
							</li>
						) : null}
						{person ? (
							<li>
								<NavLink to="/experts">{t('experts.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesTeam ? (
							<li>
								<NavLink to="/mijn-team">{t('team.nav')}</NavLink>
							</li>
						) : null}
						{person?.readsPassports ? (
							<li>
								<NavLink to="/paspoorten">{t('passportMatrix.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesRequirements ? (
							<li>
								<NavLink to="/beheer/eisen">{t('requirements.nav')}</NavLink>
							</li>
						) : null}
						{person?.approves ? (
							<li>
								<NavLink to="/goedkeuringen">{t('navExtra.approvals')}</NavLink>
							</li>
						) : null}
						{person?.runsSessions ? (
							<li>
								<NavLink to="/uitvoeringen">{t('navExtra.sessions')}</NavLink>
							</li>
						) : null}
						{person?.trains ? (
							<li>
								<NavLink to="/mijn-sessies">{t('mySessions.nav')}</NavLink>
							</li>
						) : null}
						{person?.courseAdmin ? (
							<li>
								<NavLink to="/beheer/cursussen">{t('nav.courseAdmin')}</NavLink>
							</li>
						) : null}
						{person?.courseAdmin ? (
							<li>
								<NavLink to="/beheer/evaluaties">{t('evaluation.overviewNav')}</NavLink>
							</li>
						) : null}
						{person?.courseAdmin ? (
							<li>
								<NavLink to="/beheer/interventies">{t('intervention.nav')}</NavLink>
							</li>
						) : null}
						{person?.readsReport ? (
							<li>
								<NavLink to="/beheer/rapportages">{t('report.nav')}</NavLink>
							</li>
						) : null}
						{person?.readsConcernReport ? (
							<li>
								<NavLink to="/beheer/rapportages/concern">{t('report.concernNav')}</NavLink>
							</li>
						) : null}
						{person?.readsAuditTrail ? (
							<li>
								<NavLink to="/beheer/logboek">{t('auditTrail.nav')}</NavLink>
							</li>
						) : null}
						{person?.concernAdmin ? (
							<li>
								<NavLink to="/beheer/dubbelingen">{t('nav.duplicates')}</NavLink>
							</li>
						) : null}
						{person?.managesXapiClients ? (
							<li>
								<NavLink to="/beheer/xapi-systemen">{t('xapiClients.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesXapiClients ? (
							<li>
								<NavLink to="/beheer/xapi-privacy">{t('xapiPrivacy.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesXapiClients ? (
							<li>
								<NavLink to="/beheer/xapi-regels">{t('xapiRules.nav')}</NavLink>
							</li>
						) : null}
						{person?.outbox ? (
							<li>
								<NavLink to="/postvak">{t('navExtra.outbox')}</NavLink>
							</li>
						) : null}
						{person?.managesXapiPeople && person.unit ? (
							<li>
								<NavLink to={`/onderdelen/${person.unit.slug}/regels`}>{t('navExtra.unitRules')}</NavLink>
							</li>
						) : null}
						{person?.runsSessions ? (
							<li>
								<NavLink to="/beheer/zalen">{t('navExtra.rooms')}</NavLink>
							</li>
						) : null}
						{person?.runsSessions ? (
							<li>
								<NavLink to="/beheer/trainers">{t('navExtra.trainers')}</NavLink>
							</li>
						) : null}
						{person?.concernAdmin ? (
							<li>
								<NavLink to="/beheer/leeromgevingen">{t('navExtra.learningTools')}</NavLink>
							</li>
						) : null}
						{person?.managesPoDefaults ? (
							<li>
								<NavLink to="/beheer/regels">{t('navExtra.concernRules')}</NavLink>
							</li>
						) : null}
						{person?.managesCompetencies ? (
							<li>
								<NavLink to="/beheer/bekwaamheden">{t('competencies.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesConcernRequirements ? (
							<li>
								<NavLink to="/beheer/eisen-concern">{t('requirements.concernNav')}</NavLink>
							</li>
						) : null}
						{person?.readsPassportOverview ? (
							<li>
								<NavLink to="/beheer/paspoorten">{t('passportOverview.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesSynonyms ? (
							<li>
								<NavLink to="/beheer/zoeksynoniemen">{t('synonyms.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesSynonyms ? (
							<li>
								<NavLink to="/beheer/zoekvragen">{t('searchQueries.nav')}</NavLink>
							</li>
						) : null}
						{person?.managesXapiPeople ? (
							<li>
								<NavLink to="/beheer/xapi-onbekend">{t('xapiPeople.nav')}</NavLink>
							</li>
						) : null}
					</ul>
				</nav>
			</header>
		</>
	)
}

export function SiteFooter({ contactEmail, unitName }: { contactEmail: string | null; unitName: string | null }) {
	const { t } = useTranslation()
	return (
		<footer className="site-footer">
			<div className="container">
				<p>{t('app.footer')}</p>
				{unitName ? <p className="site-footer__unit">{t('statements.footerUnit', { unit: unitName })}</p> : null}
				<nav aria-label={t('statements.footerNav')}>
					<ul className="site-footer__links">
						<li>
							<Link to="/toegankelijkheid">{t('statements.accessibilityLink')}</Link>
						</li>
						<li>
							<Link to="/privacy">{t('statements.privacyLink')}</Link>
						</li>
						{contactEmail ? (
							<li>
								<a href={`mailto:${contactEmail}`}>
									{t('statements.contactLink')}: {contactEmail}
								</a>
							</li>
						) : null}
					</ul>
				</nav>
			</div>
		</footer>
	)
}
