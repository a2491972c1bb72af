import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import iconv from 'iconv-lite'
import {
  charsetFromContentType,
  DecodeError,
  decodeBuffer,
  firstInvalidUtf8,
  normaliseCharset,
} from './decode.ts'

const ARABIC = 'قال المتحدث إن الجسر أغلق يوم الثلاثاء.'
const CYRILLIC = 'Мэр города Вельск сообщил, что мост закрыт.'
const LATIN = 'The mayor’s “temporary” closure – café owners object.'

describe('decodeBuffer', () => {
  const cases: [string, Uint8Array, { declared?: string }, string, string][] = [
    ['UTF-8', Buffer.from(LATIN, 'utf8'), {}, LATIN, 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LATIN)]),
      {},
      LATIN,
      'utf-8',
    ],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CYRILLIC, 'utf16le')]),
      {},
      CYRILLIC,
      'utf-16le',
    ],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARABIC, 'utf-16be')]),
      {},
      ARABIC,
      'utf-16be',
    ],
    ['UTF-16LE without BOM', Buffer.from(LATIN, 'utf16le'), {}, LATIN, 'utf-16le'],
    ['UTF-16BE without BOM', iconv.encode(LATIN, 'utf-16be'), {}, LATIN, 'utf-16be'],
    [
      'declared windows-1256',
      iconv.encode(ARABIC, 'windows-1256'),
      { declared: 'windows-1256' },
      ARABIC,
      'windows-1256',
    ],
    [
      'declared windows-1251',
      iconv.encode(CYRILLIC, 'windows-1251'),
      { declared: 'CP1251' },
      CYRILLIC,
      'windows-1251',
    ],
    [
      'declared iso-8859-1 read as 1252',
      iconv.encode(LATIN, 'windows-1252'),
      { declared: 'ISO-8859-1' },
      LATIN,
      'windows-1252',
    ],
    [
      'meta charset in the page',
      iconv.encode(
        `<html><head><meta charset="windows-1251"></head><body>${CYRILLIC}</body></html>`,
        'windows-1251',
      ),
      {},
      `<html><head><meta charset="windows-1251"></head><body>${CYRILLIC}</body></html>`,
      'windows-1251',
    ],
    [
      'http-equiv charset',
      iconv.encode(
        `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><p>${ARABIC}</p>`,
        'windows-1256',
      ),
      {},
      `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><p>${ARABIC}</p>`,
      'windows-1256',
    ],
    [
      'XML declaration encoding',
      iconv.encode(`<?xml version="1.0" encoding="windows-1251"?><rss>${CYRILLIC}</rss>`, 'windows-1251'),
      {},
      `<?xml version="1.0" encoding="windows-1251"?><rss>${CYRILLIC}</rss>`,
      'windows-1251',
    ],
    [
      'transport beats meta',
      iconv.encode(`<meta charset="utf-8">${CYRILLIC}`, 'windows-1251'),
      { declared: 'windows-1251' },
      `<meta charset="utf-8">${CYRILLIC}`,
      'windows-1251',
    ],
  ]
  for (const [name, bytes, options, text, encoding] of cases) {
    it(name, () => {
      const decoded = decodeBuffer(bytes, options)
      assert.equal(decoded.text, text)
      assert.equal(decoded.encoding, encoding)
    })
  }

  it('falls back to windows-1252 with a warning for undeclared invalid UTF-8', () => {
    const decoded = decodeBuffer(iconv.encode(LATIN, 'windows-1252'))
    assert.equal(decoded.text, LATIN)
    assert.equal(decoded.encoding, 'windows-1252')
    assert.match(decoded.warnings[0], /not valid UTF-8 \(byte 9\)/)
  })

  it('reads UTF-8 bytes labelled with a legacy charset as UTF-8, with a warning', () => {
    const html = `<meta charset="iso-8859-1"><p>${LATIN}</p>`
    const decoded = decodeBuffer(Buffer.from(html, 'utf8'))
    assert.equal(decoded.text, html)
    assert.equal(decoded.encoding, 'utf-8')
    assert.match(decoded.warnings[0], /declared windows-1252, but the bytes are valid UTF-8/)
    // Pure ASCII under a legacy label stays as labelled: nothing tells them apart, and nothing differs.
    assert.equal(decodeBuffer(Buffer.from('plain'), { declared: 'windows-1251' }).encoding, 'windows-1251')
  })

  const undeclared: [string, string, string][] = [
    [
      'Cyrillic',
      'Совет округа Оррин в четверг объявил о закрытии паромного причала на срочный ремонт.',
      'windows-1251',
    ],
    [
      'Arabic',
      'أعلن مجلس مقاطعة أورين يوم الخميس إغلاق رصيف عبارة بيلهام لإجراء إصلاحات عاجلة.',
      'windows-1256',
    ],
    [
      'French',
      'Le maire a annoncé la fermeture « temporaire » du pont, et les cafés s’inquiètent.',
      'windows-1252',
    ],
  ]
  for (const [language, text, encoding] of undeclared) {
    it(`guesses undeclared ${encoding} (${language}) from the bytes`, () => {
      const decoded = decodeBuffer(iconv.encode(text, encoding))
      assert.equal(decoded.text, text)
      assert.equal(decoded.encoding, encoding)
      assert.match(decoded.warnings[0], new RegExp(`read as ${encoding} \\(guessed from the bytes\\)`))
    })
  }

  it('replaces bad bytes in declared UTF-8 and says where', () => {
    const bytes = Buffer.concat([Buffer.from('abc'), Buffer.from([0xc3]), Buffer.from(' def')])
    const decoded = decodeBuffer(bytes, { declared: 'utf-8' })
    assert.equal(decoded.text, 'abc\uFFFD def')
    assert.match(decoded.warnings[0], /invalid UTF-8 at byte 3/)
  })

  it('refuses binary data', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ])
    assert.throws(() => decodeBuffer(png), DecodeError)
    assert.throws(() => decodeBuffer(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41])), /binary data/)
  })

  it('warns about an unknown declared charset and still decodes', () => {
    const decoded = decodeBuffer(Buffer.from('plain'), { declared: 'x-klingon' })
    assert.equal(decoded.text, 'plain')
    assert.match(decoded.warnings[0], /unknown declared charset "x-klingon"/)
  })

  it('decodes an empty buffer to empty text', () => {
    assert.deepEqual(decodeBuffer(new Uint8Array(0)), { text: '', encoding: 'utf-8', warnings: [] })
  })
})

describe('charset helpers', () => {
  it('reads the charset of a Content-Type', () => {
    assert.equal(charsetFromContentType('text/html; charset="Windows-1256"'), 'Windows-1256')
    assert.equal(charsetFromContentType('text/html'), undefined)
  })
  it('normalises labels', () => {
    assert.equal(normaliseCharset(' UTF8 '), 'utf-8')
    assert.equal(normaliseCharset('latin1'), 'windows-1252')
    assert.equal(normaliseCharset('nonsense-123'), undefined)
  })
  it('finds the first invalid UTF-8 byte', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('héllo')), -1)
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82, 0x61])), 1)
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xff])), 2)
  })
})
