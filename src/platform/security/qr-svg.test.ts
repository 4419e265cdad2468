import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from './qr-svg.ts';
import { generateTotpSecret, totpUri } from './totp.ts';

describe('qrCodeSvg', () => {
  const uri = totpUri(generateTotpSecret(), 'maria@beratung.example');

  it('renders an accessible, CSP-safe SVG locally', async () => {
    const svg = await qrCodeSvg(uri, 'QR-Code für die Authenticator-App');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-label="QR-Code für die Authenticator-App"/);
    expect(svg).toContain('<title>QR-Code für die Authenticator-App</title>');
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    // CSP: no inline styles, no scripts, nothing fetched from anywhere.
    expect(svg).not.toMatch(/style/i);
    expect(svg).not.toMatch(/<script|\son\w+=|href=|<image|url\(/i);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:/);
  });

  it('escapes the label', async () => {
    const svg = await qrCodeSvg('x', '<script>"&\'');
    expect(svg).toContain('aria-label="&#60;script&#62;&#34;&#38;&#39;"');
    expect(svg).not.toContain('<script');
  });

  it('is deterministic for the same input and differs for another', async () => {
    expect(await qrCodeSvg(uri, 'a')).toBe(await qrCodeSvg(uri, 'a'));
    expect(await qrCodeSvg(uri, 'a')).not.toBe(await qrCodeSvg(`${uri}x`, 'a'));
  });
});
