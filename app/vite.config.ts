/// <reference types="vitest/config" />
import { vitePlugin as remix } from '@remix-run/dev'
import { constants } from 'node:zlib'
import { defineConfig } from 'vite'
import { compression, defineAlgorithm } from 'vite-plugin-compression2'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

// The server runs under tsx, so our TypeScript packages stay external and load as-is:
// one instance of the database layer, shared by server/index.ts and the routes.
export default defineConfig(({ isSsrBuild }) => ({
	build: {
		target: 'es2022',
		cssMinify: true,
		rollupOptions: isSsrBuild ? { external: [/^@leerplein\//] } : {},
	},
	server: { watch: { ignored: ['**/.data/**'] } },
	ssr: { external: ['@leerplein/db', '@leerplein/domain'] },
	plugins: [
		!process.env.VITEST &&
			remix({
				appDirectory: '.',
				ignoredRouteFiles: ['**/*'],
				future: {
					// All v3 flags on, so that the move to React Router 7 is mechanical.
					v3_fetcherPersist: true,
					v3_relativeSplatPath: true,
					v3_throwAbortReason: true,
					v3_singleFetch: true,
					v3_lazyRouteDiscovery: true,
					v3_routeConfig: true,
				},
			}),
		// The browser's scripts and styles, compressed once at build at the highest settings; the
		// server sends these files as they are (server/compression.ts).
		!process.env.VITEST &&
			!isSsrBuild &&
			compression({
				include: /\.(js|css|svg|json)$/,
				threshold: 1024,
				algorithms: [defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
				logLevel: 'silent',
			}),
	],
	test: {
		include: ['**/*.test.{ts,tsx}'],
		exclude: ['node_modules/**', 'build/**'],
		setupFiles: ['./vitest.setup.ts'],
		// Services are tested against real databases, some generating RSA keys, while CI runs the
		// browser tests beside them on two cores: 5 s timed out there (as in db/vitest.config.ts).
		testTimeout: 30_000,
	},
}))
