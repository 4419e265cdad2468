/**
 * QR codes rendered on our own server as inline SVG markup. An `otpauth://`
 * URI contains the TOTP secret, so sending it to an online QR service would
 * hand the second factor to a third party; and the CSP forbids other origins
 * and inline styles anyway. The `qrcode` package's SVG output uses only
 * presentation attributes (fill, stroke) — this wrapper guarantees that stays
 * so and adds an accessible name.
 */

/** Thrown if the generated markup would violate the CSP (no `style`). */
class UnsafeSvgError extends Error {
  constructor() {
    super('Generated SVG contains a style attribute or element.');
    this.name = 'UnsafeSvgError';
  }
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Render `text` as an SVG QR code string: `role="img"`, an `aria-label` and a
 * `<title>` carry `label` (for screen readers, who cannot scan it — pair it with
 * the secret in text form for manual entry); black on white with the standard
 * 4-module quiet zone; error correction level M. The SVG scales to its
 * container (viewBox only, no width/height). Embed it only in pages sent with
 * `Cache-Control: no-store`: for TOTP enrolment it contains the secret.
 *
 * @throws UnsafeSvgError if the output ever contained `style` (CSP forbids inline styles)
 */
export async function qrCodeSvg(text: string, label: string): Promise<string> {
  // Loaded on the first enrolment page only: start-up should not wait for it.
  const { default: QRCode } = await import('qrcode');
  const raw = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  const safeLabel = escapeXml(label);
  const svg = raw
    .trim()
    .replace(/^<svg\b/, `<svg role="img" aria-label="${safeLabel}" focusable="false"`)
    .replace(/^(<svg\b[^>]*>)/, `$1<title>${safeLabel}</title>`);
  // A library upgrade could start emitting inline styles; fail loudly in tests
  // rather than ship markup the browser silently refuses to style.
  if (/\sstyle\s*=|<style\b/i.test(svg)) throw new UnsafeSvgError();
  return svg;
}
