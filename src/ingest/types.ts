import type { DocMeta } from '../model/types.ts'

/** An article as read from an input, before analysis. `text` is exactly what offsets will index. */
export interface Article {
  text: string
  meta: DocMeta
  /** Kept as the document id when the input gave one (JSONL `id`). */
  id?: string
  /** Problems that did not stop the article being read (an unusable date); they become doc messages. */
  warnings?: string[]
}

/** One unusable input: named, with the problem in one line. Never a stack trace. */
export interface InputError {
  source: string
  reason: string
}

/** What a reader returns: the articles it could read and one error per unusable input. */
export interface ReadResult {
  articles: Article[]
  errors: InputError[]
}
