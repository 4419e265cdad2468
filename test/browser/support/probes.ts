/**
 * What the browser tests look at besides the DOM: axe-core results, the
 * accessible name Chromium computes, and everything a page sends or
 * complains about (requests, console errors, CSP violations).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/**
 * Run axe-core on the current page (WCAG 2.0/2.1 A and AA rules).
 *
 * axe is injected with `page.evaluate(source)`, not `addScriptTag`: the site's
 * CSP forbids inline scripts (no 'unsafe-inline'), so a <script> element with
 * content would be refused. page.evaluate goes through the DevTools protocol,
 * which CSP does not govern, so the page keeps its real policy and the same
 * run still notices CSP problems. `bypassCSP: true` is not needed and would
 * hide exactly the violations the privacy tests look for.
 */
export async function runAxe(page: Page, tags: readonly string[] = AXE_TAGS): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => {
      const axe = (
        window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target,
          ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
        })),
      }));
    },
    [...tags],
  );
}

/** One line per failing element: rule id, CSS target, what to fix. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `  [${v.impact ?? '?'}] ${v.id} at ${JSON.stringify(n.target)}: ${v.help}` +
          (n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''),
      ),
    )
    .join('\n');
}

export type AxInfo = { role: string; name: string; ignored: boolean };

/**
 * The accessibility-tree facts Chromium itself computes for each element
 * matching `selector` (what a screen reader is given): role, accessible
 * name, and whether the element is hidden from assistive technology.
 */
export async function accessibilityInfo(page: Page, selector: string): Promise<AxInfo[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector })) as {
      nodeIds: number[];
    };
    const out: AxInfo[] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
        nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[];
      };
      const node = nodes[0];
      out.push({
        role: String(node?.role?.value ?? ''),
        name: String(node?.name?.value ?? ''),
        ignored: Boolean(node?.ignored),
      });
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export type PageLog = {
  requests: string[];
  consoleErrors: string[];
  cspViolations: string[];
};

/**
 * Record every request, console error and CSP violation of one page.
 * CSP violations are caught twice: Chromium's console message and the
 * `securitypolicyviolation` DOM event (reported through a binding, so events
 * fired just before a navigation are not lost).
 */
export async function watchPage(page: Page): Promise<PageLog> {
  const log: PageLog = { requests: [], consoleErrors: [], cspViolations: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.consoleErrors.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__schutznetzCsp', (v: string) => log.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __schutznetzCsp(v: string): void }).__schutznetzCsp;
        report(
          `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
        );
      },
      true,
    );
  });
  return log;
}
