/**
 * A coarse "Firefox on Linux" label for the session list. Only this summary
 * is stored — the full User-Agent string is far more identifying than a
 * person needs to recognise their own device.
 */

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Browser on System", either part "unknown"; null without a header. */
export function summariseUserAgent(ua: string | undefined): string | null {
  if (!ua) return null;
  const s = ua.slice(0, 512);
  const browser = BROWSERS.find(([re]) => re.test(s))?.[1] ?? 'unknown';
  const system = SYSTEMS.find(([re]) => re.test(s))?.[1] ?? 'unknown';
  return `${browser} / ${system}`;
}
