-- Our vocabularies as HSDS taxonomies. Fixed ids so that exports, imports and
-- other instances agree on them.

INSERT INTO taxonomy (id, name, description, version) VALUES
  ('ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'schutznetz:target_group', 'Who a service is for (Schutznetz target groups)', '1');
INSERT INTO taxonomy_term (id, taxonomy_id, code, name) VALUES
  ('4734c87f-a188-4985-ae23-b33f55610680', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'women', 'Women'),
  ('3f00001c-82f8-44b4-a039-3b2a462f2952', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'men', 'Men'),
  ('e4b3fc1e-77f5-420b-997c-717a258654fa', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'trans_nonbinary', 'Trans and non-binary persons'),
  ('344b90b4-80c7-4971-96ed-678f42d6de43', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'minors', 'Minors'),
  ('fc65052e-ca76-4e09-b3c5-fb2cdd67a686', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'boys_young_men', 'Boys and young men in prostitution'),
  ('992bf423-ce73-42d9-830a-6063fe4da35c', 'ee9b8194-f776-41a5-b23f-e7d44dfb1d8e', 'lgbtiq', 'LGBTIQ');

INSERT INTO taxonomy (id, name, description, version) VALUES
  ('e069159b-a459-4625-8323-e1f082f2d602', 'schutznetz:exploitation', 'Forms of exploitation (Ausbeutungsformen, StGB §§ 232–233a)', '1');
INSERT INTO taxonomy_term (id, taxonomy_id, code, name) VALUES
  ('4cedcce3-8464-4e8d-a9ce-33fa579ee16e', 'e069159b-a459-4625-8323-e1f082f2d602', 'sexual', 'Sexual exploitation'),
  ('f572e378-cc8d-4e5f-a261-3b277c4ec9cf', 'e069159b-a459-4625-8323-e1f082f2d602', 'labour', 'Labour exploitation'),
  ('e34e1955-135e-4fdf-bfd9-0e7cbf1c17dd', 'e069159b-a459-4625-8323-e1f082f2d602', 'begging', 'Exploitation in begging'),
  ('ac9f0b27-816a-4742-beb5-d51387003d2b', 'e069159b-a459-4625-8323-e1f082f2d602', 'forced_criminality', 'Forced criminality'),
  ('267fb488-7f9f-4898-96ed-d6a41813ca8d', 'e069159b-a459-4625-8323-e1f082f2d602', 'forced_marriage', 'Forced marriage'),
  ('d7454a29-2888-4e28-a720-886e76c5c949', 'e069159b-a459-4625-8323-e1f082f2d602', 'organ_removal', 'Organ removal');

INSERT INTO taxonomy (id, name, description, version) VALUES
  ('6d94e968-b319-4420-8697-d8560939bb07', 'schutznetz:accessibility', 'Accessibility features of a service', '1');
INSERT INTO taxonomy_term (id, taxonomy_id, code, name) VALUES
  ('acea627d-8a8f-4fb0-b41d-b7c96a2cdc2f', '6d94e968-b319-4420-8697-d8560939bb07', 'step_free', 'Step-free access'),
  ('b67c7ff1-da7e-4449-a19e-962dd2ed4416', '6d94e968-b319-4420-8697-d8560939bb07', 'accessible_toilet', 'Accessible toilet'),
  ('bde64425-33f4-492b-93ce-2ca4e18a2ed1', '6d94e968-b319-4420-8697-d8560939bb07', 'sign_language', 'Sign language'),
  ('a03721aa-0ab3-433b-ae69-1c2587f1f1e0', '6d94e968-b319-4420-8697-d8560939bb07', 'easy_language', 'Easy-read language (Leichte Sprache)');

