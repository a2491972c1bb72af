import { createHash } from 'node:crypto'
import type { Doc, DocMeta } from './types.ts'

/** Stable content id: the first 16 hex digits of the SHA-256 of the text. */
export const contentId = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16)

/** Makes a fresh doc with no layers. */
export const makeDoc = ({ text, meta, id }: { text: string; meta: DocMeta; id?: string }): Doc => ({
  id: id ?? contentId(text),
  text,
  meta,
  messages: [],
})
