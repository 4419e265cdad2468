/**
 * The exonym tables of the offered languages, one file per language
 * (`<locale>.ts`, exporting `EXONYMS_<LOCALE>: readonly Exonym[]`), each
 * re-exported here on one line of its own. Everything
 * exported here is an exonym table (index.ts joins them all), and a test
 * fails when a file in this folder is not listed.
 */
export * from './ar.ts';
export * from './bg.ts';
export * from './fa.ts';
export * from './fr.ts';
export * from './hu.ts';
export * from './ro.ts';
export * from './ru.ts';
export * from './ti.ts';
export * from './tr.ts';
export * from './uk.ts';
export * from './vi.ts';
export * from './zh.ts';
