import type { Report } from '../model/types.ts'
import {
  docName,
  factsByStatus,
  formatFactValue,
  formatReconciled,
  formatRecord,
  formatVoiceMix,
  indexReport,
  STATUS_TITLE,
} from './view.ts'

/** Escapes text for a Markdown table cell or paragraph. */
const md = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .trim()

/** The report as Markdown: one section per story, tables for facts, labels and voices. */
export const renderMarkdown = (report: Report): string => {
  const { docs, letters } = indexReport(report)
  const out: string[] = [
    `# Parallax report`,
    '',
    `${report.documents.length} articles, ${report.stories.length} stories.`,
  ]
  const stories = [...report.stories].sort((a, b) => b.documents.length - a.documents.length)
  for (const story of stories) {
    const letter = letters(story)
    const tag = (id: string) => letter.get(id) ?? '?'
    out.push('', `## ${md(story.title)}`, '')
    out.push(
      `${story.documents.length} reports, ${story.independent} independent${story.dateRange ? `, ${story.dateRange.start} to ${story.dateRange.end}` : ''}.`,
      '',
    )
    const casualties = formatRecord(story.record, (id) => `[${tag(id)}]`)
    if (casualties) out.push(`Casualties: ${casualties}.`, '')
    out.push('| | Source | Published | Title |', '|---|---|---|---|')
    for (const id of story.documents) {
      const d = docs.get(id)
      out.push(
        `| ${tag(id)} | ${md(docName(d))} | ${d?.meta.published ?? 'unknown'} | ${md(d?.meta.title ?? '')} |`,
      )
    }
    for (const [status, facts] of factsByStatus(story)) {
      out.push(
        '',
        `### ${STATUS_TITLE[status]}`,
        '',
        '| Fact | Values | Reconciled | Evidence | Not reported by |',
        '|---|---|---|---|---|',
      )
      for (const f of facts) {
        const values = f.values.map((v) => `${tag(v.document)}: ${md(formatFactValue(v, tag))}`).join('<br>')
        const evidence = f.values
          .map((v) => `${tag(v.document)}: “${md(v.evidence[0]?.text ?? '')}”`)
          .join('<br>')
        out.push(
          `| ${md(f.about)} | ${values} | ${f.reconciled && f.values.length > 1 ? formatReconciled(f.reconciled) : ''} | ${evidence} | ${f.missing.map(tag).join(', ')} |`,
        )
      }
    }
    const labels = story.framing.labels.filter((l) => l.byDocument.some((d) => d.labels.length > 0))
    if (labels.length > 0) {
      out.push(
        '',
        '### Labels',
        '',
        `| Actor | ${story.documents.map(tag).join(' | ')} |`,
        `|---|${story.documents.map(() => '---|').join('')}`,
      )
      for (const actor of labels) {
        const cells = story.documents.map((id) => {
          const d = actor.byDocument.find((b) => b.document === id)
          return d ? [...new Set(d.labels.map((l) => md(l.text)))].join('; ') : ''
        })
        out.push(`| ${md(actor.name)} | ${cells.join(' | ')} |`)
      }
    }
    const loaded = story.framing.loaded.filter((l) => l.outlet_voice.length + l.quoted_voice.length > 0)
    if (loaded.length > 0) {
      out.push('', '### Loaded words', '', '| Source | Own voice | In quotes |', '|---|---|---|')
      for (const l of loaded) {
        const own = [...new Set(l.outlet_voice.map((e) => md(e.text.toLowerCase())))].join(', ')
        const quoted = [...new Set(l.quoted_voice.map((e) => md(e.text.toLowerCase())))].join(', ')
        out.push(`| ${tag(l.document)} | ${own} | ${quoted} |`)
      }
    }
    const voices = story.framing.voices.filter((v) => v.speakers.length > 0)
    if (voices.length > 0) {
      out.push(
        '',
        '### Voices quoted',
        '',
        '| Source | Speakers (times quoted) | Kinds of voice |',
        '|---|---|---|',
      )
      for (const v of voices)
        out.push(
          `| ${tag(v.document)} | ${v.speakers.map((s) => `${md(s.name)} (${s.count})`).join(', ')} | ${formatVoiceMix(v.speakers)} |`,
        )
    }
  }
  if (report.errors.length > 0) {
    out.push('', '## Inputs not read', '')
    for (const e of report.errors) out.push(`- ${md(e.source)}: ${md(e.reason)}`)
  }
  return `${out.join('\n')}\n`
}
