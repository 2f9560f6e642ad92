import type { Request, RequestHandler, Response } from 'express'
import compression from 'compression'
import expressStaticGzip from 'express-static-gzip'

/**
 * Pages and data go out compressed: brotli when the browser takes it, else gzip (issue 19). Brotli
 * at quality 4 costs about as much CPU per page as gzip's default and compresses better.
 *
 * The xAPI store is left as it answers: its peers are systems, not browsers, and the
 * specification's rules on Content-Length and multipart attachments are tested on the bytes as sent.
 */
export function compressResponses(): RequestHandler {
	return compression({ filter: (req: Request, res: Response) => !req.path.startsWith('/xapi/') && compression.filter(req, res) })
}

/**
 * The build's files, each sent as the smallest version the browser takes: the brotli (quality 11)
 * and gzip copies the build wrote beside it (vite.config.ts), else the file itself. Compressing at
 * build costs no CPU per request and compresses a quarter better than on the fly.
 */
export function serveBuiltFiles(root: string, options: { immutable?: boolean; maxAge: string }): RequestHandler {
	return expressStaticGzip(root, { enableBrotli: true, orderPreference: ['br', 'gzip'], serveStatic: options })
}
