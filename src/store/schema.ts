import type Database from 'better-sqlite3'

/** One numbered schema step. Versions only ever grow; a released migration is never edited. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * The schema, as an ordered list of migrations. Layers and corpus objects are stored as JSON
 * columns because they are read whole; the columns the UI sorts, filters or joins on are
 * pulled out beside them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, stories, entities, full-text search',
    sql: `
      CREATE TABLE documents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        source TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        published TEXT,
        title TEXT,
        text TEXT NOT NULL,
        meta TEXT NOT NULL,
        layers TEXT NOT NULL,
        messages TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE INDEX documents_content_hash ON documents(content_hash);

      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        doc_count INTEGER NOT NULL,
        independent INTEGER NOT NULL,
        conflict_count INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX stories_recent ON stories(date_end DESC, updated_at DESC);

      CREATE TABLE story_documents (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        PRIMARY KEY (story_id, document_id)
      );
      CREATE INDEX story_documents_document ON story_documents(document_id);

      CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE entity_documents (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        PRIMARY KEY (entity_id, document_id)
      );
      CREATE INDEX entity_documents_document ON entity_documents(document_id);

      CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
          VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
      END;

      CREATE VIRTUAL TABLE facts_fts USING fts5(
        story_id UNINDEXED, fact_key UNINDEXED, about, text, tokenize='unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    name: 'index the story list order',
    // The list sorts undated stories last through coalesce(); only an index on that same
    // expression lets SQLite read the newest stories without sorting the whole table.
    sql: `
      DROP INDEX stories_recent;
      CREATE INDEX stories_recent ON stories(coalesce(date_end, '') DESC, updated_at DESC, id);
    `,
  },
]

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version

/** Thrown when a database cannot be used as a Parallax store; the message is one line. */
export class StoreError extends Error {
  override name = 'StoreError'
}

/**
 * Brings a database up to {@link SCHEMA_VERSION}, each pending migration in its own transaction
 * so a crash leaves the schema at a whole version, and two processes opening one new database at once
 * apply each migration once. Refuses a database written by a newer build
 * rather than guessing at a schema it does not know.
 */
export const migrate = (db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const current = currentVersion(db)
  const newest = migrations.length > 0 ? migrations[migrations.length - 1].version : 0
  if (current > newest) {
    throw new StoreError(
      `Expected a database at schema version ${newest} or older, not ${current} (written by a newer Parallax)`,
    )
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of migrations) {
    if (migration.version <= current) continue
    // Under the write lock (BEGIN IMMEDIATE), the version is read again: another process opening the
    // same new database at the same moment may have applied this migration while this one waited.
    db.transaction(() => {
      if (currentVersion(db) >= migration.version) return
      db.exec(migration.sql)
      record.run(migration.version, migration.name, new Date().toISOString())
    }).immediate()
  }
  return currentVersion(db)
}

/** The schema version a database is at (0 for a fresh one). */
export const currentVersion = (db: Database.Database): number => {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null
  }
  return row.version ?? 0
}
