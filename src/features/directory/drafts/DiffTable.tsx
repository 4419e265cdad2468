/**
 * Old → new, field by field: changed fields in a table (marked in text, not
 * only by colour), unchanged ones folded away in a <details> element, which
 * opens without JavaScript.
 *
 * Each changed field is a row group headed by the field's name, with old and
 * new side by side below it: two columns, not three, so that on a 320 px
 * screen (WCAG 1.4.10 Reflow) each value gets half the width instead of a
 * word per line. `headers` ties every value to its field and its column,
 * which screen readers follow more reliably than scope="rowgroup" alone.
 */
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { TableScroll } from '../../../platform/layout/TableScroll.tsx';
import type { FieldDiff } from './diff.ts';

/** A field's value as lines; `empty` (when given) stands in for no lines at all. */
export function Lines({ lines, empty }: { lines: string[]; empty?: string }) {
  if (lines.length === 0 && empty !== undefined) return <span class="meta">{empty}</span>;
  return (
    <>
      {lines.map((l, i) => (
        <>
          {i > 0 ? <br /> : null}
          {l}
        </>
      ))}
    </>
  );
}

/** The field-by-field difference of `diff` (see diff.ts). */
export function DiffTable({ diff, locale }: { diff: FieldDiff[]; locale: Locale }) {
  const t = translator(locale, 'directory');
  const changed = diff.filter((d) => d.changed);
  const unchanged = diff.filter((d) => !d.changed);
  const empty = t('diff.empty');
  return (
    <div class="diff">
      {changed.length ? (
        <TableScroll label={t('diff.caption')}>
          <table class="diff-table">
            <caption>{t('diff.caption')}</caption>
            <thead>
              <tr>
                {(['before', 'after'] as const).map((side) => (
                  <th scope="col" id={`diff-${side}`}>
                    {t(`diff.${side}`)}
                  </th>
                ))}
              </tr>
            </thead>
            {changed.map((d) => (
              <tbody class="changed">
                <tr>
                  <th scope="rowgroup" colSpan={2} id={`diff-${d.field}`}>
                    {t(`field.${d.field}`)} <span class="changed-mark">({t('diff.changedMark')})</span>
                  </th>
                </tr>
                <tr>
                  <td class="before" headers={`diff-${d.field} diff-before`}>
                    <Lines lines={d.before} empty={empty} />
                  </td>
                  <td class="after" headers={`diff-${d.field} diff-after`}>
                    <Lines lines={d.after} empty={empty} />
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        </TableScroll>
      ) : null}
      {unchanged.length ? (
        <details class="unchanged">
          <summary>{t('diff.unchanged', { count: unchanged.length })}</summary>
          <dl class="facts">
            {unchanged.map((d) => (
              <>
                <dt>{t(`field.${d.field}`)}</dt>
                <dd>
                  <Lines lines={d.after} empty={empty} />
                </dd>
              </>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
