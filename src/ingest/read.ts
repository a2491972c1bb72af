import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { readJsonl } from './jsonl.ts'
import { readTextArticle } from './text.ts'
import type { InputError, ReadResult } from './types.ts'

/** Files larger than this are refused by size, before reading. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

export interface ReadOptions {
  /** Reads standard input for the path `-` (tests pass a string). */
  stdin?: () => Promise<string>
  maxFileBytes?: number
}

type Reader = (content: string, source: string) => ReadResult

const READERS: Record<string, Reader> = {
  '.txt': readTextArticle,
  '.text': readTextArticle,
  '.jsonl': readJsonl,
  '.ndjson': readJsonl,
}

/** The extensions a directory walk picks up. */
export const readableExtension = (path: string): boolean => extname(path).toLowerCase() in READERS

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes bytes as UTF-8 (BOM dropped), or says why the file is not text. */
const decode = (bytes: Uint8Array, source: string): { text: string } | { error: InputError } => {
  const head = bytes.subarray(0, 8192)
  if (
    head.includes(0) &&
    !(bytes[0] === 0xff && bytes[1] === 0xfe) &&
    !(bytes[0] === 0xfe && bytes[1] === 0xff)
  ) {
    return { error: { source, reason: 'binary file (contains NUL bytes), not an article' } }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) }
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, '') }
  } catch {
    return { error: { source, reason: 'not valid UTF-8 text' } }
  }
}

const sniffReader = (text: string): Reader => (text.trimStart().startsWith('{') ? readJsonl : readTextArticle)

const readFile = (path: string, options: ReadOptions): ReadResult => {
  const limit = options.maxFileBytes ?? MAX_FILE_BYTES
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    return { articles: [], errors: [{ source: path, reason: describeFsError(error) }] }
  }
  if (size > limit) {
    return {
      articles: [],
      errors: [{ source: path, reason: `file too large (${size} bytes; the limit is ${limit})` }],
    }
  }
  if (size === 0) return { articles: [], errors: [{ source: path, reason: 'empty file' }] }
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    return { articles: [], errors: [{ source: path, reason: describeFsError(error) }] }
  }
  const decoded = decode(bytes, path)
  if ('error' in decoded) return { articles: [], errors: [decoded.error] }
  const reader = READERS[extname(path).toLowerCase()] ?? sniffReader(decoded.text)
  return reader(decoded.text, path)
}

const describeFsError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return (error as Error).message
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

const merge = (results: ReadResult[]): ReadResult => ({
  articles: results.flatMap((r) => r.articles),
  errors: results.flatMap((r) => r.errors),
})

/**
 * Reads every input: files (`.txt` seed-style, `.jsonl`), directories (walked recursively for those
 * extensions) and `-` for standard input (JSONL when it starts with `{`, else one text article).
 * Never throws for bad input: each unusable input is one error naming it; the rest are read.
 */
export const readInputs = async (
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<ReadResult> => {
  const results: ReadResult[] = []
  for (const path of paths) {
    if (path === '-') {
      const text = options.stdin ? await options.stdin() : await readStdin()
      if (text.trim() === '')
        results.push({ articles: [], errors: [{ source: '-', reason: 'empty standard input' }] })
      else results.push(sniffReader(text)(text, '-'))
      continue
    }
    let isDir = false
    try {
      isDir = statSync(path).isDirectory()
    } catch (error) {
      results.push({ articles: [], errors: [{ source: path, reason: describeFsError(error) }] })
      continue
    }
    if (isDir) {
      const files = walk(path)
      if (files.length === 0) {
        results.push({
          articles: [],
          errors: [{ source: path, reason: 'directory holds no readable articles (.txt, .jsonl)' }],
        })
      }
      for (const file of files) results.push(readFile(file, options))
    } else {
      results.push(readFile(path, options))
    }
  }
  return merge(results)
}

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
