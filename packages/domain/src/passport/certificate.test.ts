import { describe, expect, test } from 'vitest'
import { checkCertificateFile, checkObtainedOn, MAX_CERTIFICATE_BYTES } from './certificate.ts'

const bytes = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0))

describe('checkCertificateFile', () => {
	test('a PDF, a PNG and a JPEG are recognised by their first bytes', () => {
		expect(checkCertificateFile({ size: 100, head: bytes('%PDF-1.7\n') })).toEqual({ ok: true, value: 'application/pdf' })
		expect(checkCertificateFile({ size: 100, head: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) })).toEqual({ ok: true, value: 'image/png' })
		expect(checkCertificateFile({ size: 100, head: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) })).toEqual({ ok: true, value: 'image/jpeg' })
	})

	test('a text file named .pdf is not a certificate, whatever its name says', () => {
		expect(checkCertificateFile({ size: 20, head: bytes('Dit is geen PDF') })).toEqual({ ok: false, code: 'CERTIFICATE_TYPE' })
		expect(checkCertificateFile({ size: 3, head: bytes('%PD') })).toEqual({ ok: false, code: 'CERTIFICATE_TYPE' })
	})

	test('exactly 5 MB is accepted, one byte more is too large, and an empty file is no file', () => {
		expect(checkCertificateFile({ size: MAX_CERTIFICATE_BYTES, head: bytes('%PDF-') }).ok).toBe(true)
		expect(checkCertificateFile({ size: MAX_CERTIFICATE_BYTES + 1, head: bytes('%PDF-') })).toEqual({ ok: false, code: 'CERTIFICATE_TOO_LARGE' })
		expect(checkCertificateFile({ size: 0, head: new Uint8Array() })).toEqual({ ok: false, code: 'CERTIFICATE_REQUIRED' })
	})
})

describe('checkObtainedOn', () => {
	test('today and earlier are fine; tomorrow is in the future', () => {
		expect(checkObtainedOn('2030-05-01', { today: '2030-05-01' }).ok).toBe(true)
		expect(checkObtainedOn('2029-12-31', { today: '2030-05-01' }).ok).toBe(true)
		expect(checkObtainedOn('2030-05-02', { today: '2030-05-01' })).toEqual({ ok: false, code: 'CERTIFICATE_DATE_FUTURE' })
	})
})
