/** One accuracy figure from `npm run eval`. The key `dataset/split/metric` names its floor in baseline.json. */
export interface Metric {
  dataset: string
  split: string
  metric: string
  value: number
  /** Optional detail printed after the value (counts, support). */
  note?: string
}

/** An evaluation suite: a file `eval/<name>.eval.ts` exporting `evaluate`. */
export type Evaluate = () => Promise<Metric[]>

export const metricKey = (m: Pick<Metric, 'dataset' | 'split' | 'metric'>): string =>
  `${m.dataset}/${m.split}/${m.metric}`

/** Precision, recall and F1 from counts; 0 where undefined. */
export const prf = (tp: number, fp: number, fn: number): { p: number; r: number; f1: number } => {
  const p = tp + fp === 0 ? 0 : tp / (tp + fp)
  const r = tp + fn === 0 ? 0 : tp / (tp + fn)
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) }
}

/** Where the shared development data lives: `../shared/data` beside the checkout, or $PARALLAX_DATA. */
export const dataDir = (): string =>
  process.env.PARALLAX_DATA ?? new URL('../../shared/data', import.meta.url).pathname

/** Decodes the five predefined XML entities (the annotation files escape nothing else). */
export const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** A GVA incident date as the registry writes it ("January 25, 2014") as an ISO day, or undefined. */
export const gvaIncidentDay = (date: string): string | undefined => {
  const m = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/.exec(date.trim())
  const month = m ? MONTH_NAMES.indexOf(m[1].toLowerCase()) + 1 : 0
  return m && month > 0 ? `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}` : undefined
}
