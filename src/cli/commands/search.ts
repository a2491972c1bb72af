import { parseArgs } from 'node:util'
import { DEFAULT_DB } from '../../store/sqlite.ts'
import { EXIT, UsageError } from '../errors.ts'
import { openOrReport } from './ingest.ts'

/** Help text of `parallax search`. */
export const SEARCH_HELP = `Usage: parallax search QUERY… [--db FILE] [--format text|json] [--limit N]

Full-text search over the stored articles and facts. Every word must match.

Options:
      --db FILE         the store (default ${DEFAULT_DB})
  -f, --format FORMAT   text (default) or json
  -n, --limit N         most hits of each kind (default 20)
  -h, --help            show this help`

/** `parallax search`: prints hits; exit 0 (also with no hits), 1 if the store cannot be used. */
export const run = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: DEFAULT_DB },
      format: { type: 'string', short: 'f', default: 'text' },
      limit: { type: 'string', short: 'n', default: '20' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${SEARCH_HELP}\n`)
    return EXIT.ok
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`Expected --format to be text or json, not "${values.format}"`)
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`Expected --limit to be a whole number above 0, not "${values.limit}"`)
  const query = positionals.join(' ')
  if (!query.trim()) throw new UsageError('Expected a search query')
  const store = openOrReport(values.db, { create: false })
  if (!store) return EXIT.badInput
  try {
    const hits = store.search(query, { limit })
    if (values.format === 'json') {
      process.stdout.write(`${JSON.stringify({ query, hits }, null, 2)}\n`)
      return EXIT.ok
    }
    if (hits.length === 0) process.stdout.write(`No results for "${query}".\n`)
    for (const hit of hits) {
      const where = hit.kind === 'fact' ? `story ${hit.story}` : `document ${hit.id}`
      process.stdout.write(`${hit.kind === 'fact' ? 'fact   ' : 'article'}  ${hit.title}  [${where}]\n`)
      process.stdout.write(`         ${markSnippet(hit.snippet, hit.highlights).replace(/\s+/g, ' ')}\n`)
    }
    return EXIT.ok
  } finally {
    store.close()
  }
}

/** Brackets the matched words for a terminal: «word». */
const markSnippet = (snippet: string, highlights: readonly { start: number; end: number }[]): string => {
  let out = ''
  let at = 0
  for (const h of highlights) {
    out += `${snippet.slice(at, h.start)}«${snippet.slice(h.start, h.end)}»`
    at = h.end
  }
  return out + snippet.slice(at)
}
