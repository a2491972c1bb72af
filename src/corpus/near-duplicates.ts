/**
 * Near-duplicate detection with MinHash over word shingles: wire copy and republished articles share most
 * of their word sequences, independent reports of the same event do not. A copy does not count as
 * independent confirmation of a story.
 */

/** Options for {@link minhash}. */
export interface MinHashOptions {
  /** Words per shingle. */
  shingle?: number
  /** Signature length (bins). More is more precise; the cost of hashing does not grow with it. */
  hashes?: number
}

/**
 * Names the signature scheme, so a saved index can tell whether its signatures compare with new ones:
 * one-permutation MinHash, 64 bins, over 4-word shingles. (Snapshots without it hold 32 independent
 * hashes per text, which do not compare.)
 */
export const SIGNATURE_SCHEME = 'oph-64'

// FNV-1a over a string: fast, dependency-free, and good enough as the base hash of a word.
const fnv1a = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// A 32-bit mix (murmur3 finaliser) so the hashes are well spread even for similar inputs.
const mix = (x: number): number => {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const EMPTY = 0xffffffff
// Bin of a 32-bit hash among `bins`, by its high bits.
const binOf = (hash: number, bins: number): number => Math.floor((hash / 4294967296) * bins)

/**
 * MinHash signature of a word sequence, by one-permutation hashing: each shingle is hashed once, its hash
 * picks a bin and the bin keeps the least value, so the cost is one hash per shingle, not one per shingle
 * and signature slot (the estimate of Jaccard similarity is as good). Bins no shingle fell in borrow the
 * value of a bin picked by a fixed probe sequence (Shrivastava's optimal densification), so short texts
 * still compare. Texts shorter than one shingle use the whole text as the shingle, so two identical short
 * texts still match.
 *
 * @example
 * const sig = minhash(['a', 'storm', 'hit', 'the', 'coast'], { shingle: 3 })
 */
export const minhash = (
  words: readonly string[],
  { shingle = 4, hashes = 64 }: MinHashOptions = {},
): Uint32Array => {
  if (!Number.isInteger(hashes) || hashes < 1)
    throw new RangeError(`Expected a whole number of hashes, not ${hashes}`)
  const signature = new Uint32Array(hashes).fill(EMPTY)
  // Hash each word once, then combine a window of word hashes into the shingle hash: no string joins.
  const n = words.length
  const wordHashes = new Uint32Array(n)
  for (let i = 0; i < n; i++) wordHashes[i] = fnv1a(words[i])
  const count = Math.max(1, n - shingle + 1)
  for (let i = 0; i < count; i++) {
    let base = 0x2545f491
    const to = Math.min(n, i + shingle)
    for (let j = i; j < to; j++) base = mix((base ^ wordHashes[j]) >>> 0)
    const bin = binOf(base, hashes)
    // A second mix so the value kept is independent of the bits that chose the bin; below EMPTY.
    const value = mix((base ^ 0x5bd1e995) >>> 0) >>> 1
    if (value < signature[bin]) signature[bin] = value
  }
  return densify(signature)
}

// Fills each empty bin from the first filled bin of its probe sequence (the same for every text, so two
// texts with the same filled bins get the same values).
const densify = (signature: Uint32Array): Uint32Array => {
  if (!signature.includes(EMPTY)) return signature
  const filled = signature.slice()
  for (let k = 0; k < signature.length; k++) {
    if (filled[k] !== EMPTY) continue
    for (let probe = 1; ; probe++) {
      const j = binOf(
        mix((Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(probe, 0x85ebca77)) >>> 0),
        signature.length,
      )
      if (filled[j] !== EMPTY) {
        signature[k] = filled[j]
        break
      }
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
 * bounded without a global LSH table. Candidates whose signature differs in length are passed over.
 */
export const findDuplicate = <T extends { signature: Uint32Array }>(
  signature: Uint32Array,
  candidates: Iterable<T>,
  { threshold = 0.6 }: DuplicateOptions = {},
): T | undefined => {
  let best: T | undefined
  let bestScore = threshold
  for (const candidate of candidates) {
    // A signature of another length is from another scheme (or none was kept): it cannot be compared.
    if (candidate.signature.length !== signature.length) continue
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
