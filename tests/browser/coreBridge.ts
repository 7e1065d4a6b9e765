import type { Page } from '@playwright/test';

/**
 * Calls one core operation the way the page does (Electron's preload bridge, or the harness bridge with the page's own token), for
 * checks the screen does not show, e.g. the stored annotation. Throws on an error Result.
 */
export const callCore = async <T>(page: Page, name: string, input: unknown = {}): Promise<T> =>
  page.evaluate(
    async ([operation, body]) => {
      type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };
      // The Electron app's preload bridge where there is one, else the harness's loopback bridge.
      const preload = (window as unknown as { assay?: Record<string, (input: unknown) => Promise<Answer>> }).assay;
      let result: Answer;
      if (preload) result = await preload[operation]!(body);
      else {
        const token = document.querySelector<HTMLMetaElement>('meta[name="assay-bridge-token"]')?.content ?? '';
        const response = await fetch(`/bridge/${operation}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-assay-token': token },
          body: JSON.stringify(body),
        });
        result = (await response.json()) as Answer;
      }
      if (!result.ok) throw new Error(`${operation} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    [name, input] as const,
  ) as Promise<T>;

/** The ratings grid as { cell label: value }, e.g. { 'Accuracy of response A, 1 to 7': '3' }. */
export const ratingCells = (page: Page): Promise<Record<string, string>> =>
  page.locator('input[data-rating-cell]').evaluateAll((cells) =>
    Object.fromEntries(cells.map((c) => [c.getAttribute('aria-label') ?? '', (c as HTMLInputElement).value])),
  );

/** Each response's rank badge as { 'Response A': '#1', ... }. */
export const rankBadges = (page: Page): Promise<Record<string, string>> =>
  page.locator('section.response-column').evaluateAll((columns) =>
    Object.fromEntries(columns.map((c) => [c.getAttribute('aria-label') ?? '', c.querySelector('.rank-badge')?.textContent ?? ''])),
  );
