import { afterAll, afterEach } from 'vitest'
import { failOnConsoleError } from '../../tests/support/console-guard.ts'

// Any console.error fails the test that logged it; tests/README.md says how to expect one.
failOnConsoleError({ afterEach, afterAll })
