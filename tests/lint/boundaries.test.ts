import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

// The layer rules of eslint.config.js, exercised through ESLint's own API with the real config:
// each forbidden arrow is refused with its message, and each layer's ordinary imports lint clean.
const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) })

async function lint(filePath: string, code: string) {
	const [result] = await eslint.lintText(code, { filePath })
	return result?.messages ?? []
}

async function refusals(filePath: string, code: string) {
	const messages = await lint(filePath, code)
	return messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('a wrong import is refused', () => {
	test.each([
		['a route imports the database', 'app/routes/postvak.tsx', `import { listOutbox } from '@leerplein/db'`, 'through a feature'],
		['a route imports a database area', 'app/routes/inloggen.tsx', `import { listTenants } from '@leerplein/db/tenants'`, 'through a feature'],
		['a route imports a database type', 'app/routes/beheer.cursussen._index.tsx', `import type { OwnCourseSort } from '@leerplein/db'`, 'through a feature'],
		['a route imports Moodle', 'app/routes/lti.jwks.ts', `import { jwksDocument } from '@leerplein/moodle'`, 'through a feature'],
		['a service imports a route', 'app/features/catalogue/show-course.server.ts', `import { loader } from '../../routes/catalogus.$courseId.tsx'`, 'never import a route or a component'],
		['a service imports a component', 'app/features/courses/save-course.server.ts', `import { Field } from '../../components/field.tsx'`, 'never import a route or a component'],
		['a service imports its feature’s component', 'app/features/catalogue/show-course.server.ts', `import { CourseFacts } from './course-facts.tsx'`, 'never import a route or a component'],
		['a core service imports a route', 'app/core/http.server.ts', `import { loader } from '../routes/_index.tsx'`, 'never import a route or a component'],
		['a component imports a service', 'app/components/site-chrome.tsx', `import { showCourse } from '../features/catalogue/show-course.server.ts'`, 'never import server code'],
		['a feature component imports core server code', 'app/features/courses/course-form.tsx', `import { formFailure } from '../../core/http.server.ts'`, 'never import server code'],
		['a component imports mail strings', 'app/features/notifications/notice.tsx', `import { mailStrings } from './mail-strings.server.ts'`, 'never import server code'],
		['a module shared with the browser imports a service', 'app/features/lti/tool-form.ts', `import { platform } from './platform.server.ts'`, 'never import server code'],
		['a component imports the database', 'app/components/data-table.tsx', `import type { Database } from '@leerplein/db'`, 'never touch the database'],
		['a component imports a database area', 'app/features/catalogue/course-facts.tsx', `import { getCourse } from '@leerplein/db/catalogue'`, 'never touch the database'],
		['core imports a feature', 'app/core/service.server.ts', `import { requirePermission } from '../features/identity/guard.server.ts'`, 'imports no feature'],
		['core imports a component', 'app/core/error-codes.ts', `import { Field } from '../components/field.tsx'`, 'never import a route or a component'],
		['core imports a route', 'app/core/clock.ts', `import { loader } from '../routes/_index.tsx'`, 'never import a route or a component'],
		['the domain imports the database', 'packages/domain/src/enrolment.ts', `import { schema } from '@leerplein/db/schema'`, 'imports nothing of ours'],
		['the domain does I/O', 'packages/domain/src/enrolment.ts', `import { readFile } from 'node:fs/promises'`, 'imports nothing of ours'],
		['the database imports the portal', 'db/src/queries/catalogue.ts', `import { systemClock } from '../../../app/core/clock.ts'`, 'imports only @leerplein/domain'],
		['the database imports Moodle', 'db/src/queries/lti.ts', `import { jwksDocument } from '@leerplein/moodle'`, 'imports only @leerplein/domain'],
		['Moodle imports the database', 'packages/moodle/src/ags.ts', `import { getLineItem } from '@leerplein/db/lti'`, 'imports only @leerplein/domain'],
		['a test imports a package’s internals', 'tests/e2e/catalogue.test.ts', `import { createDatabase } from '@leerplein/db/src/client.ts'`, 'never its internals'],
		['a service imports the database’s internals by path', 'app/features/enrolment/request-enrolment.server.ts', `import { withTenantContext } from '../../../db/src/tenancy.ts'`, 'never its internals'],
		['the portal imports the domain’s internals', 'app/features/enrolment/request-enrolment.server.ts', `import { can } from '@leerplein/domain/src/permissions.ts'`, 'never its internals'],
	])('%s', async (_case, filePath, importLine, reason) => {
		const found = await refusals(filePath, `${importLine}\n`)
		expect(found).toHaveLength(1)
		expect(found[0]).toContain(reason)
	})
})

describe('each layer’s ordinary imports lint clean', () => {
	test.each([
		[
			'a route: a feature’s service, core, components, i18n, utils, the domain',
			'app/routes/catalogus.$courseId.tsx',
			`import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Field } from '../components/field.tsx'
import { valueOrThrow } from '../core/http.server.ts'
import { CourseFacts } from '../features/catalogue/course-facts.tsx'
import { showCourse } from '../features/catalogue/show-course.server.ts'
import { requirePermission } from '../features/identity/guard.server.ts'
import { nl } from '../i18n/nl.ts'
import { formatPrice } from '../utils/format.ts'
export const parts = [useLoaderData, Field, valueOrThrow, CourseFacts, showCourse, requirePermission, nl, formatPrice]
export type Args = LoaderFunctionArgs
`,
		],
		[
			'a service: the database by area, Moodle, the domain, core, another feature’s service',
			'app/features/lti/show-online-parts.server.ts',
			`import { withTenantContext } from '@leerplein/db'
import { listCourseOnlineParts } from '@leerplein/db/lti'
import { can } from '@leerplein/domain'
import { jwksDocument } from '@leerplein/moodle'
import { inTenant, type ServiceContext } from '../../core/service.server.ts'
import { showCourse } from '../catalogue/show-course.server.ts'
export const parts = [withTenantContext, listCourseOnlineParts, can, jwksDocument, inTenant, showCourse]
export type Context = ServiceContext
`,
		],
		[
			'a component: other components, core’s codes, utils, the domain, and a service’s type',
			'app/features/catalogue/course-facts.tsx',
			`import type { CourseForm } from '@leerplein/domain'
import { ScrollRegion } from '../../components/scroll-region.tsx'
import { isErrorCode } from '../../core/error-codes.ts'
import { formatPrice } from '../../utils/format.ts'
import type { CourseViewer } from './show-course.server.ts'
export const parts = [ScrollRegion, isErrorCode, formatPrice]
export type Props = { form: CourseForm; viewer: CourseViewer }
`,
		],
		[
			'core: the database, the domain, its own modules',
			'app/core/service.server.ts',
			`import { withTenantContext } from '@leerplein/db'
import type { Actor } from '@leerplein/domain'
import { systemClock } from './clock.ts'
export const parts = [withTenantContext, systemClock]
export type Caller = Actor
`,
		],
		['the domain: its own modules', 'packages/domain/src/enrolment.ts', `import { can } from './permissions.ts'\nexport const parts = [can]\n`],
		['the database: the domain', 'db/src/queries/catalogue.ts', `import { isCourseVisibleTo } from '@leerplein/domain'\nexport const parts = [isCourseVisibleTo]\n`],
		['Moodle: the domain', 'packages/moodle/src/ags.ts', `import { ALL_LTI_SCOPES } from '@leerplein/domain'\nexport const parts = [ALL_LTI_SCOPES]\n`],
		[
			'a test: packages through their exports maps',
			'tests/e2e/catalogue.test.ts',
			`import { createDatabase } from '@leerplein/db'
import { createTestDatabase } from '@leerplein/db/testing'
export const parts = [createDatabase, createTestDatabase]
`,
		],
	])('%s', async (_case, filePath, code) => {
		expect(await lint(filePath, code)).toEqual([])
	})
})
