-- The indicator sets of the identification guide (for adults and for minors)
-- as data the coordination office keeps: the wording, the explanations and
-- the sources are reviewed by the network and change without a release
-- (ADR 033), like the helplines (0018).
--
-- Each guide has numbered versions. A version is written as a draft, put up
-- for review, and published by someone other than its author; publishing
-- supersedes the guide's previous version. A published or superseded
-- version is a record the network stands by: a referral may name the
-- version its indicators came from, so its content never changes and it is
-- never deleted (the trigger below refuses both).
--
-- Everyone reads published and superseded versions (the public guide shows
-- them without a session, as the helplines); drafts only the coordination
-- office and administrators; only the coordination office writes.

CREATE TABLE indicator_set_version (
  id            uuid PRIMARY KEY,
  guide         text NOT NULL CHECK (guide IN ('adults', 'minors')),
  version       integer NOT NULL CHECK (version BETWEEN 1 AND 100000),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'superseded')),
  -- Groups of indicators with their texts per language (src/features/indicators/content.ts
  -- validates it on every read and save); bounded so a draft cannot grow without end.
  content       jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object' AND octet_length(content::text) <= 500000),
  -- NULL for the versions this migration seeds, and for an account that no longer exists.
  created_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  submitted_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  submitted_at  timestamptz,
  reviewed_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
  reviewed_at   timestamptz,
  published_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  published_at  timestamptz,
  superseded_at timestamptz,
  UNIQUE (guide, version),
  -- Four eyes: whoever wrote the draft neither approves nor publishes it.
  CONSTRAINT indicator_set_reviewer_not_author CHECK (reviewed_by <> created_by AND reviewed_by <> updated_by),
  CONSTRAINT indicator_set_publisher_not_author CHECK (published_by <> created_by AND published_by <> updated_by),
  CONSTRAINT indicator_set_published_has_date CHECK (status NOT IN ('published', 'superseded') OR published_at IS NOT NULL)
);
-- Exactly one published version per guide (the seed below publishes the first of each).
CREATE UNIQUE INDEX indicator_set_one_published ON indicator_set_version (guide) WHERE status = 'published';
-- One open draft per guide: two drafts from the same version would overwrite each other's work when published.
CREATE UNIQUE INDEX indicator_set_one_open ON indicator_set_version (guide) WHERE status IN ('draft', 'in_review');

-- Version 1 of both guides, written for the network from the facts in its
-- domain notes (ILO, UNODC, EUAA, BKA, Directive 2011/36/EU, ECPAT/KOK).
-- Fixed ids so that installations agree on them (a referral may cite them).
INSERT INTO indicator_set_version (id, guide, version, status, content, published_at) VALUES
  ('0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01', 'adults', 1, 'published', $json${
  "framing": {
    "de": "Diese Hinweise sind Anhaltspunkte, keine Beweise. Keine Anzahl angekreuzter Punkte beweist Menschenhandel, und schon ein einzelner Hinweis kann Anlass sein, eine Fachberatungsstelle hinzuzuziehen. Was Sie ankreuzen, wird weder gespeichert noch gesendet, solange Sie nicht selbst eine Vermittlung beginnen.",
    "en": "These indicators are hints, not proof. No number of ticks proves trafficking, and a single indicator can be reason enough to involve a specialised counselling centre. What you tick is neither stored nor sent unless you choose to start a referral yourself."
  },
  "groups": [
    {
      "key": "deception-recruitment",
      "title": {
        "de": "Täuschung und Anwerbung",
        "en": "Deception and recruitment"
      },
      "indicators": [
        {
          "key": "deceived-about-work",
          "text": {
            "de": "Über Arbeit, Lohn oder Bedingungen getäuscht",
            "en": "Deceived about the job, pay or conditions"
          },
          "explanation": {
            "de": "Die Person erzählt, dass Arbeit, Lohn oder Unterkunft ganz anders sind als versprochen, etwa Prostitution statt einer Stelle in der Gastronomie oder ein Bruchteil des zugesagten Lohns.",
            "en": "The person says the work, pay or housing is quite different from what was promised, for example prostitution instead of a restaurant job, or a fraction of the promised wage."
          },
          "source": "ILO, Indicators of Forced Labour (2012): deception"
        },
        {
          "key": "recruited-online-or-lover",
          "text": {
            "de": "Über Online-Anzeigen oder eine Liebesbeziehung angeworben",
            "en": "Recruited through online ads or a \"lover\" relationship"
          },
          "explanation": {
            "de": "Der Kontakt begann mit einer Anzeige im Internet oder mit einem Partner, der Zuneigung vorspielte und später Geld oder sexuelle Dienstleistungen verlangte („Loverboy“-Methode).",
            "en": "Contact began with an online advert, or with a partner who feigned affection and later demanded money or sexual services (the \"loverboy\" method)."
          },
          "source": "BKA, Bundeslagebild Menschenhandel und Ausbeutung: Loverboy-Methode"
        }
      ]
    },
    {
      "key": "control-coercion",
      "title": {
        "de": "Kontrolle und Zwang",
        "en": "Control and coercion"
      },
      "indicators": [
        {
          "key": "documents-withheld",
          "text": {
            "de": "Ausweispapiere bei anderen; fehlende oder falsche Papiere",
            "en": "Identity documents held by someone else; missing or false papers"
          },
          "explanation": {
            "de": "Pass oder Aufenthaltspapiere hat der Arbeitgeber, die Vermittlerin oder der „Freund“; die Person hat keine eigenen oder nur gefälschte Dokumente dabei.",
            "en": "The passport or residence papers are with the employer, the agent or the \"boyfriend\"; the person carries no papers of their own, or only false ones."
          },
          "source": "ILO, Indicators of Forced Labour (2012): retention of identity documents"
        },
        {
          "key": "movement-restricted",
          "text": {
            "de": "Eingeschränkte Bewegungsfreiheit; immer begleitet",
            "en": "Restricted movement; always accompanied"
          },
          "explanation": {
            "de": "Die Person darf Arbeitsplatz oder Unterkunft nicht allein verlassen oder wird zu jedem Termin gebracht und wieder abgeholt.",
            "en": "The person may not leave the workplace or accommodation alone, or is brought to every appointment and collected again."
          },
          "source": "ILO, Indicators of Forced Labour (2012): restriction of movement"
        },
        {
          "key": "others-speak-for-them",
          "text": {
            "de": "Andere sprechen für die Person; einstudierte Aussagen",
            "en": "Others speak for them; rehearsed statements"
          },
          "explanation": {
            "de": "Eine Begleitperson antwortet an ihrer Stelle oder übersetzt ungefragt; die Person selbst wiederholt auffällig gleichlautende, eingeübte Sätze.",
            "en": "A companion answers for them or interprets unasked; the person repeats strikingly identical, rehearsed sentences."
          },
          "source": "UNODC, Human Trafficking Indicators: general indicators"
        },
        {
          "key": "threats",
          "text": {
            "de": "Drohungen gegen die Person oder ihre Familie",
            "en": "Threats against the person or their family"
          },
          "explanation": {
            "de": "Die Person berichtet von Drohungen mit Gewalt gegen sich oder Angehörige im Herkunftsland, oder damit, sie bei Polizei oder Ausländerbehörde anzuzeigen.",
            "en": "The person reports threats of violence against themselves or relatives at home, or threats to report them to the police or immigration authorities."
          },
          "source": "ILO, Indicators of Forced Labour (2012): intimidation and threats"
        },
        {
          "key": "spiritual-coercion",
          "text": {
            "de": "Spiritueller Zwang, etwa ein Juju-Schwur",
            "en": "Spiritual coercion, e.g. a juju oath"
          },
          "explanation": {
            "de": "Die Person fürchtet Krankheit oder Tod für sich oder ihre Familie, wenn sie einen vor der Ausreise geleisteten Schwur bricht, und schweigt deshalb.",
            "en": "The person fears illness or death for themselves or their family if they break an oath sworn before leaving home, and so stays silent."
          },
          "source": "BKA, Bundeslagebild Menschenhandel und Ausbeutung: nigerianische Opfer und Juju-Schwur"
        },
        {
          "key": "signs-of-violence",
          "text": {
            "de": "Anzeichen körperlicher oder sexueller Gewalt",
            "en": "Signs of physical or sexual violence"
          },
          "explanation": {
            "de": "Verletzungen, die nicht zur Erklärung passen, Spuren wiederholter Gewalt oder Berichte über erzwungene sexuelle Handlungen.",
            "en": "Injuries that do not fit the explanation given, marks of repeated violence, or accounts of forced sexual acts."
          },
          "source": "ILO, Indicators of Forced Labour (2012): physical and sexual violence"
        }
      ]
    },
    {
      "key": "economic",
      "title": {
        "de": "Wirtschaftliche Ausbeutung",
        "en": "Economic exploitation"
      },
      "indicators": [
        {
          "key": "debt-bondage",
          "text": {
            "de": "Schulden bei Anwerbern oder Schleusern",
            "en": "Debt to a recruiter or smuggler"
          },
          "explanation": {
            "de": "Die Person muss Reise, Vermittlung, Unterkunft oder Papiere „abarbeiten“; die Schuld wächst, statt kleiner zu werden.",
            "en": "The person has to \"work off\" travel, placement, housing or papers; the debt grows instead of shrinking."
          },
          "source": "ILO, Indicators of Forced Labour (2012): debt bondage"
        },
        {
          "key": "wages-withheld",
          "text": {
            "de": "Lohn einbehalten; kein Zugriff auf eigenes Geld",
            "en": "Wages withheld; no access to own earnings"
          },
          "explanation": {
            "de": "Der Lohn wird nicht, nur teilweise oder an andere ausgezahlt, oder jemand anderes verwaltet das Konto der Person.",
            "en": "Wages are not paid, paid only in part or paid to someone else, or someone else controls the person's bank account."
          },
          "source": "ILO, Indicators of Forced Labour (2012): withholding of wages"
        },
        {
          "key": "excessive-hours",
          "text": {
            "de": "Übermäßige Arbeitszeiten; ausbeuterische Arbeits- und Lebensbedingungen",
            "en": "Excessive hours; abusive working and living conditions"
          },
          "explanation": {
            "de": "Arbeit an sieben Tagen die Woche und weit über zehn Stunden am Tag, ohne Pausen, Schutzausrüstung oder die Möglichkeit, Nein zu sagen.",
            "en": "Work seven days a week and far more than ten hours a day, without breaks, protective equipment or any chance to refuse."
          },
          "source": "ILO, Indicators of Forced Labour (2012): excessive overtime; abusive working and living conditions"
        }
      ]
    },
    {
      "key": "isolation-situation",
      "title": {
        "de": "Isolation und Lebenssituation",
        "en": "Isolation and living situation"
      },
      "indicators": [
        {
          "key": "housing-arranged-by-employer",
          "text": {
            "de": "Wohnt am Arbeitsplatz oder in überbelegter Unterkunft des Arbeitgebers",
            "en": "Lives at the workplace or in overcrowded housing arranged by the employer"
          },
          "explanation": {
            "de": "Die Person schläft im Betrieb, im Bordell oder mit vielen anderen in einer Unterkunft, deren Miete vom Lohn abgezogen wird.",
            "en": "The person sleeps at the business, in the brothel, or with many others in housing whose rent is deducted from their wages."
          },
          "source": "ILO, Indicators of Forced Labour (2012): abusive working and living conditions"
        },
        {
          "key": "isolated",
          "text": {
            "de": "Kein eigenes Telefon oder Internet, kein Deutsch, keine Kontakte nach außen",
            "en": "No phone or internet of their own, no German, no contacts outside"
          },
          "explanation": {
            "de": "Die Person kennt ihre Adresse nicht, spricht kaum Deutsch und hat niemanden außerhalb des Arbeits- oder Wohnumfelds, an den sie sich wenden könnte.",
            "en": "The person does not know their address, speaks little German and has no one outside work or housing to turn to."
          },
          "source": "ILO, Indicators of Forced Labour (2012): isolation"
        },
        {
          "key": "fear-of-authorities",
          "text": {
            "de": "Angst vor Behörden",
            "en": "Fear of authorities"
          },
          "explanation": {
            "de": "Die Person meidet Polizei, Ämter oder Ärztinnen, weil ihr gesagt wurde, sie werde sonst abgeschoben oder bestraft.",
            "en": "The person avoids the police, public offices or doctors because they were told they would otherwise be deported or punished."
          },
          "source": "Bayerisches Hilfetelefon gegen Menschenhandel: Indikatoren"
        },
        {
          "key": "dependent-status",
          "text": {
            "de": "Ungesicherter Aufenthalt oder Abhängigkeit im Asylverfahren",
            "en": "Irregular status, or dependent on a third party in the asylum procedure"
          },
          "explanation": {
            "de": "Die Person hat keinen gesicherten Aufenthalt oder ist im Asylverfahren auf eine dritte Person angewiesen, die Unterkunft, Termine oder Papiere kontrolliert.",
            "en": "The person has no secure residence status, or in the asylum procedure depends on a third party who controls housing, appointments or papers."
          },
          "source": "EUAA, Identification of potential victims of trafficking in human beings in asylum procedures"
        }
      ]
    }
  ]
}$json$::jsonb, '2026-12-07T00:00:00Z'),
  ('0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a02', 'minors', 1, 'published', $json${
  "framing": {
    "de": "Bei Minderjährigen muss weder Zwang noch Täuschung vorliegen: Ein Kind, das zum Zweck der Ausbeutung angeworben, befördert oder untergebracht wird, ist ein mögliches Opfer von Menschenhandel (Richtlinie 2011/36/EU, Art. 2 Abs. 5). Die Hinweise sind Anhaltspunkte, keine Beweise; keine Anzahl angekreuzter Punkte beweist etwas. Wenden Sie sich an das Jugendamt gemeinsam mit einer spezialisierten Fachberatungsstelle. Was Sie ankreuzen, wird weder gespeichert noch gesendet, solange Sie nicht selbst eine Vermittlung beginnen.",
    "en": "For minors no coercion or deception needs to be shown: a child recruited, moved or housed for exploitation is a potential victim of trafficking (Directive 2011/36/EU, Art. 2(5)). These indicators are hints, not proof; no number of ticks proves anything. Turn to the Jugendamt (youth welfare office) together with a specialised counselling centre. What you tick is neither stored nor sent unless you choose to start a referral yourself."
  },
  "groups": [
    {
      "key": "around-the-child",
      "title": {
        "de": "Wer das Kind begleitet",
        "en": "Who is around the child"
      },
      "indicators": [
        {
          "key": "no-access-to-guardians",
          "text": {
            "de": "Kein Zugang zu Eltern oder Sorgeberechtigten; ein fremder Erwachsener besteht auf Anwesenheit",
            "en": "No access to parents or guardians; an unrelated adult insists on being present"
          },
          "explanation": {
            "de": "Die Eltern sind nicht erreichbar, und eine nicht verwandte erwachsene Person will bei jedem Gespräch dabei sein oder antwortet für das Kind.",
            "en": "The parents cannot be reached, and an unrelated adult wants to be present at every conversation or answers for the child."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        },
        {
          "key": "travels-with-unrelated",
          "text": {
            "de": "Reist mit nicht verwandten Personen, oder die Reise wurde von Dritten organisiert",
            "en": "Travels with unrelated people, or travel arranged by non-family"
          },
          "explanation": {
            "de": "Das Kind kam mit Erwachsenen, die nicht zur Familie gehören, oder kann nicht sagen, wer Fahrt und Papiere bezahlt hat.",
            "en": "The child arrived with adults who are not family, or cannot say who paid for the journey and the papers."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        }
      ]
    },
    {
      "key": "identity-story",
      "title": {
        "de": "Identität und Geschichte",
        "en": "Identity and story"
      },
      "indicators": [
        {
          "key": "identity-unclear",
          "text": {
            "de": "Kein Ausweis, falscher Ausweis oder widersprüchliche Altersangaben",
            "en": "No ID, false ID, or age inconsistencies"
          },
          "explanation": {
            "de": "Das Kind hat keine Papiere, Papiere mit fremden Daten, oder das angegebene Alter passt nicht zu Aussehen und Erzählung.",
            "en": "The child has no papers, papers with someone else's details, or the stated age does not match appearance and account."
          },
          "source": "UNODC, Human Trafficking Indicators: children; West Midlands Anti-Slavery Network: spot the signs"
        },
        {
          "key": "coached-story",
          "text": {
            "de": "Eingeübte oder gleichlautende Geschichten",
            "en": "Coached or identical stories"
          },
          "explanation": {
            "de": "Die Erzählung klingt auswendig gelernt, gleicht wortwörtlich der anderer Kinder oder bricht bei Nachfragen zusammen.",
            "en": "The account sounds learnt by heart, matches other children's word for word, or falls apart when asked further."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        },
        {
          "key": "notes-or-given-phone",
          "text": {
            "de": "Zettel mit Telefonnummern oder ein von anderen gegebenes Prepaid-Handy",
            "en": "Carries notes with phone numbers, or a prepaid phone given by others"
          },
          "explanation": {
            "de": "Das Kind trägt Nummern bei sich, die es anrufen soll, oder ein Handy, das ihm jemand gegeben hat und über das es Anweisungen erhält.",
            "en": "The child carries numbers it is to call, or a phone someone gave it through which it receives instructions."
          },
          "source": "West Midlands Anti-Slavery Network: spot the signs"
        }
      ]
    },
    {
      "key": "school-accommodation",
      "title": {
        "de": "Schule und Unterbringung",
        "en": "School and accommodation"
      },
      "indicators": [
        {
          "key": "missing-from-care",
          "text": {
            "de": "Verschwindet aus der Jugendhilfeeinrichtung",
            "en": "Goes missing from youth-welfare accommodation"
          },
          "explanation": {
            "de": "Das Kind ist wiederholt oder kurz nach der Aufnahme aus der Inobhutnahme oder Wohngruppe verschwunden, oft nach einem Anruf.",
            "en": "The child has repeatedly gone missing from emergency care or a residential group, or soon after arrival, often after a phone call."
          },
          "source": "Bundeskooperationskonzept „Schutz und Hilfen bei Handel mit und Ausbeutung von Kindern“ (2018)"
        },
        {
          "key": "not-in-school",
          "text": {
            "de": "Besucht keine Schule",
            "en": "Not attending school"
          },
          "explanation": {
            "de": "Das Kind ist nicht angemeldet oder fehlt regelmäßig, ohne dass jemand aus der Familie sich darum kümmert.",
            "en": "The child is not enrolled or is regularly absent, with no family member seeing to it."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        }
      ]
    },
    {
      "key": "money-work",
      "title": {
        "de": "Geld und Arbeit",
        "en": "Money and work"
      },
      "indicators": [
        {
          "key": "unsuitable-work",
          "text": {
            "de": "Verrichtet Arbeit, die für ein Kind ungeeignet ist",
            "en": "Doing work unsuitable for a child"
          },
          "explanation": {
            "de": "Das Kind arbeitet auf dem Bau, in der Gastronomie, im Haushalt Fremder oder bettelt, oft zu Zeiten, in denen es in der Schule sein müsste.",
            "en": "The child works on building sites, in restaurants, in strangers' households or begs, often when it should be at school."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        },
        {
          "key": "unexplained-money",
          "text": {
            "de": "Unerklärliches Geld, Kleidung oder Handys",
            "en": "Unexplained money, clothes or phones"
          },
          "explanation": {
            "de": "Das Kind besitzt Dinge, die es sich nicht leisten kann und für die es keine schlüssige Erklärung gibt.",
            "en": "The child owns things it cannot afford and has no plausible explanation for."
          },
          "source": "West Midlands Anti-Slavery Network: spot the signs; kinderschutz.ch"
        },
        {
          "key": "forced-criminality",
          "text": {
            "de": "Begeht Straftaten auf Anweisung anderer",
            "en": "Commits offences under someone else's direction"
          },
          "explanation": {
            "de": "Das Kind stiehlt, verkauft Drogen oder transportiert Dinge und wirkt dabei gesteuert: Es muss Beute abgeben oder fürchtet Strafe, wenn es zu wenig bringt.",
            "en": "The child steals, sells drugs or carries things and seems directed: it has to hand over the proceeds or fears punishment if it brings too little."
          },
          "source": "Richtlinie 2011/36/EU, Art. 2(3): Ausnutzung strafbarer Handlungen; ECPAT Deutschland"
        },
        {
          "key": "debt-or-family-pressure",
          "text": {
            "de": "Schulden oder Druck der Familie, Geld zu schicken",
            "en": "Debt, or family pressure to send money"
          },
          "explanation": {
            "de": "Das Kind sagt, es müsse eine Reise abbezahlen oder Geld nach Hause schicken, und gerät in Panik, wenn das nicht gelingt.",
            "en": "The child says it has to pay off a journey or send money home, and panics when it cannot."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        }
      ]
    },
    {
      "key": "behaviour-wellbeing",
      "title": {
        "de": "Verhalten und Wohlergehen",
        "en": "Behaviour and wellbeing"
      },
      "indicators": [
        {
          "key": "older-partner-sexualised",
          "text": {
            "de": "Viel älterer „Freund“; sexualisiertes Wissen oder Verhalten über das Alter hinaus",
            "en": "Much older \"boyfriend\"; sexualised knowledge or behaviour beyond their age"
          },
          "explanation": {
            "de": "Das Kind spricht von einem deutlich älteren Partner, der es abholt oder beschenkt, oder zeigt sexuelles Wissen und Verhalten, das nicht zu seinem Alter passt.",
            "en": "The child talks of a much older partner who collects it or gives it presents, or shows sexual knowledge and behaviour that do not fit its age."
          },
          "source": "ECPAT Deutschland; West Midlands Anti-Slavery Network: spot the signs"
        },
        {
          "key": "fear-of-police",
          "text": {
            "de": "Angst vor der Polizei; verweigert Auskünfte",
            "en": "Fear of police; refuses to give information"
          },
          "explanation": {
            "de": "Das Kind schweigt bei Fragen zu Herkunft, Reise oder Unterkunft, oder sagt, es dürfe mit der Polizei nicht sprechen.",
            "en": "The child falls silent at questions about origin, journey or accommodation, or says it must not talk to the police."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        },
        {
          "key": "intimidated",
          "text": {
            "de": "Eingeschüchtert; für das Alter untypisches Verhalten",
            "en": "Intimidated; behaviour atypical for their age"
          },
          "explanation": {
            "de": "Das Kind wirkt verängstigt, übervorsichtig oder auffällig erwachsen und schaut vor jeder Antwort zur Begleitperson.",
            "en": "The child seems frightened, overly cautious or strikingly grown-up, and looks to the companion before every answer."
          },
          "source": "UNODC, Human Trafficking Indicators: children; kinderschutz.ch"
        },
        {
          "key": "neglect-or-injuries",
          "text": {
            "de": "Vernachlässigung oder Verletzungen",
            "en": "Neglect or injuries"
          },
          "explanation": {
            "de": "Das Kind ist unterernährt, übermüdet, unzureichend gekleidet oder hat unbehandelte oder unerklärte Verletzungen.",
            "en": "The child is undernourished, exhausted, poorly clothed, or has untreated or unexplained injuries."
          },
          "source": "UNODC, Human Trafficking Indicators: children"
        }
      ]
    }
  ]
}$json$::jsonb, '2026-12-07T00:00:00Z');

-- A published or superseded version is frozen: its guide, number and content
-- never change, it never goes back to draft or review, and it is never
-- deleted. Review freezes the content too: what is approved is what is
-- published. New versions start as drafts (publishing is a change of status,
-- checked above). The seed ran before this trigger exists.
CREATE FUNCTION indicator_set_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('published', 'superseded') THEN
      RAISE EXCEPTION 'indicator set version % of % is % and cannot be deleted', OLD.version, OLD.guide, OLD.status;
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a new indicator set version starts as a draft';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.guide <> OLD.guide OR NEW.version <> OLD.version THEN
    RAISE EXCEPTION 'the guide and number of an indicator set version never change';
  END IF;
  IF OLD.status <> 'draft' AND NEW.content IS DISTINCT FROM OLD.content THEN
    RAISE EXCEPTION 'indicator set version % of % is % and its content cannot change', OLD.version, OLD.guide, OLD.status;
  END IF;
  IF (OLD.status = 'published' AND NEW.status NOT IN ('published', 'superseded'))
     OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
     OR (OLD.status = 'draft' AND NEW.status NOT IN ('draft', 'in_review'))
     OR (OLD.status IN ('published', 'superseded') AND NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
    RAISE EXCEPTION 'indicator set version % of % cannot go from % to %', OLD.version, OLD.guide, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER indicator_set_version_frozen BEFORE INSERT OR UPDATE OR DELETE ON indicator_set_version
  FOR EACH ROW EXECUTE FUNCTION indicator_set_version_guard();

-- The walls go up after the seed, as in 0018: with forced RLS even the owner could not write the rows above.
ALTER TABLE indicator_set_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator_set_version FORCE ROW LEVEL SECURITY;
CREATE POLICY public_read ON indicator_set_version FOR SELECT
  USING (status IN ('published', 'superseded') OR app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_insert ON indicator_set_version FOR INSERT
  WITH CHECK (app_scope() = 'coordination');
CREATE POLICY office_update ON indicator_set_version FOR UPDATE
  USING (app_scope() = 'coordination')
  WITH CHECK (app_scope() = 'coordination');
-- The office discards drafts; the trigger refuses to delete anything published.
CREATE POLICY office_delete ON indicator_set_version FOR DELETE
  USING (app_scope() = 'coordination');
GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_set_version TO schutznetz_app;
