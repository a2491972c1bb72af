import type { Report, Story } from '../model/types.ts'
import {
  clip,
  docName,
  factsByStatus,
  formatFactValue,
  formatReconciled,
  formatRecord,
  formatVoiceMix,
  indexReport,
  STATUS_TITLE,
} from './view.ts'

export interface TextOptions {
  /** ANSI colour (on when writing to a terminal). */
  color?: boolean
  /** Evidence quotes per fact value (default 1). */
  evidence?: number
}

const ansi = (on: boolean) => {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s)
  return {
    bold: wrap('1'),
    dim: wrap('2'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
    cyan: wrap('36'),
  }
}

const SYMBOL = { conflict: '✗', compatible: '≈', agree: '✓', unique: '•' } as const

/** The terminal report a journalist reads at a glance: per story, sources, facts by status with evidence, labels side by side, voices. */
export const renderText = (report: Report, options: TextOptions = {}): string => {
  const c = ansi(options.color ?? false)
  const { docs, letters } = indexReport(report)
  const out: string[] = []
  const multi = report.stories.filter((s) => s.documents.length > 1).length
  out.push(
    c.bold(
      `Parallax: ${report.documents.length} article${report.documents.length === 1 ? '' : 's'}, ${report.stories.length} stor${report.stories.length === 1 ? 'y' : 'ies'}`,
    ) + (multi ? ` (${multi} told by more than one report)` : ''),
  )
  const stories = [...report.stories].sort((a, b) => b.documents.length - a.documents.length)
  stories.forEach((story, n) => out.push('', ...renderStory(story, n + 1)))
  if (report.errors.length > 0) {
    out.push('', c.bold(c.red(`Inputs not read (${report.errors.length})`)))
    for (const e of report.errors) out.push(`  ${e.source}: ${e.reason}`)
  }
  return `${out.join('\n')}\n`

  function renderStory(story: Story, n: number): string[] {
    const lines: string[] = []
    const letter = letters(story)
    const tag = (id: string) => `[${letter.get(id) ?? '?'}]`
    const range = story.dateRange
      ? story.dateRange.start === story.dateRange.end
        ? story.dateRange.start
        : `${story.dateRange.start} to ${story.dateRange.end}`
      : 'undated'
    const copies = story.documents.length - story.independent
    lines.push(
      c.bold(c.cyan(`━━ Story ${n}: ${clip(story.title, 90)}`)),
      c.dim(
        `   ${story.documents.length} report${story.documents.length === 1 ? '' : 's'}` +
          (copies > 0 ? `, ${story.independent} independent (${copies} near-copies)` : '') +
          ` · ${range}`,
      ),
    )
    const casualties = formatRecord(story.record, tag)
    if (casualties) lines.push(`   Casualties: ${casualties}`)
    lines.push(c.bold('Sources'))
    for (const id of story.documents) {
      const doc = docs.get(id)
      lines.push(
        `  ${tag(id)} ${docName(doc)}${doc?.meta.published ? `, ${doc.meta.published}` : ', date unknown'}${doc?.meta.title ? ` — ${clip(doc.meta.title, 80)}` : ''}`,
      )
    }
    if (story.documents.length === 1) {
      lines.push(c.dim('  (one report: nothing to compare)'))
    }
    for (const [status, facts] of factsByStatus(story)) {
      if (story.documents.length === 1 && status === 'unique') {
        lines.push(c.bold('What it reports'))
      } else {
        lines.push(c.bold(STATUS_TITLE[status]))
      }
      const colour =
        status === 'conflict'
          ? c.red
          : status === 'compatible'
            ? c.yellow
            : status === 'agree'
              ? c.green
              : (s: string) => s
      for (const fact of facts) {
        const values = fact.values.map((v) => `${tag(v.document)} ${formatFactValue(v, tag)}`).join('  vs  ')
        lines.push(`  ${colour(SYMBOL[status])} ${fact.about}: ${colour(values)}`)
        if (fact.reconciled && fact.values.length > 1) {
          lines.push(c.dim(`      reconciled: ${formatReconciled(fact.reconciled)}`))
        }
        for (const v of fact.values) {
          const ev = v.evidence.slice(0, options.evidence ?? 1)
          for (const e of ev) lines.push(c.dim(`      ${tag(v.document)} “${clip(e.text)}”`))
        }
        if (fact.missing.length > 0 && story.documents.length > 1) {
          lines.push(c.dim(`      not in ${fact.missing.map(tag).join(' ')}`))
        }
      }
    }
    const { labels, loaded, voices, hedges } = story.framing
    const withLabels = labels.filter((l) => l.byDocument.some((d) => d.labels.length > 0))
    if (withLabels.length > 0) {
      lines.push(c.bold('How each source labels the actors'))
      for (const actor of withLabels) {
        lines.push(`  ${actor.name}`)
        for (const d of actor.byDocument) {
          const words = [...new Set(d.labels.map((l) => clip(l.text, 60)))]
          lines.push(
            `    ${tag(d.document)} ${words.length > 0 ? words.map((w) => `“${w}”`).join(', ') : c.dim('(no label)')}`,
          )
        }
      }
    }
    const withLoaded = loaded.filter((l) => l.outlet_voice.length + l.quoted_voice.length > 0)
    if (withLoaded.length > 0) {
      lines.push(c.bold('Loaded words'))
      for (const l of withLoaded) {
        const own = [...new Set(l.outlet_voice.map((e) => e.text.toLowerCase()))]
        const quoted = [...new Set(l.quoted_voice.map((e) => e.text.toLowerCase()))]
        lines.push(
          `  ${tag(l.document)} own voice: ${own.length ? own.join(', ') : c.dim('none')}` +
            c.dim(` · in quotes: ${quoted.length ? quoted.join(', ') : 'none'}`),
        )
      }
    }
    const withVoices = voices.filter((v) => v.speakers.length > 0)
    if (withVoices.length > 0) {
      lines.push(c.bold('Whose voices are quoted'))
      for (const v of withVoices) {
        lines.push(
          `  ${tag(v.document)} ${v.speakers.map((s) => `${s.name} (${s.count})`).join(', ')}` +
            c.dim(` · ${formatVoiceMix(v.speakers)}`),
        )
      }
    }
    const withHedges = hedges.filter((h) => h.hedges.length > 0)
    if (withHedges.length > 0) {
      lines.push(c.bold('Hedges and distancing'))
      for (const h of withHedges) {
        lines.push(
          `  ${tag(h.document)} ${[...new Set(h.hedges.map((e) => e.text.toLowerCase()))].join(', ')}`,
        )
      }
    }
    return lines
  }
}
