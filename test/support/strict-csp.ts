import type { Page } from 'playwright-core';

/** The policy docs/csp.md documents: no eval, no inline script or style, only this origin. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

declare global {
  interface Window {
    /** The CSP violations the page reported, recorded by an init script from before the page's own scripts. */
    cspViolations?: string[];
  }
}

/** Records the page's CSP violations into `window.cspViolations` from before its own scripts run; call before `goto`. */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const violations: string[] = (window.cspViolations = []);
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}
