/**
 * Turkish names of German cities. Turkish writes nearly all of them as German
 * does (Köln, Nürnberg, Düsseldorf; the loose key finds them typed without
 * dots); only München has a name of its own.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_TR: readonly Exonym[] = [['Münih', 'München', 'DE-BY']];
