import type { DiffPart } from './diff.ts';

/**
 * A revision diff as text with inserted and deleted words marked; the labels
 * ("added:", "removed:") are visually hidden but read out.
 */
export function RevisionDiff({
  parts,
  labels,
}: {
  parts: readonly DiffPart[];
  labels: { added: string; removed: string };
}) {
  return (
    <pre class="revision-diff">
      {parts.map((p) =>
        p.kind === 'added' ? (
          <ins>
            <span class="visually-hidden">[{labels.added} </span>
            {p.text}
            <span class="visually-hidden">]</span>
          </ins>
        ) : p.kind === 'removed' ? (
          <del>
            <span class="visually-hidden">[{labels.removed} </span>
            {p.text}
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          p.text
        ),
      )}
    </pre>
  );
}
