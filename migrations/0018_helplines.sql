-- The national helplines and emergency numbers as data the coordination
-- office keeps (ADR 024): hours change, and a wrong number on a page people
-- read in danger must be fixed without a release.
--
-- Everyone reads them (the public pages show them without a session, as
-- they show the directory); only the coordination office and
-- administrators write them.

CREATE TABLE helpline (
  id               uuid PRIMARY KEY,
  -- A phone number as it is shown ("116 016"), or the web address of a chat or an online service.
  contact          text NOT NULL CHECK (length(contact) BETWEEN 1 AND 200),
  kind             text NOT NULL CHECK (kind IN ('phone', 'chat', 'online')),
  name_de          text NOT NULL CHECK (length(name_de) BETWEEN 1 AND 200),
  name_en          text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  description_de   text NOT NULL DEFAULT '' CHECK (length(description_de) <= 1000),
  description_en   text NOT NULL DEFAULT '' CHECK (length(description_en) <= 1000),
  -- "Rund um die Uhr" is said only of a service that is; every other one shows its hours.
  around_the_clock boolean NOT NULL DEFAULT false,
  hours_de         text NOT NULL DEFAULT '' CHECK (length(hours_de) <= 300),
  hours_en         text NOT NULL DEFAULT '' CHECK (length(hours_en) <= 300),
  emergency        boolean NOT NULL DEFAULT false,
  -- Shown at the top of every page (at most two are shown there, by sort order).
  first_screen     boolean NOT NULL DEFAULT false,
  sort_order       integer NOT NULL DEFAULT 0 CHECK (sort_order BETWEEN 0 AND 10000),
  checked_on       date NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT helpline_hours_or_always CHECK (
    (around_the_clock AND hours_de = '' AND hours_en = '')
    OR (NOT around_the_clock AND hours_de <> '' AND hours_en <> '')),
  CONSTRAINT helpline_phone_number CHECK (kind <> 'phone' OR contact ~ '^\+?[0-9][0-9 ]*[0-9]$'),
  CONSTRAINT helpline_web_address CHECK (kind = 'phone' OR contact ~ '^https://[^\s]+$')
);


-- The list as checked against the operators' own pages (docs: shared domain notes, helplines).
-- Fixed ids so that installations agree on them.
INSERT INTO helpline (id, contact, kind, name_de, name_en, description_de, description_en,
                      around_the_clock, hours_de, hours_en, emergency, first_screen, sort_order, checked_on) VALUES
  ('7daaa046-69ea-4799-b023-6f3c0a842582', '110', 'phone',
   'Polizei', 'Police',
   'Bei akuter Gefahr. Kostenlos.', 'In acute danger. Free of charge.',
   true, '', '', true, true, 10, '2026-12-07'),
  ('e4a8e116-5f96-4147-b8b5-af742b1db4a5', '112', 'phone',
   'Feuerwehr und Rettungsdienst', 'Fire service and ambulance',
   'Kostenlos, auch EU-weit.', 'Free of charge, also anywhere in the EU.',
   true, '', '', true, false, 20, '2026-12-07'),
  ('7ffac95f-dfd6-4c7f-9e83-f5117a3514d0', '116 016', 'phone',
   'Hilfetelefon „Gewalt gegen Frauen“', 'Helpline “Violence against Women”',
   'Kostenlos und anonym, in 18 Sprachen mit Dolmetscherinnen, in Gebärdensprache und Leichter Sprache. Der Anruf erscheint nicht auf der Telefonrechnung. Auch für Unterstützende und Fachkräfte.',
   'Free and anonymous, in 18 languages with interpreters, in sign language and easy-read German. The call does not appear on the phone bill. Also for supporters and professionals.',
   true, '', '', false, true, 30, '2026-12-07'),
  ('91e2c143-53d6-4c2a-9bdd-ee33bb8d382e', 'https://www.hilfetelefon.de', 'chat',
   'Hilfetelefon „Gewalt gegen Frauen“: Chat und E-Mail', 'Helpline “Violence against Women”: chat and e-mail',
   'Beratung im Sofort-Chat und per E-Mail, kostenlos und anonym.', 'Counselling by instant chat and e-mail, free and anonymous.',
   true, '', '', false, false, 40, '2026-12-07'),
  ('79830281-9359-4c57-bf35-0ea10e6ba1f2', '116 111', 'phone',
   'Nummer gegen Kummer: Kinder- und Jugendtelefon', 'Nummer gegen Kummer: helpline for children and young people',
   'Kostenlos und anonym, erscheint nicht auf der Telefonrechnung. Auch Chat- und E-Mail-Beratung. Für Eltern: 0800 111 0 550.',
   'Free and anonymous, does not appear on the phone bill. Also chat and e-mail counselling. For parents: 0800 111 0 550.',
   false, 'Mo–Sa 14–20 Uhr, Mo, Mi und Do auch 10–12 Uhr', 'Mon–Sat 2–8 pm, Mon, Wed and Thu also 10 am–12 noon',
   false, false, 50, '2026-12-07'),
  ('655f8283-87d1-4bab-9c4a-a0286eb103a8', '0800 22 55 530', 'phone',
   'Hilfe-Telefon Sexueller Missbrauch', 'Helpline for sexual abuse (Hilfe-Telefon Sexueller Missbrauch)',
   'Kostenlos und anonym, in 19 Sprachen mit Dolmetschenden, Gebärdensprache per Video. Auch Online-Beratung und für Fachkräfte.',
   'Free and anonymous, in 19 languages with interpreters, sign language by video. Also online counselling and for professionals.',
   false, 'Mo, Mi, Fr 9–14 Uhr, Di und Do 15–20 Uhr', 'Mon, Wed, Fri 9 am–2 pm, Tue and Thu 3–8 pm',
   false, false, 60, '2026-12-07'),
  ('15210df2-eace-4165-9a28-46632a420add', '0800 123 99 00', 'phone',
   'Hilfetelefon Gewalt an Männern', 'Helpline for men affected by violence (Hilfetelefon Gewalt an Männern)',
   'Kostenlos, auch per E-Mail und Live-Chat.', 'Free of charge, also by e-mail and live chat.',
   false, 'Mo–Do 8–20 Uhr, Fr 8–15 Uhr', 'Mon–Thu 8 am–8 pm, Fri 8 am–3 pm',
   false, false, 70, '2026-12-07');

-- The walls go up after the seed: with forced RLS even the owner (a plain
-- role on PostgreSQL, not a superuser) could not write the rows above.
ALTER TABLE helpline ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpline FORCE ROW LEVEL SECURITY;
CREATE POLICY public_read ON helpline FOR SELECT USING (true);
CREATE POLICY office_insert ON helpline FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON helpline FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_delete ON helpline FOR DELETE
  USING (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT, UPDATE, DELETE ON helpline TO schutznetz_app;
