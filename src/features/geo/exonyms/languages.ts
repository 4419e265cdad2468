/**
 * The exonym tables of the offered languages, one file per language
 * (`<locale>.ts`, exporting `EXONYMS_<LOCALE>: readonly Exonym[]`), each
 * re-exported here on one line: `export * from './ar.ts';`. Everything
 * exported here is an exonym table (index.ts joins them all), and a test
 * fails when a file in this folder is not listed.
 */
export {};
