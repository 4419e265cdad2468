-- Messenger contacts (Signal, WhatsApp, Telegram, Threema) are phone rows
-- of their own kinds: for many people a counselling centre is easier and
-- safer to reach by a written message in the messenger they already use than
-- by a call. The HSDS types stay valid, 'pager' included, so existing rows
-- remain as they are; the staff form simply no longer offers it. The HSDS
-- API publishes a messenger contact as type 'text' with a profile extension
-- (docs/hsds.md), because HSDS phone types follow RFC 6350.
ALTER TABLE phone DROP CONSTRAINT phone_type_check;
ALTER TABLE phone ADD CONSTRAINT phone_type_check
  CHECK (type IN ('voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone',
                  'signal', 'whatsapp', 'telegram', 'threema'));
