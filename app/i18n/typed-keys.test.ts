import type { TFunction } from 'i18next'
import { expect, test } from 'vitest'
import type { MailTranslate } from '../features/notifications/mail-strings.server.ts'

// These lines are checked by `typecheck`, not run: each @ts-expect-error fails the build when the
// line under it compiles, i.e. when a misspelt key would no longer be caught at its call site.
function misspelt(t: TFunction, mail: MailTranslate) {
	// @ts-expect-error a key the catalogue does not have
	t('lti.manage.tpyo')
	// @ts-expect-error a section is no message
	t('errors')
	// @ts-expect-error mail texts are not in the UI catalogue
	t('mail.greeting')
	// @ts-expect-error a mail key the mail catalogue does not have
	mail('mail.greetnig')
	return [t('app.name'), mail('mail.greeting', { name: 'Sanne' })]
}

test('translation keys are type-checked at the call site (see the @ts-expect-error lines above)', () => {
	expect(typeof misspelt).toBe('function')
})
