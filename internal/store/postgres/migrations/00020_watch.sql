-- +goose Up
-- State of `crosscheck watch`: one row per watched feed, sitemap or URL
-- list (a sitemap index's sitemaps are rows with parent set), with the
-- validators of its last full response, its schedule, its failures and its
-- counters; one row per item found in a source, so that an item is fetched
-- and ingested once, and a restarted watcher resumes where it stopped.
CREATE TABLE watch_sources (
    url           TEXT PRIMARY KEY,
    parent        TEXT NOT NULL DEFAULT '',
    host          TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    listed        TEXT NOT NULL DEFAULT '',
    next_poll     TIMESTAMPTZ,
    last_poll     TIMESTAMPTZ,
    last_success  TIMESTAMPTZ,
    last_new_item TIMESTAMPTZ,
    last_status   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    failing       INTEGER NOT NULL DEFAULT 0,
    polls         BIGINT NOT NULL DEFAULT 0,
    not_modified  BIGINT NOT NULL DEFAULT 0,
    failures      BIGINT NOT NULL DEFAULT 0,
    new_items     BIGINT NOT NULL DEFAULT 0,
    item_failures BIGINT NOT NULL DEFAULT 0,
    added         TIMESTAMPTZ NOT NULL
);
CREATE INDEX watch_sources_parent ON watch_sources (parent, url);

CREATE TABLE watch_items (
    source     TEXT NOT NULL REFERENCES watch_sources (url) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    version    TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT '',
    next_try   TIMESTAMPTZ,
    title      TEXT NOT NULL DEFAULT '',
    published  TEXT NOT NULL DEFAULT '',
    site       TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    first_seen TIMESTAMPTZ NOT NULL,
    updated    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, key)
);
-- Items are looked up by key across sources (an article listed by two
-- feeds is fetched once), and the due ones by source and time.
CREATE INDEX watch_items_key ON watch_items (key);
CREATE INDEX watch_items_due ON watch_items (source, next_try) WHERE state IN ('pending', 'retry');

-- +goose Down
DROP TABLE watch_items;
DROP TABLE watch_sources;
