import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { DecodeError, decodeBuffer } from './decode.ts'
import { sniffFeed } from './feed.ts'
import { readJsonArticles, readJsonl } from './jsonl.ts'
import { readTextArticle } from './text.ts'
import type { InputError, ReadResult } from './types.ts'
import { isUrl, isWebFile, readUrl, readWebFile } from './url.ts'

/** Files larger than this are refused by size, before reading. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

export interface ReadOptions {
  /** Reads standard input for the path `-` (tests pass a string). */
  stdin?: () => Promise<Buffer | string>
  maxFileBytes?: number
  /** Allow URLs (and feed items) on loopback, private and link-local addresses (local test servers). */
  allowPrivate?: boolean
}

type TextReader = (content: string, source: string) => ReadResult

const TEXT_READERS: Record<string, TextReader> = {
  '.txt': readTextArticle,
  '.text': readTextArticle,
  '.jsonl': readJsonl,
  '.ndjson': readJsonl,
}

/** The files a directory walk picks up: articles, JSON exports, saved pages, feeds and OPML lists. */
export const readableExtension = (path: string): boolean => {
  const ext = extname(path).toLowerCase()
  return ext in TEXT_READERS || ext === '.json' || isWebFile(path)
}

/** JSONL when the text starts with `{`, else one seed-style article. */
const sniffReader = (text: string): TextReader =>
  text.trimStart().startsWith('{') ? readJsonl : readTextArticle

const describeFsError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return (error as Error).message
}

const fail = (source: string, reason: string): ReadResult => ({ articles: [], errors: [{ source, reason }] })

/** Decodes plain-text input (BOM, UTF-16, UTF-8, else a guessed legacy encoding) and reads it. */
const readText = (bytes: Uint8Array, source: string, reader?: TextReader): ReadResult => {
  let decoded: ReturnType<typeof decodeBuffer>
  try {
    decoded = decodeBuffer(bytes, { sniffMeta: false })
  } catch (error) {
    if (error instanceof DecodeError) return fail(source, error.message)
    throw error
  }
  if (decoded.text.trim() === '') return fail(source, 'empty article (only whitespace)')
  const result = (reader ?? sniffReader(decoded.text))(decoded.text, source)
  if (decoded.warnings.length > 0) {
    for (const article of result.articles)
      article.warnings = [...decoded.warnings, ...(article.warnings ?? [])]
  }
  return result
}

const readFile = async (path: string, options: ReadOptions): Promise<ReadResult> => {
  const limit = options.maxFileBytes ?? MAX_FILE_BYTES
  let bytes: Buffer
  try {
    const size = statSync(path).size
    if (size > limit) return fail(path, `file too large (${size} bytes; the limit is ${limit})`)
    if (size === 0) return fail(path, 'empty file')
    bytes = readFileSync(path)
  } catch (error) {
    return fail(path, describeFsError(error))
  }
  const ext = extname(path).toLowerCase()
  if (isWebFile(path)) return readWebFile(bytes, path, { allowPrivate: options.allowPrivate })
  if (ext === '.json') {
    // A JSON Feed, or an export: an array of article objects (or { "articles": [...] }).
    if (sniffFeed(bytes.subarray(0, 4096).toString('utf8')) === 'json') {
      return readWebFile(bytes, path, { allowPrivate: options.allowPrivate })
    }
    return readText(bytes, path, readJsonArticles)
  }
  return readText(bytes, path, TEXT_READERS[ext])
}

/** Files under a directory with a readable extension, sorted, hidden files skipped. */
const walk = (dir: string): string[] => {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(path))
    else if (entry.isFile() && readableExtension(path)) out.push(path)
  }
  return out
}

const readStdin = async (): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Reads every input: files (`.txt` seed-style, `.jsonl`, `.json` exports and JSON Feeds, saved
 * `.html` pages, `.rss`/`.atom`/`.xml` feeds, `.opml` lists), directories (walked recursively for
 * those), `http(s)://` URLs (pages or feeds, fetched with the SSRF guard), and `-` for standard
 * input. Never throws for bad input: each unusable input is one error naming it; the rest are read.
 */
export const readInputs = async (
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<ReadResult> => {
  const articles: ReadResult['articles'] = []
  const errors: InputError[] = []
  const add = (r: ReadResult) => {
    articles.push(...r.articles)
    errors.push(...r.errors)
  }
  for (const path of paths) {
    if (path === '-') {
      const input = options.stdin ? await options.stdin() : await readStdin()
      const bytes = typeof input === 'string' ? Buffer.from(input) : input
      add(bytes.length === 0 ? fail('-', 'empty standard input') : readText(bytes, '-'))
      continue
    }
    if (isUrl(path)) {
      add(await readUrl(path, { allowPrivate: options.allowPrivate }))
      continue
    }
    let isDir: boolean
    try {
      isDir = statSync(path).isDirectory()
    } catch (error) {
      add(fail(path, describeFsError(error)))
      continue
    }
    if (!isDir) {
      add(await readFile(path, options))
      continue
    }
    let files: string[]
    try {
      files = walk(path)
    } catch (error) {
      add(fail(path, describeFsError(error)))
      continue
    }
    if (files.length === 0)
      add(fail(path, 'directory holds no readable articles (.txt, .jsonl, .json, .html, feeds)'))
    for (const file of files) add(await readFile(file, options))
  }
  return { articles, errors }
}
