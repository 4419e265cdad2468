import { describe, expect, it } from 'vitest';
import { safeFilename, slugOf } from './files.ts';
import { snippetParts } from './views/PublicPages.tsx';

describe('file names and slugs', () => {
  it('keeps a safe base name ending in .pdf', () => {
    expect(safeFilename('Bericht Übersicht 2026.PDF')).toBe('Bericht-Uebersicht-2026.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd.pdf');
    expect(safeFilename('a"; filename="evil.html')).toBe('a-filename-evil.html.pdf');
    expect(safeFilename('C:\\Users\\x\\Straße.pdf')).toBe('Strasse.pdf');
    expect(safeFilename('...')).toBe('publication.pdf');
  });

  it('makes a slug of the title and the id', () => {
    expect(slugOf('Flucht & Menschenhandel: Dossier', '0d9e8f7a-1234-4321-8888-000000000000')).toBe(
      'flucht-menschenhandel-dossier-0d9e8f7a',
    );
    expect(slugOf('!!!', 'abcdef12-0000-0000-0000-000000000000')).toBe('abcdef12');
  });
});

describe('snippets', () => {
  it('splits the marked words from the text', () => {
    expect(snippetParts('vor \u0001Wort\u0002 nach \u0001zwei\u0002')).toEqual([
      { text: 'vor ', found: false },
      { text: 'Wort', found: true },
      { text: ' nach ', found: false },
      { text: 'zwei', found: true },
    ]);
    expect(snippetParts('kaputt \u0002 \u0001offen')).toEqual([
      { text: 'kaputt  ', found: false },
      { text: 'offen', found: false },
    ]);
  });
});
