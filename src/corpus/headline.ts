/**
 * Page titles without the site name pages append to them ("… - WSMV Channel 4 - Nashville,
 * Tennessee"): the story title shows the headline, and story grouping does not read a station's
 * name as words of every story it files.
 */
import compareCues from '../data/compare-cues.json' with { type: 'json' }

const SITE_WORDS = new Set(compareCues.siteWords)
const TITLE_SEPARATOR = /\s+[-|–—]\s+/

/** A title segment that names a site: a site word, a call sign or name in capitals ("WSMV", "KCTV5"), a domain. */
const namesSite = (segment: string): boolean => {
  const words = segment.split(/[\s,&/]+/).filter((w) => w !== '')
  if (words.length === 0 || words.length > 12) return false
  return words.some(
    (w) =>
      SITE_WORDS.has(w.toLowerCase().replace(/[^a-z]/g, '')) ||
      /^[A-Z]{3,6}\d{0,3}(?:-[A-Z]{2})?$/.test(w) ||
      /\.(?:com|org|net|co\.uk|tv)$/i.test(w),
  )
}

/** A title segment that is a place as sites write theirs: "Memphis, Tennessee", "Jackson, MS". */
const namesPlace = (segment: string): boolean =>
  /^(?:\p{Lu}[\p{L}.'-]*\s?){1,3},\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?$/u.test(segment)

/**
 * A page title without the site's name that pages append to it ("Teen hurt in crash - WSMV Channel
 * 4 - Nashville, Tennessee" → "Teen hurt in crash"): trailing segments after " - " or " | " that name
 * a site, or a place next to one, when at least four words of headline remain.
 */
export const headlineOf = (title: string): string => {
  const segments = title.split(TITLE_SEPARATOR)
  let keep = segments.length
  let site = false
  while (keep > 1 && (namesSite(segments[keep - 1]) || namesPlace(segments[keep - 1]))) {
    site ||= namesSite(segments[keep - 1])
    keep--
  }
  if (!site || keep === segments.length) return title
  const head = segments.slice(0, keep).join(' - ')
  return head.split(/\s+/).length >= 4 ? head : title
}
