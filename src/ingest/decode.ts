import chardet from 'chardet'
import iconv from 'iconv-lite'

/** Thrown by {@link decodeBuffer} when the bytes are not text at all (binary data). */
export class DecodeError extends Error {
  override name = 'DecodeError'
}

/** The text decoded from bytes, the encoding used, and what went wrong without stopping the read. */
export interface Decoded {
  text: string
  /** The WHATWG-style name of the encoding used, e.g. `utf-8`, `windows-1256`, `utf-16le`. */
  encoding: string
  /** One line per problem that did not stop decoding (a fallback, replaced bytes). */
  warnings: string[]
}

/** Options of {@link decodeBuffer}. */
export interface DecodeOptions {
  /** The charset the transport declared (an HTTP `Content-Type` charset or a label from elsewhere). */
  declared?: string
  /** Look for `<meta charset>` / `http-equiv` in the first bytes (HTML). On by default. */
  sniffMeta?: boolean
}

// WHATWG Encoding maps these labels to windows-1252: pages labelled "iso-8859-1" are, in practice,
// windows-1252 (curly quotes and dashes in 0x80–0x9F), and browsers decode them that way.
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'x-cp1252': 'windows-1252',
  cp1252: 'windows-1252',
  cp1251: 'windows-1251',
  cp1256: 'windows-1256',
  'x-cp1251': 'windows-1251',
  'x-cp1256': 'windows-1256',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  unicode: 'utf-16le',
  'utf-16': 'utf-16le',
  'ucs-2': 'utf-16le',
}

/** Normalises a charset label to an encoding iconv-lite can decode, or undefined when unknown. */
export const normaliseCharset = (label: string | undefined): string | undefined => {
  if (!label) return undefined
  const clean = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '')
  if (clean === '') return undefined
  const name = ALIASES[clean] ?? clean
  return iconv.encodingExists(name) ? name : undefined
}

/** The charset parameter of a `Content-Type` header value, if any. */
export const charsetFromContentType = (contentType: string | undefined): string | undefined =>
  contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] : undefined

const sniffBom = (buf: Uint8Array): { encoding: string; skip: number } | undefined => {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', skip: 3 }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 }
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', skip: 2 }
  return undefined
}

/**
 * UTF-16 without a BOM: text in Latin, Cyrillic or Arabic script has a zero (or constant) high byte
 * in most code units, so one parity of bytes is mostly NUL. Needs enough bytes to be sure.
 */
const sniffUtf16 = (buf: Uint8Array): string | undefined => {
  const n = Math.min(buf.length, 4096) & ~1
  if (n < 8) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++
    if (buf[i + 1] === 0) oddZero++
  }
  const units = n / 2
  if (oddZero > units * 0.4 && evenZero < units * 0.05) return 'utf-16le'
  if (evenZero > units * 0.4 && oddZero < units * 0.05) return 'utf-16be'
  return undefined
}

/** `<meta charset>` or `<meta http-equiv content="…charset=…">` or `<?xml encoding=…?>` in the first 2 KB. */
const sniffDeclaredInDocument = (buf: Uint8Array): string | undefined => {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 2048)).toString('latin1')
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)
  if (xml) return xml[1]
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(head)
  return meta?.[1]
}

// The label that is wrong in practice: ISO-8859-1 / windows-1252 is the default of servers and
// page templates, so it often sits over UTF-8 bytes. A page labelled windows-1251 or -1256 was
// labelled on purpose and is trusted (short Cyrillic or Arabic text can be valid UTF-8 by chance).
const DEFAULT_LABEL = 'windows-1252'

const hasHighBytes = (buf: Uint8Array): boolean => {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return true
  return false
}

/** Least chardet confidence (0–100) at which its guess beats the windows-1252 default. */
const MIN_CONFIDENCE = 30

/**
 * The legacy encoding of undeclared, non-UTF-8 bytes, by chardet's statistical detector (it tells
 * windows-1251 Cyrillic and windows-1256 Arabic from windows-1252 Latin); windows-1252 when unsure,
 * as browsers default to it.
 */
const guessLegacy = (buf: Uint8Array): string => {
  const sample = buf.length > 65536 ? buf.subarray(0, 65536) : buf
  for (const { name, confidence } of chardet.analyse(sample)) {
    if (confidence < MIN_CONFIDENCE) break
    const encoding = normaliseCharset(name)
    if (encoding && encoding !== 'utf-8' && !/^utf-(16|32)/.test(encoding)) return encoding
  }
  return 'windows-1252'
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true })

/** Index of the first byte of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export const firstInvalidUtf8 = (buf: Uint8Array): number => {
  try {
    utf8Fatal.decode(buf)
    return -1
  } catch {
    // Only on failure do we walk the bytes to say where: the common case stays one native call.
  }
  let i = 0
  while (i < buf.length) {
    const b = buf[i]
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0) return i
    try {
      utf8Fatal.decode(buf.subarray(i, i + need + 1))
    } catch {
      return i
    }
    i += need + 1
  }
  return -1
}

/** True when decoded text looks like binary data: NUL characters or many C0 control characters. */
const looksBinary = (text: string): boolean => {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  if (sample.includes('\u0000')) return true
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++
  }
  return sample.length > 0 && controls / sample.length > 0.1
}

const decodeWith = (buf: Uint8Array, encoding: string): string =>
  encoding === 'utf-8'
    ? new TextDecoder('utf-8').decode(buf)
    : iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), encoding)

/**
 * Decodes bytes to text, choosing the encoding as browsers do: a byte-order mark first, then the
 * charset the transport declared, then one the document declares (`<meta charset>`, `<?xml encoding>`),
 * then UTF-8 when the bytes are valid UTF-8, then UTF-16 by its NUL pattern, and finally a legacy
 * encoding guessed by chardet (windows-1252 when unsure) with a warning. A leading BOM is dropped; nothing else in the text is changed, so
 * offsets into the result index the document as its author wrote it.
 *
 * @throws {DecodeError} when the bytes are binary data rather than text.
 * @example
 * const { text, encoding } = decodeBuffer(readFileSync('page.html'), { declared: 'windows-1256' })
 */
export const decodeBuffer = (
  buf: Uint8Array,
  { declared, sniffMeta = true }: DecodeOptions = {},
): Decoded => {
  const warnings: string[] = []
  const bom = sniffBom(buf)
  let encoding: string | undefined
  let body = buf
  if (bom) {
    encoding = bom.encoding
    body = buf.subarray(bom.skip)
  } else {
    encoding = normaliseCharset(declared)
    if (declared && !encoding) warnings.push(`unknown declared charset "${declared}"; guessed instead`)
    if (!encoding && sniffMeta) {
      const inDoc = sniffDeclaredInDocument(buf)
      encoding = normaliseCharset(inDoc)
      if (inDoc && !encoding) warnings.push(`unknown charset "${inDoc}" in the document; guessed instead`)
      // A document cannot honestly declare UTF-16 in ASCII-compatible bytes: the declaration itself
      // proves the bytes are not UTF-16, so browsers treat it as UTF-8.
      if (encoding?.startsWith('utf-16')) encoding = 'utf-8'
    }
    encoding ??= sniffUtf16(buf)
  }
  if (!encoding || encoding === 'utf-8') {
    const bad = firstInvalidUtf8(body)
    if (bad < 0) encoding = 'utf-8'
    else if (encoding === 'utf-8') {
      warnings.push(`invalid UTF-8 at byte ${bad + (bom?.skip ?? 0)}; bad bytes replaced with U+FFFD`)
    } else {
      encoding = guessLegacy(body)
      warnings.push(
        `not valid UTF-8 (byte ${bad}) and no charset declared; read as ${encoding} (guessed from the bytes)`,
      )
    }
  } else if (!bom && encoding === DEFAULT_LABEL && hasHighBytes(body) && firstInvalidUtf8(body) < 0) {
    // Decoding UTF-8 bytes as the default label says is what produces "Ã©" mojibake; windows-1252
    // text is almost never valid multi-byte UTF-8 by chance (its accented letters are lead bytes
    // that need a symbol after them).
    warnings.push(`declared ${encoding}, but the bytes are valid UTF-8; read as UTF-8`)
    encoding = 'utf-8'
  }
  if (!encoding.startsWith('utf-16') && body.subarray(0, 65536).includes(0)) {
    throw new DecodeError('binary data (NUL bytes), not text')
  }
  const text = decodeWith(body, encoding)
  if (looksBinary(text)) throw new DecodeError(`binary data (control characters as ${encoding}), not text`)
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding, warnings }
}
