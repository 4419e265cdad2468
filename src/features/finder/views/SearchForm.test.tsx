import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { registerMessages } from '../../../app.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { EXPLOITATION_FORMS } from '../../directory/taxonomies.ts';
import { SearchForm } from './SearchForm.tsx';

registerMessages();

describe('SearchForm', () => {
  it('offers every form of exploitation a centre can state as a filter, organ removal included', () => {
    const html = renderToString(<SearchForm locale="de" t={translator('de', 'finder')} />);
    const offered = [...html.matchAll(/name="ex" value="([a-z_]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual([...EXPLOITATION_FORMS]);
    expect(html).toContain('Organentnahme');
  });

  it('names the forms of exploitation in plain words, not in the words of the criminal code', () => {
    const html = renderToString(<SearchForm locale="de" t={translator('de', 'finder')} />);
    expect(html).toContain('Zwang zu Straftaten');
    expect(html).not.toContain('Ausnutzung strafbarer Handlungen');
  });
});
