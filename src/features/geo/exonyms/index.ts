/**
 * Every exonym the place index knows: the English and French table
 * (../exonyms.ts) and the table of each offered language in this folder
 * (languages.ts lists them), written in that language's script: "برلين",
 * "Мюнхен", "柏林". Like the English and French rows, each names its place
 * by the German name and state of the postcode data, and building the index
 * fails when one is not found there.
 */
import { EXONYMS, type Exonym } from '../exonyms.ts';
import * as perLanguage from './languages.ts';

export const LANGUAGE_EXONYMS: readonly Exonym[] = Object.values<readonly Exonym[]>(perLanguage).flat();

export const ALL_EXONYMS: readonly Exonym[] = [...EXONYMS, ...LANGUAGE_EXONYMS];
