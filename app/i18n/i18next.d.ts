// Type-checks every translation key at its call site: `t('lti.manage.tpyo')` fails `typecheck`.
// The Dutch catalogue is the source; catalogues.test.ts holds English to exactly its keys.
import 'i18next'
import type { nl } from './nl.ts'

declare module 'i18next' {
	interface CustomTypeOptions {
		defaultNS: 'translation'
		resources: { translation: typeof nl }
	}
}
