/**
 * What changed between two revisions of a text, word by word, for the
 * office's revision view. The parts are plain data; RevisionDiff renders
 * them as <ins>/<del> with a spoken label, because colour and strike-through
 * alone say nothing to a screen reader.
 */
import { diffWordsWithSpace } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** The changes that turn `before` into `after`; neighbouring parts of one kind are merged. */
export function revisionDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const c of diffWordsWithSpace(before, after)) {
    const kind = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += c.value;
    else parts.push({ kind, text: c.value });
  }
  return parts;
}

/** Whether two texts differ at all (a save that changes nothing keeps no new revision). */
export function changed(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same');
}
