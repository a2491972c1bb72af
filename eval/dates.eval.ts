/**
 * Temporal expressions against TimeML gold, scored as TempEval-3 Task A did: TIMEX3 extents strict
 * (same start and end) and relaxed (any overlap) P/R/F1, then value accuracy on the matched
 * expressions (all of them, and the DATE ones). Datasets: TempEval-3 TBAQ-cleaned (TimeBank +
 * AQUAINT) and MEANTIME (English Wikinews). Set DATES_EVAL_DUMP=<file> to write every miss and
 * wrong value there for error analysis.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DateMention } from '../src/model/types.ts'
import { findDates } from '../src/stages/dates.ts'
import { segmentTokens } from '../src/stages/segment.ts'
import { tokenizeText } from '../src/stages/tokenize.ts'
import { dataDir, gvaIncidentDay, type Metric, prf } from './metric.ts'

/** A gold TIMEX3: character offsets into the plain text, TimeML type and value. */
interface GoldTimex {
  start: number
  end: number
  type: string
  value: string
}

/** One evaluation document: plain text, its creation date, and the gold expressions. */
interface GoldDoc {
  name: string
  text: string
  dct: string | undefined
  timexes: GoldTimex[]
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
      )
    return ENTITIES[name] ?? whole
  })

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]

/** Strips the tags of a TimeML `<TEXT>` body, keeping the TIMEX3 offsets in the stripped text. */
export const readTimeml = (name: string, xml: string): GoldDoc => {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1]
  const dct = dctTag ? attribute(dctTag, 'value')?.slice(0, 10) : undefined
  const bodyStart = xml.indexOf('<TEXT>')
  const bodyEnd = xml.indexOf('</TEXT>')
  const body = xml.slice(bodyStart + 6, bodyEnd)
  let text = ''
  const timexes: GoldTimex[] = []
  const open: { start: number; type: string; value: string }[] = []
  const tag = /<[^>]+>/g
  let last = 0
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    text += decode(body.slice(last, m.index))
    last = m.index + m[0].length
    const t = m[0]
    if (t.startsWith('<TIMEX3')) {
      open.push({ start: text.length, type: attribute(t, 'type') ?? '', value: attribute(t, 'value') ?? '' })
    } else if (t === '</TIMEX3>') {
      const o = open.pop()
      if (o) timexes.push({ start: o.start, end: text.length, type: o.type, value: o.value })
    }
  }
  text += decode(body.slice(last))
  return { name, text, dct, timexes }
}

/** No space before these tokens when rebuilding MEANTIME's tokenised text. */
const NO_SPACE_BEFORE = /^(?:[.,;:!?)\]}%]|'s|'|n't|'re|'ve|'ll|'d|'m)$/i
const NO_SPACE_AFTER = /^[([{$]$/

/** Rebuilds the text of a MEANTIME CAT document from its tokens, one line per sentence. */
export const readMeantime = (name: string, xml: string): GoldDoc => {
  const offsets = new Map<string, { start: number; end: number }>()
  let text = ''
  let sentence = ''
  let previous = ''
  for (const m of xml.matchAll(/<token\b([^>]*)>([^<]*)<\/token>/g)) {
    const word = decode(m[2])
    const s = attribute(m[1], 'sentence') ?? ''
    if (text.length > 0) {
      if (s !== sentence) text += '\n'
      else if (!NO_SPACE_BEFORE.test(word) && !NO_SPACE_AFTER.test(previous)) text += ' '
    }
    sentence = s
    previous = word
    offsets.set(attribute(m[1], 't_id') ?? '', { start: text.length, end: text.length + word.length })
    text += word
  }
  let dct: string | undefined
  const timexes: GoldTimex[] = []
  for (const m of xml.matchAll(/<TIMEX3\b([^>]*)>([\s\S]*?)<\/TIMEX3>/g)) {
    const ids = [...m[2].matchAll(/t_id="([^"]+)"/g)].map((a) => a[1])
    const value = attribute(m[1], 'value') ?? ''
    if (attribute(m[1], 'functionInDocument') === 'CREATION_TIME') dct = value.slice(0, 10)
    const spans = ids.map((id) => offsets.get(id)).filter((s) => s !== undefined)
    if (spans.length === 0) continue
    timexes.push({
      start: Math.min(...spans.map((s) => s.start)),
      end: Math.max(...spans.map((s) => s.end)),
      type: attribute(m[1], 'type') ?? '',
      value,
    })
  }
  return { name, text, dct, timexes }
}

/**
 * TimeML writes one value in several equivalent spellings: trailing placeholders (`1948-XX`,
 * `199X` for the 1990s, which TimeML 1.2 also writes `199`), unpadded weeks (`2000-W7`) and hours
 * without minutes (`T17`). Compare their canonical forms.
 */
export const canonicalValue = (value: string | null): string | null => {
  if (value === null) return null
  let v = value.replace(/-W(\d)(?!\d)/, '-W0$1').replace(/T(\d\d)$/, 'T$1:00')
  for (let previous = ''; previous !== v; ) {
    previous = v
    v = v.replace(/-XX$/, '').replace(/^(\d+)X$/, '$1')
  }
  return v
}

/** Runs our tokenize + segment + dates over one document. */
const predict = (doc: GoldDoc): DateMention[] => {
  const tokens = tokenizeText(doc.text)
  return findDates(doc.text, tokens, segmentTokens(doc.text, tokens), doc.dct)
}

/** Counts for one dataset, with the errors for the dump. */
const score = (dataset: string, docs: GoldDoc[], dump: string[]): Metric[] => {
  let strictTp = 0
  let relaxedTp = 0
  let predicted = 0
  let gold = 0
  let valueOk = 0
  let dateMatched = 0
  let dateValueOk = 0
  let typeOk = 0
  let words = 0
  let elapsed = 0
  for (const doc of docs) {
    const started = performance.now()
    const found = predict(doc)
    elapsed += performance.now() - started
    words += doc.text.split(/\s+/).length
    predicted += found.length
    gold += doc.timexes.length
    const used = new Set<number>()
    for (const g of doc.timexes) {
      // Exact match first, then the predicted expression that overlaps the most.
      let best = -1
      let bestOverlap = 0
      found.forEach((p, k) => {
        if (used.has(k)) return
        const overlap = Math.min(p.span.end, g.end) - Math.max(p.span.start, g.start)
        const exact = p.span.start === g.start && p.span.end === g.end
        const weight = exact ? Number.POSITIVE_INFINITY : overlap
        if (overlap > 0 && weight > bestOverlap) {
          best = k
          bestOverlap = weight
        }
      })
      const goldText = doc.text.slice(g.start, g.end)
      if (best < 0) {
        dump.push(
          `${dataset}\tMISS\t${doc.name}\t${doc.dct}\t${g.type}\t${goldText}\t${g.value}\t${context(doc.text, g.start, g.end)}`,
        )
        continue
      }
      used.add(best)
      const p = found[best]
      relaxedTp++
      if (p.span.start === g.start && p.span.end === g.end) strictTp++
      else
        dump.push(
          `${dataset}\tEXTENT\t${doc.name}\t${doc.dct}\t${g.type}\t${goldText}\t${p.text}\t${context(doc.text, g.start, g.end)}`,
        )
      const valueRight = canonicalValue(p.value) === canonicalValue(g.value)
      if (valueRight) valueOk++
      if (p.type === g.type) typeOk++
      if (g.type === 'DATE') {
        dateMatched++
        if (valueRight) dateValueOk++
      }
      if (!valueRight) {
        dump.push(
          `${dataset}\tVALUE\t${doc.name}\t${doc.dct}\t${g.type}\t${goldText}\t${g.value}\t${p.value}\t${p.text}`,
        )
      }
    }
    found.forEach((p, k) => {
      if (!used.has(k))
        dump.push(
          `${dataset}\tFALSE\t${doc.name}\t${doc.dct}\t${p.type}\t${p.text}\t${p.value}\t${context(doc.text, p.span.start, p.span.end)}`,
        )
    })
  }
  const strict = prf(strictTp, predicted - strictTp, gold - strictTp)
  const relaxed = prf(relaxedTp, predicted - relaxedTp, gold - relaxedTp)
  const m = (metric: string, value: number, note?: string): Metric => ({
    dataset,
    split: 'all',
    metric,
    value,
    note,
  })
  return [
    m('extent_strict_p', strict.p),
    m('extent_strict_r', strict.r),
    m('extent_strict_f1', strict.f1, `${strictTp} exact of ${gold} gold, ${predicted} found`),
    m('extent_relaxed_p', relaxed.p),
    m('extent_relaxed_r', relaxed.r),
    m('extent_relaxed_f1', relaxed.f1, `${relaxedTp} overlapping of ${gold} gold, ${predicted} found`),
    m(
      'value_accuracy_date',
      dateMatched === 0 ? 0 : dateValueOk / dateMatched,
      `${dateValueOk}/${dateMatched} matched DATE`,
    ),
    m('value_accuracy', relaxedTp === 0 ? 0 : valueOk / relaxedTp, `${valueOk}/${relaxedTp} matched`),
    m('type_accuracy', relaxedTp === 0 ? 0 : typeOk / relaxedTp, `${typeOk}/${relaxedTp} matched`),
    m(
      'value_f1',
      relaxed.f1 * (relaxedTp === 0 ? 0 : valueOk / relaxedTp),
      'relaxed F1 × value accuracy, as TempEval-3 ranked',
    ),
    {
      dataset,
      split: 'all',
      metric: 'words_per_s',
      value: Math.round(words / (elapsed / 1000)),
      note: 'tokenize + segment + dates, not a floor',
    },
  ]
}

const context = (text: string, start: number, end: number): string =>
  `${text.slice(Math.max(0, start - 40), start)}[[${text.slice(start, end)}]]${text.slice(end, end + 40)}`.replace(
    /\s+/g,
    ' ',
  )

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  )

/**
 * Local US news on shootings (GVA, 2013-2017) against the registry's incident dates: how often an
 * article names its incident's day among its resolved dates (any day-precision DATE or TIME), and
 * how often the first such day is the incident's. A check of weekday and month-day resolution on
 * modern news, where TimeML gold is not available. The product's own answer (the story's date
 * fact) is scored in story-facts.eval.ts.
 */
const scoreGva = (dump: string[]): Metric[] => {
  const base = join(dataDir(), 'gva')
  const incidents = new Map<string, string>()
  for (const line of readFileSync(join(base, 'incidents.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const incident = JSON.parse(line) as { incident_id: string; date: string }
    const day = gvaIncidentDay(incident.date)
    if (day) incidents.set(incident.incident_id, day)
  }
  let articles = 0
  let named = 0
  let first = 0
  for (const line of readFileSync(join(base, 'documents.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const doc = JSON.parse(line) as {
      incident_id: string
      dct: string
      content: string
      id: string
      title: string
    }
    const day = incidents.get(doc.incident_id)
    if (!day || !doc.content) continue
    articles++
    const tokens = tokenizeText(doc.content)
    const days = findDates(doc.content, tokens, segmentTokens(doc.content, tokens), doc.dct)
      .filter(
        (d) => (d.type === 'DATE' || d.type === 'TIME') && d.value && /^\d{4}-\d{2}-\d{2}/.test(d.value),
      )
      .map((d) => ({ value: (d.value ?? '').slice(0, 10), text: d.text }))
    if (days.some((d) => d.value === day)) named++
    if (days[0]?.value === day) first++
    else
      dump.push(
        `gva\tFIRST\t${doc.id}\t${doc.dct}\t${day}\t${days[0]?.text ?? '-'}\t${days[0]?.value ?? '-'}`,
      )
  }
  const m = (metric: string, value: number, note: string): Metric => ({
    dataset: 'gva-dates',
    split: 'all',
    metric,
    value,
    note,
  })
  return [
    m(
      'incident_day_named',
      articles ? named / articles : 0,
      `${named}/${articles} articles name the incident's day`,
    ),
    m(
      'incident_day_first',
      articles ? first / articles : 0,
      `${first}/${articles} articles' first day is the incident's`,
    ),
  ]
}

/** The dates suite: TBAQ-cleaned and MEANTIME, plus GVA incident days. */
export const evaluate = async (): Promise<Metric[]> => {
  const dump: string[] = []
  const tbaq = files(join(dataDir(), 'tempeval3/TBAQ-cleaned'), '.tml')
    .sort()
    .map((f) => readTimeml(f.split('/').slice(-2).join('/'), readFileSync(f, 'utf8')))
  const meantime = files(join(dataDir(), 'meantime/intra_cross-doc_annotation'), '.xml')
    .sort()
    .map((f) => readMeantime(f.split('/').slice(-2).join('/'), readFileSync(f, 'utf8')))
  const metrics = [
    ...score('te3-tbaq', tbaq, dump),
    ...score('meantime-tmx', meantime, dump),
    ...scoreGva(dump),
  ]
  const out = process.env.DATES_EVAL_DUMP
  if (out) writeFileSync(out, `${dump.join('\n')}\n`)
  return metrics
}
