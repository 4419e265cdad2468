/**
 * Browser-side checks for right-to-left pages and for the fonts every
 * language needs: which phone numbers, postcodes and addresses are not kept
 * left to right, what sticks out of the screen, which characters the fonts
 * cannot draw, and where a colour sits in a screenshot.
 */
import type { Page } from 'playwright-core';

/**
 * Text that must keep its left-to-right order on a right-to-left page but is
 * not inside a left-to-right isolate: a phone number (at least five digits
 * in groups with spaces, slashes or dashes between), an e-mail
 * address or a web address. A run counts as isolated when its nearest
 * isolating ancestor (`unicode-bidi: isolate`, as `dir` and `<bdi>` give)
 * has `direction: ltr`, or when it sits between U+2066/U+2068 and U+2069 in
 * the text itself with no right-to-left letter before it inside.
 */
export function unisolatedNumbers(page: Page): Promise<{ found: number; loose: string[] }> {
  return page.evaluate(() => {
    const PATTERN =
      /\+?\d[\d\u00a0 ()/.-]*\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)*\.(?:org|de|com|net)\b[\w/.-]*/g;
    const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
    const loose: string[] = [];
    let found = 0;
    const isolatedByElement = (node: Node): boolean => {
      for (let el = node.parentElement; el && el !== document.documentElement; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (/isolate|plaintext/.test(style.unicodeBidi)) return style.direction === 'ltr';
      }
      return false;
    };
    const isolatedInText = (text: string, start: number, end: number): boolean => {
      // The nearest unclosed isolate initiator before the match, closed after it.
      let depth = 0;
      let opener = -1;
      for (let i = start - 1; i >= 0; i--) {
        const c = text[i];
        if (c === '\u2069') depth++;
        else if (c === '\u2066' || c === '\u2068') {
          if (depth === 0) {
            opener = i;
            break;
          }
          depth--;
        }
      }
      if (opener < 0 || !text.slice(end).includes('\u2069')) return false;
      return !RTL_LETTER.test(text.slice(opener + 1, start));
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, svg, .skip, .visually-hidden, [hidden]')) continue;
      if (parent.getClientRects().length === 0) continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(PATTERN)) {
        // A run of digits alone keeps its order in either direction; what the bidirectional
        // algorithm reorders is groups with spaces, slashes or dashes between them.
        const digits = m[0].replace(/\D/g, '').length;
        if (/^[+\d]/.test(m[0]) && (digits < 5 || /^\d+$/.test(m[0]))) continue;
        found++;
        if (isolatedByElement(node) || isolatedInText(text, m.index, m.index + m[0].length)) continue;
        loose.push(`"${m[0]}" in <${parent.localName} class="${parent.className}">`);
      }
    }
    return { found, loose };
  });
}

/** Elements that reach beyond the viewport's sides (skip links and hidden text excepted). */
export function outsideTheScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.skip, .visually-hidden, .exit-overlay, details:not([open]) > :not(summary)')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > width + 1)
        out.push(
          `<${el.localName} class="${el.getAttribute('class') ?? ''}"> ${Math.round(r.left)}…${Math.round(r.right)}`,
        );
    }
    return out.slice(0, 5);
  });
}

/**
 * Characters of the page's visible text that no installed font can draw.
 * Each distinct character is drawn on a canvas in the font of an element
 * that shows it and compared, pixel by pixel and by its advance width, with
 * what the same font draws for code points that have no glyph anywhere (an
 * unassigned one, U+0378, and a noncharacter, U+FDD0): the "tofu" box
 * (.notdef). Format and space characters draw nothing and are skipped.
 * `extra` adds characters to test (the test feeds it a private-use
 * character to show the detector flags a missing glyph).
 */
export function missingGlyphs(page: Page, extra = ''): Promise<{ checked: number; missing: string[] }> {
  return page.evaluate((extra) => {
    const chars = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style')) continue;
      const style = getComputedStyle(parent);
      const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
      for (const c of node.textContent ?? '') if (!chars.has(c)) chars.set(c, font);
    }
    const bodyFont = `400 32px ${getComputedStyle(document.body).fontFamily}`;
    for (const c of extra) chars.set(c, bodyFont);
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    const draw = (c: string, font: string) => {
      g.clearRect(0, 0, 64, 64);
      g.font = font;
      g.fillStyle = '#000';
      g.textBaseline = 'middle';
      g.fillText(c, 8, 32);
      const alpha = g.getImageData(0, 0, 64, 64).data.filter((_v, i) => i % 4 === 3);
      return { width: g.measureText(c).width, alpha };
    };
    const same = (a: { width: number; alpha: Uint8ClampedArray }, b: { width: number; alpha: Uint8ClampedArray }) =>
      Math.abs(a.width - b.width) < 0.01 && a.alpha.every((v, i) => v === b.alpha[i]);
    const tofu = new Map<string, { width: number; alpha: Uint8ClampedArray }[]>();
    const missing: string[] = [];
    let checked = 0;
    for (const [c, font] of chars) {
      if (/[\p{White_Space}\p{Cf}\p{Cc}\p{Mn}]/u.test(c)) continue;
      let boxes = tofu.get(font);
      if (!boxes) tofu.set(font, (boxes = [draw('\u0378', font), draw('\ufdd0', font)]));
      const glyph = draw(c, font);
      checked++;
      if (boxes.some((b) => same(glyph, b)))
        missing.push(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${c}`);
    }
    return { checked, missing };
  }, extra);
}

/** One screenshot's pixels, decoded in the browser (no image library needed). */
export type Pixels = { width: number; height: number; data: Uint8Array };

/** Decode a PNG screenshot in a blank page of the same browser. */
export async function decodePng(helper: Page, png: Buffer): Promise<Pixels> {
  const raw = await helper.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: bitmap.width, height: bitmap.height, data: btoa(binary) };
  }, png.toString('base64'));
  return { width: raw.width, height: raw.height, data: new Uint8Array(Buffer.from(raw.data, 'base64')) };
}

/** The bounding box of the pixels within `tolerance` of `rgb`, or null. */
export function colourBox(
  img: Pixels,
  rgb: [number, number, number],
  tolerance = 12,
): { minX: number; maxX: number; minY: number; maxY: number; count: number } | null {
  let minX = Infinity;
  let maxX = -1;
  let minY = Infinity;
  let maxY = -1;
  let count = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (
        Math.abs(img.data[i]! - rgb[0]) <= tolerance &&
        Math.abs(img.data[i + 1]! - rgb[1]) <= tolerance &&
        Math.abs(img.data[i + 2]! - rgb[2]) <= tolerance
      ) {
        count++;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  return count === 0 ? null : { minX, maxX, minY, maxY, count };
}

/** Mean absolute difference per channel (0–255) of two images of the same size; `mirrorB` flips b. */
export function meanDifference(a: Pixels, b: Pixels, mirrorB = false): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  let sum = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      const j = (y * a.width + (mirrorB ? a.width - 1 - x : x)) * 4;
      for (let k = 0; k < 3; k++) sum += Math.abs(a.data[i + k]! - b.data[j + k]!);
    }
  return sum / (a.width * a.height * 3);
}

/**
 * Phone numbers, e-mail and web addresses whose parts are drawn out of order:
 * for each text of at least two groups ("116 016", "+49 30 23125 001") the
 * rendered box of every group must lie to the right of the one before, as it
 * does in left-to-right text. What the isolates are for, measured on the
 * rendering rather than on the markup.
 */
export function numbersOutOfOrder(page: Page): Promise<{ checked: number; wrong: string[] }> {
  return page.evaluate(() => {
    const wrong: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, svg, .skip, .visually-hidden, [hidden]')) continue;
      if (parent.getClientRects().length === 0) continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\+?\d+(?:[\u00a0 /-]\d+)+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
        const groups = [...m[0].matchAll(/[\w+]+/g)];
        const lefts = groups.map((g) => {
          const range = document.createRange();
          range.setStart(node, m.index + g.index);
          range.setEnd(node, m.index + g.index + g[0].length);
          const rects = range.getClientRects();
          return { left: rects[0]?.left ?? 0, top: rects[0]?.top ?? 0 };
        });
        checked++;
        for (let i = 1; i < lefts.length; i++) {
          const [a, b] = [lefts[i - 1]!, lefts[i]!];
          // A line break inside (an e-mail address may wrap) is not an order problem.
          if (Math.abs(a.top - b.top) < 2 && b.left <= a.left) {
            wrong.push(`"${m[0]}" drawn out of order in <${parent.localName} class="${parent.className}">`);
            break;
          }
        }
      }
    }
    return { checked, wrong };
  });
}
