import { existsSync, readdirSync } from 'node:fs'

/** The real seed articles beside the checkout (../shared/seeds); never copied into the repo. */
export const SEEDS_DIR = new URL('../../shared/seeds', import.meta.url).pathname

/** Paths of the seed articles, or [] when ../shared is not beside the checkout. */
export const seedPaths = (): string[] =>
  existsSync(SEEDS_DIR)
    ? readdirSync(SEEDS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => `${SEEDS_DIR}/${f}`)
    : []
