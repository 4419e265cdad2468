/**
 * Between the entry form and a DirectoryEntry. The form covers what a centre
 * may change itself (editable.ts); everything else (names, organisation,
 * area of responsibility, status, the verification date) is taken from the
 * published entry unchanged. The combined draft goes through the import's
 * entry schema — the same rules, limits and normalisation as a CSV or HSDS
 * import — and each problem is mapped back to the form field it came from.
 */
import { issueMeaning, type IssueMeaning } from '../../platform/http/validation.ts';
import { derivedId } from '../directory/derived-id.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { TAXONOMIES, type TaxonomyName } from '../directory/taxonomies.ts';
import { entrySchema } from '../directory-io/entry-schema.ts';
import { hourBlank, hourField, phoneBlank, phoneField, type EntryForm } from './form-schema.ts';

/**
 * One problem, attached to a form field (`field` is the input's name; '' =
 * the form as a whole, then `place` names where in the entry it is).
 * `message` is the schema's English text; `meaning` lets a page say it in
 * the reader's language (explain.ts).
 */
export type FieldProblem = { field: string; message: string; meaning: IssueMeaning | null; place: string };

export type FormResult = { ok: true; entry: DirectoryEntry } | { ok: false; problems: FieldProblem[] };

/** The form pre-filled from an entry (the published one, or a draft). */
export function formFromEntry(e: DirectoryEntry): EntryForm {
  const l = e.location;
  return {
    description: e.service.description,
    email: e.service.email ?? '',
    website: e.service.url ?? '',
    targetGroups: [...e.targetGroups],
    exploitation: [...e.exploitation],
    languages: [...e.languages],
    accessibility: [...e.accessibility],
    address_1: l?.address.address_1 ?? '',
    postal_code: l?.address.postal_code ?? '',
    city: l?.address.city ?? '',
    address_protected: l?.address_protected ?? false,
    minimum_age: e.service.minimum_age === null ? '' : String(e.service.minimum_age),
    maximum_age: e.service.maximum_age === null ? '' : String(e.service.maximum_age),
    hours: e.schedules.map((s) => ({
      days: [...s.byday],
      opens: s.opens_at,
      closes: s.closes_at,
      note: s.description ?? '',
    })),
    phones: e.phones.map((p) => ({ number: p.number, type: p.type, description: p.description ?? '' })),
  };
}

/** Whole numbers become numbers; anything else is passed on for the schema to explain. */
function ageInput(v: string): unknown {
  const s = v.trim();
  if (s === '') return null;
  return /^[+-]?\d{1,6}$/.test(s) ? Number(s) : s;
}

/**
 * Row ids: the published row at the same position keeps its id (so an
 * unchanged entry stays identical); new rows get ids derived from the
 * service, skipping any already taken. No id ever comes from the form.
 */
function rowIds(serviceId: string, kind: string, published: readonly { id: string }[], count: number): string[] {
  const taken = new Set(published.map((r) => r.id));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const own = published[i]?.id;
    if (own) {
      ids.push(own);
      continue;
    }
    let id = derivedId(serviceId, `${kind}:${i}`);
    for (let n = 1; taken.has(id); n++) id = derivedId(serviceId, `${kind}:${i}:${n}`);
    taken.add(id);
    ids.push(id);
  }
  return ids;
}

/**
 * Browsers send checked boxes in page order (languages sorted by their name
 * in the reader's language); store them in the order the database returns
 * them, so an unchanged entry is identical to the published one.
 */
const byCode = (codes: readonly string[]) => [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
function inVocabularyOrder(t: TaxonomyName, codes: readonly string[]): string[] {
  const order = TAXONOMIES[t] as readonly string[];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  return [...codes].sort((a, b) => rank(a) - rank(b));
}

type Draft = { input: unknown; hourRows: number[]; phoneRows: number[] };

/** The draft the entry schema validates: the published entry with the form's values in place. */
export function draftFromForm(published: DirectoryEntry, form: EntryForm): Draft {
  const serviceId = published.service.id;
  const hourRows = form.hours.flatMap((r, i) => (hourBlank(r) ? [] : [i]));
  const phoneRows = form.phones.flatMap((r, i) => (phoneBlank(r) ? [] : [i]));
  const hourIds = rowIds(serviceId, 'schedule', published.schedules, hourRows.length);
  const phoneIds = rowIds(serviceId, 'phone', published.phones, phoneRows.length);

  const old = published.location;
  const hasPlace = [form.address_1, form.postal_code, form.city].some((v) => v.trim() !== '');
  const sameAddress =
    old !== null &&
    old.address.postal_code === form.postal_code.trim() &&
    (old.address.address_1 ?? '') === form.address_1.trim();
  // Coordinates of a moved (or newly unprotected) address are unknown: the
  // schema then uses the postcode's centre, as for every protected address.
  const keepPoint = sameAddress && old !== null && !old.address_protected && !form.address_protected;
  const location = hasPlace
    ? {
        id: old?.id ?? null,
        name: old?.name ?? null,
        latitude: keepPoint ? old.latitude : null,
        longitude: keepPoint ? old.longitude : null,
        // Directions to the old place would mislead once the address moved.
        transportation: sameAddress ? old.transportation : null,
        address_protected: form.address_protected,
        accessibility: old?.accessibility ?? null,
        address: {
          address_1: form.address_1,
          postal_code: form.postal_code,
          city: form.city,
          state_province: null,
          country: 'DE',
        },
      }
    : null;

  const input = {
    organization: { ...published.organization },
    service: {
      ...published.service,
      description: form.description,
      email: form.email,
      url: form.website,
      minimum_age: ageInput(form.minimum_age),
      maximum_age: ageInput(form.maximum_age),
    },
    location,
    phones: phoneRows.map((row, k) => {
      const r = form.phones[row]!;
      const before = published.phones[k];
      return {
        id: phoneIds[k],
        number: r.number,
        type: r.type === '' ? 'voice' : r.type,
        description: r.description,
        // Languages per phone are not in the form; they stay with an unchanged number.
        languages: before && before.number === r.number.trim() ? [...before.languages] : [],
      };
    }),
    languages: byCode(form.languages),
    schedules: hourRows.map((row, k) => {
      const r = form.hours[row]!;
      return {
        id: hourIds[k],
        byday: r.days,
        opens_at: r.opens.trim(),
        closes_at: r.closes.trim(),
        description: r.note,
      };
    }),
    areas: [...published.areas],
    targetGroups: inVocabularyOrder('target_group', form.targetGroups),
    exploitation: inVocabularyOrder('exploitation', form.exploitation),
    accessibility: inVocabularyOrder('accessibility', form.accessibility),
  };
  return { input, hourRows, phoneRows };
}

const SERVICE_FIELDS: Record<string, string> = {
  description: 'description',
  email: 'email',
  url: 'website',
  minimum_age: 'minimum_age',
  maximum_age: 'maximum_age',
};
const SCHEDULE_PARTS: Record<string, 'days' | 'opens' | 'closes' | 'note'> = {
  byday: 'days',
  opens_at: 'opens',
  closes_at: 'closes',
  description: 'note',
};
const PHONE_PARTS: Record<string, 'number' | 'type' | 'description'> = {
  number: 'number',
  type: 'type',
  description: 'description',
};

/** The form field a schema problem belongs to ('' when it is about something the form does not show). */
function fieldOf(path: readonly PropertyKey[], draft: Pick<Draft, 'hourRows' | 'phoneRows'>): string {
  const [top, a, b] = path;
  switch (top) {
    case 'service':
      return SERVICE_FIELDS[String(a)] ?? '';
    case 'location':
      if (a === 'address') return b === 'address_1' || b === 'city' ? String(b) : 'postal_code';
      if (a === 'address_protected') return 'address_protected';
      return 'postal_code';
    case 'phones': {
      const row = typeof a === 'number' ? draft.phoneRows[a] : undefined;
      return phoneField(row ?? 0, PHONE_PARTS[String(b)] ?? 'number');
    }
    case 'schedules': {
      const row = typeof a === 'number' ? draft.hourRows[a] : undefined;
      return hourField(row ?? 0, SCHEDULE_PARTS[String(b)] ?? 'days');
    }
    case 'languages':
    case 'targetGroups':
    case 'exploitation':
    case 'accessibility':
      return top;
    default:
      return '';
  }
}

/**
 * Validate the form against the published entry with the import's rules.
 * On success, the complete entry the centre proposes.
 */
export function validateEntryForm(published: DirectoryEntry, form: EntryForm): FormResult {
  const draft = draftFromForm(published, form);
  // The input in each issue lets a message name the refused value.
  const r = entrySchema.safeParse(draft.input, { reportInput: true });
  if (r.success) return { ok: true, entry: r.data };
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of r.error.issues) {
    const field = fieldOf(issue.path, draft);
    // A problem in a part the form does not show names its place in the entry.
    const place = field ? '' : issue.path.join('.');
    const p = {
      field,
      message: place ? `${place}: ${issue.message}` : issue.message,
      meaning: issueMeaning(issue),
      place,
    };
    const key = `${p.field}\u0000${p.message}`;
    if (!seen.has(key)) problems.push(p);
    seen.add(key);
  }
  return { ok: false, problems };
}
