import { parseArgs } from 'node:util'
import { startServer } from '../../server/app.ts'
import { DEFAULT_DB } from '../../store/sqlite.ts'
import { EXIT, UsageError } from '../errors.ts'
import { openOrReport } from './ingest.ts'

/** Help text of `parallax serve`. */
export const SERVE_HELP = `Usage: parallax serve [--db FILE] [--port N] [--host ADDRESS]

Serves the web UI and the JSON API (/api/stories, /api/stories/:id, /api/documents/:id,
/api/entities/:id, /api/search?q=) over the store.

Options:
      --db FILE         the store (default ${DEFAULT_DB})
  -p, --port N          port (default 4173; 0 picks a free one)
      --host ADDRESS    address to bind (default 127.0.0.1: this machine only)
  -h, --help            show this help`

/** `parallax serve`: runs until interrupted (SIGINT/SIGTERM), then closes the store and exits 0. */
export const run = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: DEFAULT_DB },
      port: { type: 'string', short: 'p', default: '4173' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`)
    return EXIT.ok
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Expected --port to be a port number (0–65535), not "${values.port}"`)
  const store = openOrReport(values.db, { create: false })
  if (!store) return EXIT.badInput
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({ store, port, hostname: values.host })
  } catch (error) {
    store.close()
    process.stderr.write(
      `parallax serve: cannot listen on ${values.host}:${port} (${(error as Error).message})\n`,
    )
    return EXIT.badInput
  }
  process.stderr.write(`parallax serve: ${server.url}/ (store ${store.path}); Ctrl-C to stop\n`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  store.close()
  return EXIT.ok
}
