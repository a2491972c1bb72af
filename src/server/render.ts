/**
 * HTML rendering shared by the web UI and the self-contained report. Every string that comes from
 * an article or from analysis passes through {@link escapeHtml}: article text is untrusted.
 * No inline style attributes and no inline script are produced, so a strict CSP holds.
 */
import type { Doc, Entity, Evidence, Fact, FactStatus, Span, Story } from '../model/types.ts'
import { docName, formatFactValue, formatRecord, formatVoiceMix } from '../report/view.ts'
import type { DocumentSummary, SearchHit, StorySummary } from '../store/sqlite.ts'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

/** Only web links are linked; `javascript:` and other schemes from an article stay plain text. */
const safeUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

/** Where links in a rendered page go; a missing function means "no link" (the static report). */
export interface Links {
  story?: (id: string) => string | undefined
  entity?: (id: string) => string | undefined
  document?: (id: string) => string | undefined
}

/** Everything a story page needs. `entities` may be partial; missing ones are shown unlinked. */
export interface StoryView {
  story: Story
  documents: readonly Doc[]
  entities?: readonly Entity[]
  links?: Links
  /** Prefix for every element id, so several stories can share one page. */
  idPrefix?: string
}

const STATUSES = new Set<FactStatus>(['agree', 'compatible', 'conflict', 'unique'])

/** A fact's status, checked against the known ones: it becomes a class name, so it must not carry markup. */
const statusOf = (fact: Fact): FactStatus => (STATUSES.has(fact.status) ? fact.status : 'unique')

/** Status words shown beside every colour, so colour is never the only cue. */
export const STATUS_LABEL: Record<FactStatus, string> = {
  agree: 'Agree',
  compatible: 'Compatible',
  conflict: 'Conflict',
  unique: 'Only one source',
}

const STATUS_HELP: Record<FactStatus, string> = {
  agree: 'every source that reports it gives the same value',
  compatible: 'different figures that can both be true',
  conflict: 'the sources contradict each other',
  unique: 'reported by one source only',
}

const statusChip = (status: FactStatus): string =>
  `<span class="status status-${status}">${STATUS_LABEL[status]}</span>`

const link = (href: string | undefined, text: string): string =>
  href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text)

const formatDateRange = (range: { start: string; end: string } | undefined): string =>
  !range ? 'undated' : range.start === range.end ? range.start : `${range.start} – ${range.end}`

interface Annotation {
  span: Span
  classes: string[]
  facts?: string[]
  title?: string
}

/**
 * Renders a document's text with annotations as nested-free HTML: the text is cut at every
 * annotation boundary and each piece carries the union of the annotations covering it, so
 * overlapping evidence, loaded words and quotes never produce broken markup.
 */
export const renderAnnotatedText = (text: string, annotations: readonly Annotation[]): string => {
  const cuts = new Set<number>([0, text.length])
  const valid = annotations.filter(
    (a) => a.span.start >= 0 && a.span.end <= text.length && a.span.start < a.span.end,
  )
  for (const a of valid) {
    cuts.add(a.span.start)
    cuts.add(a.span.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  let html = ''
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]
    const end = points[i + 1]
    const piece = escapeHtml(text.slice(start, end))
    const covering = valid.filter((a) => a.span.start <= start && a.span.end >= end)
    if (covering.length === 0) {
      html += piece
      continue
    }
    const classes = strongestStatus([...new Set(covering.flatMap((a) => a.classes))])
    const facts = [...new Set(covering.flatMap((a) => a.facts ?? []))]
    const titles = [...new Set(covering.map((a) => a.title).filter((t): t is string => Boolean(t)))]
    const tag = facts.length > 0 ? 'mark' : 'span'
    html += `<${tag} class="${classes.join(' ')}"${facts.length ? ` data-facts="${facts.join(' ')}"` : ''}${
      titles.length ? ` title="${escapeHtml(titles.join('; '))}"` : ''
    }>${piece}</${tag}>`
  }
  return html
}

/** The strongest status wins the colour when one piece of text is evidence for several facts. */
const STATUS_RANK: FactStatus[] = ['conflict', 'compatible', 'unique', 'agree']

const docAnnotations = (doc: Doc, facts: readonly Fact[], p = ''): Annotation[] => {
  const annotations: Annotation[] = []
  const evidenceSpans: Span[] = []
  facts.forEach((fact, i) => {
    for (const value of fact.values) {
      for (const e of value.evidence) {
        if (e.document !== doc.id) continue
        evidenceSpans.push(e)
        annotations.push({
          span: e,
          classes: ['ev', `ev-${statusOf(fact)}`],
          facts: [`${p}f${i}`],
          title: `${STATUS_LABEL[statusOf(fact)]}: ${fact.about}`,
        })
      }
    }
  })
  for (const sentence of doc.sentences ?? []) {
    if (evidenceSpans.some((e) => e.start < sentence.end && sentence.start < e.end)) {
      annotations.push({ span: sentence, classes: ['sent-ev'] })
    }
  }
  for (const quote of doc.quotes ?? []) annotations.push({ span: quote.content, classes: ['quoted'] })
  for (const term of doc.framing?.loaded ?? []) {
    annotations.push({
      span: term.span,
      classes: ['loaded', term.voice === 'quoted' ? 'loaded-quoted' : 'loaded-outlet'],
      title: term.voice === 'outlet' ? "loaded word, outlet's own voice" : 'loaded word, in a quotation',
    })
  }
  return annotations
}

/** A piece of text under several facts keeps only the strongest status colour. */
const strongestStatus = (classes: string[]): string[] => {
  const statuses = classes.filter((c) => c.startsWith('ev-'))
  if (statuses.length < 2) return classes
  const best = STATUS_RANK.map((s) => `ev-${s}`).find((c) => statuses.includes(c))
  return classes.filter((c) => !c.startsWith('ev-') || c === best)
}

const factsTable = (story: Story, docs: readonly Doc[], docById: Map<string, Doc>, p: string): string => {
  if (story.facts.length === 0) return '<p class="empty">No facts were lined up across these reports.</p>'
  const head = docs.map((d) => `<th scope="col">${escapeHtml(docName(d))}</th>`).join('')
  const rows = story.facts
    .map((fact, i) => {
      const cells = docs
        .map((d) => {
          const values = fact.values.filter((v) => v.document === d.id)
          if (values.length === 0) return '<td class="absent">not reported</td>'
          return `<td>${values.map((v) => escapeHtml(formatFactValue(v, (id) => docName(docById.get(id) ?? d)))).join('; ')}</td>`
        })
        .join('')
      const reconciled = fact.reconciled
        ? (['low', 'best', 'high'] as const)
            .map((k) => {
              const value = fact.reconciled?.[k]
              const sources = (fact.reconciled?.sources[k] ?? [])
                .map((id) => docName(docById.get(id)))
                .join(', ')
              return `<div><span class="rk">${k}</span> ${value === null || value === undefined ? '–' : escapeHtml(String(value))}${
                sources ? ` <span class="src">(${escapeHtml(sources)})</span>` : ''
              }</div>`
            })
            .join('')
        : ''
      return `<tr class="fact-row row-${statusOf(fact)}" id="${p}fact-f${i}">
<th scope="row"><button type="button" class="fact-link" data-fact="${p}f${i}" aria-controls="${p}reports">${escapeHtml(
        fact.about || fact.key,
      )}</button><span class="kind">${escapeHtml(fact.kind)}</span></th>
<td>${statusChip(statusOf(fact))}</td>${cells}<td class="reconciled">${reconciled}</td></tr>`
    })
    .join('\n')
  return `<div class="table-wrap"><table class="facts">
<caption>Each fact as every report gives it. Choose a fact to show its evidence in every report.</caption>
<thead><tr><th scope="col">Fact</th><th scope="col">Status</th>${head}<th scope="col">Reconciled (low / best / high)</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}

const columns = (story: Story, docs: readonly Doc[], links: Links, p: string): string =>
  docs
    .map((doc, i) => {
      const url = safeUrl(doc.meta.url)
      const meta = [
        doc.meta.published ?? 'undated',
        url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">original</a>` : '',
      ]
        .filter(Boolean)
        .join(' · ')
      const name = docName(doc)
      return `<article class="column" id="${p}doc-${i}" aria-labelledby="${p}doc-${i}-name">
<header><h3 id="${p}doc-${i}-name">${link(links.document?.(doc.id), name)}</h3><p class="doc-meta">${meta}</p></header>
<p class="lacks-note" hidden></p>
<div class="doc-text" tabindex="0" role="region" aria-label="Text of the report by ${escapeHtml(name)}">${renderAnnotatedText(
        doc.text,
        docAnnotations(doc, story.facts, p),
      )}</div>
</article>`
    })
    .join('\n')

const labelsTable = (story: Story, docs: readonly Doc[], links: Links): string => {
  const labels = story.framing.labels.filter((row) => row.byDocument.some((d) => d.labels.length > 0))
  if (labels.length === 0) return '<p class="empty">No outlet labels a named actor in these reports.</p>'
  const head = docs.map((d) => `<th scope="col">${escapeHtml(docName(d))}</th>`).join('')
  const rows = labels
    .map((row) => {
      const cells = docs
        .map((d) => {
          const found = row.byDocument.find((b) => b.document === d.id)?.labels ?? []
          return found.length
            ? `<td>${[...new Set(found.map((l) => l.text))].map((t) => `<q>${escapeHtml(t)}</q>`).join(', ')}</td>`
            : '<td class="absent">—</td>'
        })
        .join('')
      return `<tr><th scope="row">${link(links.entity?.(row.entity), row.name)}</th>${cells}</tr>`
    })
    .join('\n')
  return `<div class="table-wrap"><table class="labels"><caption>Each outlet's words for each actor</caption>
<thead><tr><th scope="col">Actor</th>${head}</tr></thead><tbody>
${rows}
</tbody></table></div>`
}

const wordList = (items: readonly Evidence[]): string =>
  items.length ? [...new Set(items.map((e) => e.text))].map((t) => `<q>${escapeHtml(t)}</q>`).join(', ') : '—'

const loadedSection = (story: Story, docs: readonly Doc[]): string => {
  const rows = docs
    .map((d) => {
      const loaded = story.framing.loaded.find((l) => l.document === d.id)
      const hedges = story.framing.hedges.find((h) => h.document === d.id)?.hedges ?? []
      return `<tr><th scope="row">${escapeHtml(docName(d))}</th><td class="voice-outlet">${wordList(
        loaded?.outlet_voice ?? [],
      )}</td><td class="voice-quoted">${wordList(loaded?.quoted_voice ?? [])}</td><td>${wordList(hedges)}</td></tr>`
    })
    .join('\n')
  return `<div class="table-wrap"><table class="loaded-table"><caption>Loaded words, split by whose voice they are in</caption>
<thead><tr><th scope="col">Outlet</th><th scope="col">Outlet's own voice</th><th scope="col">Quoted voice</th><th scope="col">Hedges and attribution</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}

/** CSS class suffix per kind of voice (a closed set: a stored report's value never reaches the markup). */
const KIND_CLASS: Record<string, string> = {
  person: 'person',
  organisation: 'organisation',
  unnamed: 'unnamed',
  document: 'document',
  pronoun: 'pronoun',
}

/** Legend words per kind of voice. */
const KIND_LABEL: Record<string, string> = {
  person: 'person',
  organisation: 'organisation',
  unnamed: 'unnamed source',
  document: 'document',
  pronoun: 'pronoun',
}

/** A horizontal bar chart of whose voices each outlet quotes, as inline SVG (no script, no style). */
export const voicesChart = (story: Story, docs: readonly Doc[], p = ''): string => {
  const groups = docs
    .map((d) => ({ doc: d, speakers: story.framing.voices.find((v) => v.document === d.id)?.speakers ?? [] }))
    .filter((g) => g.speakers.length > 0)
  if (groups.length === 0) return '<p class="empty">These reports quote no identified speaker.</p>'
  const max = Math.max(1, ...groups.flatMap((g) => g.speakers.map((s) => Number(s.count) || 0)))
  const row = 22
  const labelWidth = 230
  const barWidth = 300
  let y = 0
  let body = ''
  const summary: string[] = []
  for (const group of groups) {
    const speakers = [...group.speakers].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    const mix = formatVoiceMix(speakers)
    body += `<text class="chart-outlet" x="0" y="${y + 16}">${escapeHtml(docName(group.doc))}<tspan class="chart-mix"> — ${escapeHtml(mix)}</tspan></text>`
    y += row
    for (const s of speakers) {
      const width = Math.max(2, Math.round(((Number(s.count) || 0) / max) * barWidth))
      body += `<text class="chart-speaker" x="12" y="${y + 15}">${escapeHtml(clipName(s.name))}</text>`
      const kind = KIND_CLASS[s.kind] ?? 'unnamed'
      body += `<rect class="chart-bar voice-${kind}" x="${labelWidth}" y="${y + 4}" width="${width}" height="${row - 8}"></rect>`
      body += `<text class="chart-count" x="${labelWidth + width + 6}" y="${y + 15}">${Number(s.count)}</text>`
      y += row
    }
    summary.push(`${docName(group.doc)} (${mix}): ${speakers.map((s) => `${s.name} ${s.count}`).join(', ')}`)
    y += 6
  }
  // A legend of the bar colours, one swatch per kind of voice present.
  const kinds = Object.keys(KIND_CLASS).filter((k) =>
    groups.some((g) => g.speakers.some((s) => s.kind === k)),
  )
  let x = 0
  for (const kind of kinds) {
    body += `<rect class="chart-swatch voice-${KIND_CLASS[kind]}" x="${x}" y="${y + 4}" width="12" height="12"></rect>`
    body += `<text class="chart-legend" x="${x + 16}" y="${y + 15}">${KIND_LABEL[kind]}</text>`
    x += 22 + KIND_LABEL[kind].length * 7
  }
  if (kinds.length > 0) y += row
  const width = labelWidth + barWidth + 40
  return `<svg class="voices-chart" role="img" aria-labelledby="${p}voices-title ${p}voices-desc" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}">
<title id="${p}voices-title">Whose voices each outlet quotes</title>
<desc id="${p}voices-desc">${escapeHtml(summary.join('. '))}</desc>
${body}</svg>`
}

const clipName = (name: string): string => (name.length > 32 ? `${name.slice(0, 31)}…` : name)

/** The sentence around a date, cut to a readable length, with the date expression in bold. */
const dateContext = (doc: Doc, span: Span): string => {
  const sentence = (doc.sentences ?? []).find((s) => s.start <= span.start && s.end >= span.end) ?? span
  const from = Math.max(sentence.start, span.start - 110)
  const to = Math.min(sentence.end, span.end + 110)
  return `${from > sentence.start ? '…' : ''}${escapeHtml(doc.text.slice(from, span.start))}<strong>${escapeHtml(
    doc.text.slice(span.start, span.end),
  )}</strong>${escapeHtml(doc.text.slice(span.end, to))}${to < sentence.end ? '…' : ''}`
}

/** The dated events the reports mention, in date order, each with who said it and in what words. */
const timeline = (docs: readonly Doc[]): string => {
  const byValue = new Map<string, { doc: Doc; html: string }[]>()
  for (const doc of docs) {
    for (const date of doc.dates ?? []) {
      if (!date.value || date.type !== 'DATE') continue
      const list = byValue.get(date.value) ?? []
      list.push({ doc, html: dateContext(doc, date.span) })
      byValue.set(date.value, list)
    }
  }
  if (byValue.size === 0) return '<p class="empty">The reports mention no resolvable dates.</p>'
  const items = [...byValue.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([value, mentions]) =>
        `<li><time datetime="${escapeHtml(value)}">${escapeHtml(value)}</time><ul>${mentions
          .map((m) => `<li><span class="who">${escapeHtml(docName(m.doc))}:</span> ${m.html}</li>`)
          .join('')}</ul></li>`,
    )
    .join('\n')
  return `<ol class="timeline">
${items}
</ol>`
}

const legend = (): string =>
  `<p class="legend" aria-label="Legend">${(['conflict', 'compatible', 'agree', 'unique'] as FactStatus[])
    .map((s) => `${statusChip(s)} <span class="legend-help">${STATUS_HELP[s]}</span>`)
    .join(
      ' ',
    )} <span class="loaded loaded-outlet">outlet's loaded word</span> <span class="loaded loaded-quoted">loaded word in a quotation</span></p>`

/**
 * The story page's main content: header, facts table, reports side by side, labels, loaded
 * words, voices chart and timeline. Shared by the server and the static HTML report.
 */
export const renderStoryBody = ({
  story,
  documents,
  entities = [],
  links = {},
  idPrefix: p = '',
}: StoryView): string => {
  const docById = new Map(documents.map((d) => [d.id, d]))
  const docs = story.documents.map((id) => docById.get(id)).filter((d): d is Doc => d !== undefined)
  const conflicts = story.facts.filter((f) => f.status === 'conflict').length
  const casualties = formatRecord(story.record, (id) => docName(docById.get(id)))
  return `<section class="story" aria-labelledby="${p}story-title">
<header class="story-head">
<h1 id="${p}story-title">${escapeHtml(story.title)}</h1>
<p class="story-meta">${escapeHtml(formatDateRange(story.dateRange))} · ${docs.length} ${docs.length === 1 ? 'report' : 'reports'} · ${Number(story.independent)} independent · ${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'}</p>
${casualties ? `<p class="story-record">Casualties: ${escapeHtml(casualties)}</p>\n` : ''}<nav class="toc" aria-label="Sections"><a href="#${p}facts">Facts</a> <a href="#${p}reports">Reports</a> <a href="#${p}labels">Labels</a> <a href="#${p}loaded">Loaded words</a> <a href="#${p}voices">Voices</a> <a href="#${p}timeline">Timeline</a> <a href="#${p}actors">Who is named</a></nav>
</header>
<section id="${p}facts" class="sec-facts" aria-labelledby="${p}facts-h"><h2 id="${p}facts-h">Facts</h2>
${legend()}
${factsTable(story, docs, docById, p)}
</section>
<section id="${p}reports" class="sec-reports" aria-labelledby="${p}reports-h"><h2 id="${p}reports-h">Reports side by side</h2>
<p class="fact-status" role="status" aria-live="polite"></p>
<div class="columns">
${columns(story, docs, links, p)}
</div>
</section>
<section id="${p}labels" class="sec-labels" aria-labelledby="${p}labels-h"><h2 id="${p}labels-h">Labels</h2>
${labelsTable(story, docs, links)}
</section>
<section id="${p}loaded" class="sec-loaded" aria-labelledby="${p}loaded-h"><h2 id="${p}loaded-h">Loaded words</h2>
${loadedSection(story, docs)}
</section>
<section id="${p}voices" class="sec-voices" aria-labelledby="${p}voices-h"><h2 id="${p}voices-h">Whose voices are quoted</h2>
${voicesChart(story, docs, p)}
</section>
<section id="${p}timeline" class="sec-timeline" aria-labelledby="${p}timeline-h"><h2 id="${p}timeline-h">Timeline of dated events</h2>
${timeline(docs)}
</section>
<section id="${p}actors" class="sec-actors" aria-labelledby="${p}actors-h"><h2 id="${p}actors-h">Who is named</h2>
${actorsList(docs, entities, links)}
</section>
</section>`
}

/**
 * The entities the story's reports name, most mentioned first, with the names each report used
 * and links to the entity pages where the server has them.
 */
const actorsList = (docs: readonly Doc[], entities: readonly Entity[], links: Links, max = 20): string => {
  const byId = new Map(entities.map((e) => [e.id, e]))
  const seen = new Map<string, { count: number; docs: Set<string>; names: Set<string> }>()
  for (const doc of docs) {
    for (const mention of doc.mentions ?? []) {
      if (!mention.entity || !byId.has(mention.entity)) continue
      const entry = seen.get(mention.entity) ?? { count: 0, docs: new Set(), names: new Set() }
      entry.count++
      entry.docs.add(doc.id)
      entry.names.add(mention.text)
      seen.set(mention.entity, entry)
    }
  }
  if (seen.size === 0) return '<p class="empty">No named entities were resolved in these reports.</p>'
  const rows = [...seen.entries()]
    .sort(([a, x], [b, y]) => y.docs.size - x.docs.size || y.count - x.count || a.localeCompare(b))
    .slice(0, max)
    .map(([id, entry]) => {
      const entity = byId.get(id)!
      const names = [...entry.names].filter((n) => n !== entity.name)
      return `<tr><th scope="row">${link(links.entity?.(id), entity.name)}</th><td>${escapeHtml(entity.type)}</td><td class="num">${entry.docs.size} of ${docs.length}</td><td>${
        names.length ? names.map((n) => `<q>${escapeHtml(n)}</q>`).join(', ') : '—'
      }</td></tr>`
    })
    .join('\n')
  return `<div class="table-wrap"><table class="actors"><caption>People, organisations and places the reports name</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Reports naming it</th><th scope="col">Also called here</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}

/** The story list: newest first, with source, independent-source and conflict counts. */
export const renderStoryList = (stories: readonly StorySummary[], links: Links, more?: string): string => {
  if (stories.length === 0) {
    return '<h1>Stories</h1><p class="empty">No stories yet. Add articles with <code>parallax ingest PATHS</code>.</p>'
  }
  const rows = stories
    .map(
      (s) =>
        `<tr><th scope="row">${link(links.story?.(s.id), s.title)}</th><td class="num">${s.documents}</td><td class="num">${
          s.independent
        }</td><td class="num">${s.conflicts ? `<span class="status status-conflict">${s.conflicts}</span>` : '0'}</td><td>${escapeHtml(
          formatDateRange(s.dateRange),
        )}</td></tr>`,
    )
    .join('\n')
  return `<h1>Stories</h1>
<div class="table-wrap"><table class="stories"><caption>Newest first</caption>
<thead><tr><th scope="col">Story</th><th scope="col">Sources</th><th scope="col">Independent</th><th scope="col">Conflicts</th><th scope="col">Dates</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>${more ? `\n<p><a href="${escapeHtml(more)}">Older stories</a></p>` : ''}`
}

/** An entity page: every name it goes by and the stories it appears in. */
export const renderEntity = (
  entity: Entity,
  stories: readonly StorySummary[],
  links: Links,
  documents: readonly DocumentSummary[] = [],
): string => {
  const names = [...new Set([entity.name, ...entity.aliases, ...entity.mentions.map((m) => m.text)])]
  const byDocument = documents
    .map((d) => {
      const used = entity.mentions.filter((m) => m.document === d.id).map((m) => m.text)
      return `<tr><th scope="row">${link(links.document?.(d.id), d.outlet ?? d.source)}</th><td>${escapeHtml(
        d.title ?? '',
      )}</td><td>${[...new Set(used)].map((n) => `<q>${escapeHtml(n)}</q>`).join(', ')}</td><td class="num">${used.length}</td></tr>`
    })
    .join('\n')
  const usedTable = documents.length
    ? `<h2>Names each report uses</h2>
<div class="table-wrap"><table class="entity-docs"><thead><tr><th scope="col">Outlet</th><th scope="col">Article</th><th scope="col">Names</th><th scope="col">Mentions</th></tr></thead>
<tbody>
${byDocument}
</tbody></table></div>`
    : ''
  return `<h1>${escapeHtml(entity.name)} <span class="kind">${escapeHtml(entity.type)}</span></h1>
<h2>Names it goes by</h2>
<ul class="names">${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
<p>${entity.mentions.length} ${entity.mentions.length === 1 ? 'mention' : 'mentions'} in ${
    new Set(entity.mentions.map((m) => m.document)).size
  } documents.</p>
<h2>Stories</h2>
${stories.length ? `<ul class="story-links">${stories.map((s) => `<li>${link(links.story?.(s.id), s.title)} <span class="dates">${escapeHtml(formatDateRange(s.dateRange))}</span></li>`).join('')}</ul>` : '<p class="empty">In no stored story.</p>'}
${usedTable}`
}

/** A document page: its text and the stories it belongs to. */
export const renderDocument = (doc: Doc, stories: readonly StorySummary[], links: Links): string => {
  const url = safeUrl(doc.meta.url)
  return `<h1>${escapeHtml(doc.meta.title ?? docName(doc))}</h1>
<p class="doc-meta">${escapeHtml(docName(doc))} · ${escapeHtml(doc.meta.published ?? 'undated')}${
    url ? ` · <a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">original</a>` : ''
  }</p>
<p>Stories: ${stories.length ? stories.map((s) => link(links.story?.(s.id), s.title)).join(', ') : 'none'}</p>
<div class="doc-text single">${renderAnnotatedText(doc.text, docAnnotations(doc, []))}</div>`
}

/** Search results: matched words marked, everything else escaped. */
export const renderSearch = (query: string, hits: readonly SearchHit[], links: Links): string => {
  const marked = (hit: SearchHit): string => {
    let html = ''
    let at = 0
    for (const h of hit.highlights) {
      html += `${escapeHtml(hit.snippet.slice(at, h.start))}<mark>${escapeHtml(hit.snippet.slice(h.start, h.end))}</mark>`
      at = h.end
    }
    return html + escapeHtml(hit.snippet.slice(at))
  }
  const items = hits
    .map((hit) => {
      // A fact hit opens its story at the facts table.
      const story = hit.kind === 'fact' ? links.story?.(hit.id) : undefined
      const href = hit.kind === 'fact' ? story && `${story}#facts` : links.document?.(hit.id)
      return `<li><span class="kind">${hit.kind === 'fact' ? 'fact' : 'article'}</span> ${link(href, hit.title)}<p class="snippet">${marked(hit)}</p></li>`
    })
    .join('\n')
  return `<h1>Search</h1>
<p>${hits.length} ${hits.length === 1 ? 'result' : 'results'} for <q>${escapeHtml(query)}</q></p>
${hits.length ? `<ol class="results">${items}</ol>` : ''}`
}

/** Options of the page shell. */
export interface PageOptions {
  title: string
  body: string
  /** Web UI: link the served CSS/JS and show the search bar. */
  assets?: { css: string; js: string }
  /** Static report: inline CSS/JS (allowed by hashes in the page's own CSP). */
  inline?: { css: string; js: string; csp: string }
  query?: string
}

/** The HTML document around a page body. */
export const renderPage = ({
  title,
  body,
  assets,
  inline,
  query = '',
}: PageOptions): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${inline ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(inline.csp)}">\n` : ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Parallax</title>
${assets ? `<link rel="stylesheet" href="${escapeHtml(assets.css)}">` : `<style>${inline?.css ?? ''}</style>`}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
${
  assets
    ? `<a class="brand" href="/">Parallax</a>
<form class="search" role="search" action="/search" method="get"><label for="q">Search articles and facts</label> <input id="q" name="q" type="search" value="${escapeHtml(query)}"> <button type="submit">Search</button></form>`
    : '<span class="brand">Parallax report</span>'
}
</header>
<main id="main">
${body}
</main>
${assets ? `<script src="${escapeHtml(assets.js)}" defer></script>` : `<script>${inline?.js ?? ''}</script>`}
</body>
</html>
`
