/**
 * Near-duplicate detection with MinHash over word shingles: wire copy and republished articles share most
 * of their word sequences, independent reports of the same event do not. A copy does not count as
 * independent confirmation of a story.
 */

/** Options for {@link minhash}. */
export interface MinHashOptions {
  /** Words per shingle. */
  shingle?: number
  /** Number of hash functions (signature length). More is more precise and slower. */
  hashes?: number
}

// FNV-1a over a string: fast, dependency-free, and good enough as the base hash of a shingle.
const fnv1a = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// Fixed odd multipliers and offsets derived from a simple LCG so signatures are stable across runs and
// machines (a serialised index must stay comparable with new signatures).
const PARAMS = (() => {
  const a: number[] = []
  const b: number[] = []
  let seed = 0x9e3779b9
  const next = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed
  }
  for (let i = 0; i < 256; i++) {
    a.push(next() | 1)
    b.push(next())
  }
  return { a, b }
})()

// A 32-bit mix (murmur3 finaliser) so the permuted values are well spread even for similar inputs.
const mix = (x: number): number => {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * MinHash signature of a word sequence. Texts shorter than one shingle use the whole text as the shingle,
 * so two identical short texts still match.
 *
 * @example
 * const sig = minhash(['a', 'storm', 'hit', 'the', 'coast'], { shingle: 3 })
 */
export const minhash = (
  words: readonly string[],
  { shingle = 4, hashes = 32 }: MinHashOptions = {},
): Uint32Array => {
  if (hashes > PARAMS.a.length)
    throw new RangeError(`Expected at most ${PARAMS.a.length} hashes, not ${hashes}`)
  const signature = new Uint32Array(hashes).fill(0xffffffff)
  // Hash each word once, then combine a window of word hashes into the shingle hash: no string joins.
  const wordHashes = words.map(fnv1a)
  const count = Math.max(1, words.length - shingle + 1)
  for (let i = 0; i < count; i++) {
    let base = 0x2545f491
    for (let j = i; j < Math.min(words.length, i + shingle); j++) base = mix((base ^ wordHashes[j]) >>> 0)
    for (let k = 0; k < hashes; k++) {
      const v = mix((Math.imul(base, PARAMS.a[k]) + PARAMS.b[k]) >>> 0)
      if (v < signature[k]) signature[k] = v
    }
  }
  return signature
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures of the same length. */
export const similarity = (a: Uint32Array, b: Uint32Array): number => {
  if (a.length !== b.length)
    throw new RangeError(`Expected signatures of equal length, not ${a.length} and ${b.length}`)
  let same = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++
  return a.length === 0 ? 0 : same / a.length
}

/** Options for {@link findDuplicate}. */
export interface DuplicateOptions {
  /** Estimated Jaccard similarity at or above which two texts are copies of one another. */
  threshold?: number
}

/**
 * The first candidate whose signature is a near-duplicate of `signature`, or undefined. Candidates are
 * the documents the caller already believes related (e.g. members of the same story), so this stays
 * bounded without a global LSH table.
 */
export const findDuplicate = <T extends { signature: Uint32Array }>(
  signature: Uint32Array,
  candidates: Iterable<T>,
  { threshold = 0.6 }: DuplicateOptions = {},
): T | undefined => {
  let best: T | undefined
  let bestScore = threshold
  for (const candidate of candidates) {
    const score = similarity(signature, candidate.signature)
    if (score >= bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** Base64 of a signature, for JSON serialisation. */
export const encodeSignature = (signature: Uint32Array): string =>
  Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64')

/** Inverse of {@link encodeSignature}. */
export const decodeSignature = (text: string): Uint32Array => {
  const bytes = Buffer.from(text, 'base64')
  const copy = new Uint8Array(bytes.length)
  copy.set(bytes)
  return new Uint32Array(copy.buffer)
}
