-- The coordination office's own content on the public site (ADR 039):
-- news posts in categories, the pages the office edits (about the network,
-- contact, support, funders, legal notice), every saved revision of both,
-- and the messages the public contact form sends to the office.
--
-- What the public sees is a pointer: a post or page names its published
-- revision and the time from which it is visible (publish_at). Saving keeps
-- a new revision and changes nothing public; publishing moves the pointer,
-- withdrawing clears it. The 'auth' scope (anonymous public pages) reads
-- only rows with a published revision and only those revisions, so a draft
-- is out of the public's reach in the database, not only in the query. When
-- a published row becomes visible (publish_at against the request's time)
-- is the query's decision, so scheduled publishing needs no job.

CREATE TABLE news_category (
  key      text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
  label_de text NOT NULL CHECK (char_length(label_de) BETWEEN 1 AND 80),
  label_en text NOT NULL CHECK (char_length(label_en) BETWEEN 1 AND 80),
  position smallint NOT NULL DEFAULT 0
);
INSERT INTO news_category (key, label_de, label_en, position) VALUES
  ('netzwerk', 'Aus dem Netzwerk', 'From the network', 1),
  ('veranstaltungen', 'Veranstaltungen', 'Events', 2),
  ('politik', 'Politik und Recht', 'Policy and law', 3),
  ('presse', 'Presse', 'Press', 4);

CREATE TABLE news_post (
  id                 uuid PRIMARY KEY,
  slug               text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
  -- The language the post is written in (German first; English where the office writes one).
  locale             text NOT NULL CHECK (locale IN ('de', 'en')),
  category           text NOT NULL REFERENCES news_category (key),
  -- Who created it (no foreign key: the post outlives an account).
  author_id          uuid,
  created_at         timestamptz NOT NULL,
  published_revision uuid,
  publish_at         timestamptz,
  -- Set when the office withdrew it (published_revision is then NULL).
  withdrawn_at       timestamptz,
  CHECK ((published_revision IS NULL) = (publish_at IS NULL)),
  UNIQUE (slug)
);

CREATE TABLE news_revision (
  id       uuid PRIMARY KEY,
  post_id  uuid NOT NULL REFERENCES news_post (id) ON DELETE CASCADE,
  title    text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  summary  text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 500),
  body     text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 50000),
  saved_by uuid,
  saved_at timestamptz NOT NULL
);
CREATE INDEX news_revision_post_idx ON news_revision (post_id, saved_at);
-- A post publishes one of its own revisions, never another post's.
ALTER TABLE news_revision ADD UNIQUE (id, post_id);
ALTER TABLE news_post ADD FOREIGN KEY (published_revision, id) REFERENCES news_revision (id, post_id);
CREATE INDEX news_post_public_idx ON news_post (publish_at) WHERE published_revision IS NOT NULL;

CREATE TABLE office_page (
  key                text NOT NULL CHECK (key IN ('about-network', 'contact', 'support', 'funders', 'imprint')),
  locale             text NOT NULL CHECK (locale IN ('de', 'en')),
  published_revision uuid,
  publish_at         timestamptz,
  CHECK ((published_revision IS NULL) = (publish_at IS NULL)),
  PRIMARY KEY (key, locale)
);

CREATE TABLE office_page_revision (
  id       uuid PRIMARY KEY,
  key      text NOT NULL,
  locale   text NOT NULL,
  title    text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body     text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 50000),
  saved_by uuid,
  saved_at timestamptz NOT NULL,
  FOREIGN KEY (key, locale) REFERENCES office_page (key, locale) ON DELETE CASCADE
);
CREATE INDEX office_page_revision_page_idx ON office_page_revision (key, locale, saved_at);
ALTER TABLE office_page_revision ADD UNIQUE (id, key, locale);
ALTER TABLE office_page ADD FOREIGN KEY (published_revision, key, locale)
  REFERENCES office_page_revision (id, key, locale);

-- A message from the public contact form. The office reads it in its staff
-- inbox; the retention job deletes it 90 days after it was handled. topic_*
-- names what the message is about when a page other than the contact page
-- sent it (a project's contact person, later): no foreign key, the kinds
-- belong to other features.
CREATE TABLE contact_message (
  id          uuid PRIMARY KEY,
  received_at timestamptz NOT NULL,
  name        text CHECK (char_length(name) BETWEEN 1 AND 200),
  reply_to    text CHECK (char_length(reply_to) BETWEEN 3 AND 254),
  subject     text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 200),
  message     text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 5000),
  topic_kind  text CHECK (topic_kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  topic_id    uuid,
  handled_at  timestamptz,
  handled_by  uuid,
  CHECK ((topic_kind IS NULL) = (topic_id IS NULL)),
  CHECK ((handled_at IS NULL) = (handled_by IS NULL))
);
CREATE INDEX contact_message_received_idx ON contact_message (received_at);
CREATE INDEX contact_message_handled_idx ON contact_message (handled_at) WHERE handled_at IS NOT NULL;

ALTER TABLE news_category ENABLE ROW LEVEL SECURITY;
ALTER TABLE news_category FORCE ROW LEVEL SECURITY;
ALTER TABLE news_post ENABLE ROW LEVEL SECURITY;
ALTER TABLE news_post FORCE ROW LEVEL SECURITY;
ALTER TABLE news_revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE news_revision FORCE ROW LEVEL SECURITY;
ALTER TABLE office_page ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_page FORCE ROW LEVEL SECURITY;
ALTER TABLE office_page_revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_page_revision FORCE ROW LEVEL SECURITY;
ALTER TABLE contact_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_message FORCE ROW LEVEL SECURITY;

-- Categories: everyone reads them; they change only with a migration.
CREATE POLICY everyone_read ON news_category FOR SELECT
  USING (app_scope() IN ('auth', 'coordination', 'admin'));

-- The office (and administrators, who run the demo seed) write; the public reads what is published.
CREATE POLICY office_all ON news_post FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
CREATE POLICY public_read ON news_post FOR SELECT
  USING (app_scope() = 'auth' AND published_revision IS NOT NULL);
CREATE POLICY office_all ON news_revision FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
CREATE POLICY public_read ON news_revision FOR SELECT
  USING (app_scope() = 'auth' AND EXISTS (
    SELECT 1 FROM news_post p WHERE p.published_revision = news_revision.id));

CREATE POLICY office_all ON office_page FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
CREATE POLICY public_read ON office_page FOR SELECT
  USING (app_scope() = 'auth' AND published_revision IS NOT NULL);
CREATE POLICY office_all ON office_page_revision FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
CREATE POLICY public_read ON office_page_revision FOR SELECT
  USING (app_scope() = 'auth' AND EXISTS (
    SELECT 1 FROM office_page p WHERE p.published_revision = office_page_revision.id));

-- The contact form writes in the 'auth' scope and reads nothing, not even
-- what it wrote; the office reads and marks handled; the retention job deletes.
CREATE POLICY public_insert ON contact_message FOR INSERT
  WITH CHECK (app_scope() = 'auth' AND handled_at IS NULL);
CREATE POLICY office_read ON contact_message FOR SELECT
  USING (app_scope() = 'coordination');
CREATE POLICY office_handle ON contact_message FOR UPDATE
  USING (app_scope() = 'coordination')
  WITH CHECK (app_scope() = 'coordination');
CREATE POLICY retention_read ON contact_message FOR SELECT
  USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON contact_message FOR DELETE
  USING (app_scope() = 'retention');

GRANT SELECT ON news_category TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON news_post TO schutznetz_app;
GRANT SELECT, INSERT ON news_revision TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON office_page TO schutznetz_app;
GRANT SELECT, INSERT ON office_page_revision TO schutznetz_app;
GRANT SELECT, INSERT, DELETE ON contact_message TO schutznetz_app;
GRANT UPDATE (handled_at, handled_by) ON contact_message TO schutznetz_app;
