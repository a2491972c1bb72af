import { PACKAGE_VERSION } from '../version.ts'
import { EXIT, UsageError } from './errors.ts'

type Command = { run: (args: string[]) => Promise<number> }

/** Subcommands, loaded only when used so `parallax analyze` never pays for the server or the store. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyze: {
    summary: 'analyse articles and print the comparison',
    load: () => import('./commands/analyze.ts'),
  },
  ingest: {
    summary: 'add articles to the store (./parallax.db); new ones join their stories',
    load: () => import('./commands/ingest.ts'),
  },
  serve: {
    summary: 'serve the stored stories as a web page and JSON API on 127.0.0.1',
    load: () => import('./commands/serve.ts'),
  },
  search: {
    summary: 'full-text search over stored articles and facts',
    load: () => import('./commands/search.ts'),
  },
  watch: {
    summary: 'poll feeds (RSS, Atom, JSON Feed, OPML) and keep new articles',
    load: () => import('./commands/watch.ts'),
  },
}

const help = (): string =>
  `Parallax ${PACKAGE_VERSION}: where news reports of the same events agree, conflict, omit, and how each frames them.

Usage: parallax <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run 'parallax <command> --help' for a command's options. Add --debug to see stack traces.`

/** Runs the CLI; returns the exit code. Never prints a stack trace unless --debug is given. */
export const main = async (argv: string[]): Promise<number> => {
  const debug = argv.includes('--debug')
  const args = argv.filter((a) => a !== '--debug')
  const [name, ...rest] = args
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`)
    return name ? EXIT.ok : EXIT.usage
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${PACKAGE_VERSION}\n`)
    return EXIT.ok
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`parallax: unknown command "${name}". Run 'parallax --help' for the list.\n`)
    return EXIT.usage
  }
  try {
    return await (await command.load()).run(rest)
  } catch (error) {
    const err = error as Error & { code?: string }
    const usage = error instanceof UsageError || (err.code ?? '').startsWith('ERR_PARSE_ARGS')
    process.stderr.write(`parallax ${name}: ${err.message}\n`)
    if (usage) process.stderr.write(`Run 'parallax ${name} --help' for usage.\n`)
    if (debug) process.stderr.write(`${err.stack}\n`)
    return usage ? EXIT.usage : EXIT.badInput
  }
}
