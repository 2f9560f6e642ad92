import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { adminTaskGroups, taskOfPath, type NavigationPerson } from '../features/administration/tasks.ts'

/** The government-style header: logo ribbon, skip link, main navigation and the language switch. */
export function SiteHeader({ person }: { person: NavigationPerson | null }) {
	const { t } = useTranslation()
	const location = useLocation()
	// The administration tasks live on one page (/beheer), so the main bar stays short for every role.
	const administers = adminTaskGroups(person, t).length > 0
	const switchTo = t('language.switchToLang')
	return (
		<>
			<a className="skip-link" href="#hoofdinhoud">
				{t('app.skipToContent')}
			</a>
			<header className="site-header">
				<div className="site-header__bar container">
					<a className="logo" href="/catalogus">
						{/* A unit's own logo in place of the concern's ribbon, for its own people (ADR 052). */}
						{person?.branding?.logo && person.unit ? (
							<img className="logo__image" src={`/huisstijl/logo?v=${person.branding.version}`} alt={person.unit.name} />
						) : (
							<span className="logo__ribbon" aria-hidden="true" />
						)}
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
						{person?.outbox ? (
							<li>
								<NavLink to="/postvak">{t('navExtra.outbox')}</NavLink>
							</li>
						) : null}
						{administers ? (
							<li>
								<NavLink to="/beheer">{t('administration.nav')}</NavLink>
							</li>
						) : null}
					</ul>
				</nav>
			</header>
		</>
	)
}

/**
 * On the pages of an administration task (issue 19, item 4): the way back to the administration
 * page, and to the task itself from one of its deeper pages.
 */
export function AdministrationBreadcrumb({ person }: { person: NavigationPerson | null }) {
	const { t } = useTranslation()
	const { pathname } = useLocation()
	const task = taskOfPath(adminTaskGroups(person, t), pathname)
	if (!task) return null
	return (
		<div className="container">
			<nav className="breadcrumb-trail" aria-label={t('administration.breadcrumb')}>
				<ol>
					<li>
						<Link to="/beheer">{t('administration.title')}</Link>
					</li>
					<li>{pathname === task.to ? <span aria-current="page">{task.label}</span> : <Link to={task.to}>{task.label}</Link>}</li>
				</ol>
			</nav>
		</div>
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
