import { parseArgs } from 'node:util'
import { ingestPaths, recompareStories } from '../../store/ingest.ts'
import { StoreError } from '../../store/schema.ts'
import { DEFAULT_DB, openStore, type Store } from '../../store/sqlite.ts'
import { EXIT, problemLines, UsageError } from '../errors.ts'
import { createProgress } from '../progress.ts'

/** Help text of `parallax ingest`. */
export const INGEST_HELP = `Usage: parallax ingest PATHS… [--db FILE]
       parallax ingest --recompare [--db FILE]

Adds articles to the store: each new article is analysed once and joins its story; articles
already stored (same text or same id) are skipped; only the stories that changed are compared again.

Options:
      --db FILE         the store (default ${DEFAULT_DB}; created when missing)
      --batch N         articles per transaction (default: 50, growing with the store);
                        a crash loses at most one batch, which a re-run redoes
      --recompare       compare every stored story again (after upgrading Parallax);
                        documents are not re-analysed
  -h, --help            show this help`

/**
 * \`parallax ingest\`: exit 0 when every input was read and stored, 1 when some could not be
 * (the rest are still stored), 2 for a usage mistake.
 */
export const run = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: DEFAULT_DB },
      batch: { type: 'string' },
      recompare: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${INGEST_HELP}\n`)
    return EXIT.ok
  }
  const batchSize = values.batch === undefined ? undefined : Number(values.batch)
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
    throw new UsageError(`Expected --batch to be a whole number above 0, not "${values.batch}"`)
  if (values.recompare) {
    if (positionals.length > 0)
      throw new UsageError('Expected either paths to ingest or --recompare, not both')
    const store = openOrReport(values.db, { create: false })
    if (!store) return EXIT.badInput
    try {
      const progress = createProgress('comparing')
      const count = recompareStories(store, { onProgress: progress.update })
      process.stderr.write(
        `parallax ingest: ${count} ${count === 1 ? 'story' : 'stories'} compared again (${store.path})\n`,
      )
      return EXIT.ok
    } finally {
      store.close()
    }
  }
  if (positionals.length === 0)
    throw new UsageError('Expected at least one path to ingest (a file, a directory, or - for stdin)')
  const store = openOrReport(values.db)
  if (!store) return EXIT.badInput
  try {
    const progress = createProgress('ingesting')
    const result = await ingestPaths(store, positionals, { batchSize, onProgress: progress.update })
    for (const line of problemLines(result.errors)) process.stderr.write(`${line}\n`)
    const { created, updated } = result.stories
    process.stderr.write(
      `parallax ingest: ${result.added.length} added, ${result.skipped.length} already stored; ${created.length} new ${
        created.length === 1 ? 'story' : 'stories'
      }, ${updated.length} updated (${store.path})\n`,
    )
    return result.errors.length > 0 ? EXIT.badInput : EXIT.ok
  } finally {
    store.close()
  }
}

/**
 * Opens the store, or prints the one-line reason it cannot be used and returns undefined.
 * Commands that only read pass `create: false`, so a mistyped --db is reported, not created.
 */
export const openOrReport = (
  path: string,
  { create = true }: { create?: boolean } = {},
): Store | undefined => {
  try {
    return openStore(path, { create })
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    process.stderr.write(`parallax: ${error.message}\n`)
    return undefined
  }
}
