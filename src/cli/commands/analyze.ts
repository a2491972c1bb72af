import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { analyze } from '../../analyze.ts'
import type { Report } from '../../model/types.ts'
import { renderJson } from '../../report/json.ts'
import { renderMarkdown } from '../../report/markdown.ts'
import { renderText } from '../../report/text.ts'
import { EXIT, problemLines, UsageError } from '../errors.ts'
import { createProgress } from '../progress.ts'

const FORMATS = ['text', 'json', 'md', 'html'] as const
type Format = (typeof FORMATS)[number]

export const ANALYZE_HELP = `Usage: parallax analyze [paths…|-] [--format text|json|md|html] [--out FILE]

Reads articles (seed-style .txt, .jsonl, .json exports, saved .html pages, RSS/Atom/JSON feeds,
OPML lists, directories of them, http(s) URLs, or - for stdin), groups the
reports of each event into stories and shows where they agree, conflict, and how each frames it.

Options:
  -f, --format FORMAT   text (default), json (the versioned contract), md, html (one self-contained page)
  -o, --out FILE        write the report to FILE instead of standard output
      --tokens          include the token layer in JSON output
      --allow-private   let URLs reach loopback and private addresses (local test servers only)
  -h, --help            show this help`

const render = async (report: Report, format: Format, color: boolean, tokens: boolean): Promise<string> => {
  switch (format) {
    case 'json':
      return renderJson(report, { tokens })
    case 'md':
      return renderMarkdown(report)
    case 'html': {
      const { renderHtml } = (await import('../../report/html.ts')) as { renderHtml: (r: Report) => string }
      return renderHtml(report)
    }
    default:
      return renderText(report, { color })
  }
}

/** `parallax analyze`: exit 0 when every input was read, 1 when some were not (the rest are still analysed). */
export const run = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      out: { type: 'string', short: 'o' },
      tokens: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${ANALYZE_HELP}\n`)
    return EXIT.ok
  }
  const format = values.format as Format
  if (!FORMATS.includes(format))
    throw new UsageError(`Expected --format to be one of ${FORMATS.join(', ')}, not "${values.format}"`)
  if (positionals.length === 0)
    throw new UsageError('Expected at least one path to analyze (a file, a directory, or - for stdin)')
  const progress = createProgress('analysing')
  const report = await analyze(positionals, {
    onProgress: progress.update,
    allowPrivate: values['allow-private'],
  })
  for (const line of problemLines(report.errors)) process.stderr.write(`${line}\n`)
  // Problems that did not stop an article being read (a guessed encoding, an unusable date).
  for (const doc of report.documents) {
    for (const m of doc.messages) {
      if (m.rule === 'ingest/metadata')
        process.stderr.write(`parallax: ${doc.meta.source}: warning: ${m.reason}\n`)
    }
  }
  const color = !values.out && format === 'text' && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
  const output = await render(report, format, color, values.tokens)
  if (values.out) writeFileSync(values.out, output)
  else process.stdout.write(output)
  const unread = report.errors.some((e) => !e.reason.startsWith('duplicate of'))
  return unread ? EXIT.badInput : EXIT.ok
}
