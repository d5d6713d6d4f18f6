// What a test does with the editor, in the user's terms: add a module from the palette, drag a
// cable between two ports, read a probe.
import type { Locator, Page } from 'playwright-core';

export async function moduleIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="module-"]', (nodes) =>
    nodes.map((node) => node.getAttribute('data-testid')!.slice('module-'.length)),
  );
}

export async function moduleIdOfType(page: Page, moduleType: string): Promise<string> {
  const node = page.locator(`[data-module-type="${moduleType}"]`).first();
  const testId = await node.getAttribute('data-testid', { timeout: 10_000 });
  if (!testId) throw new Error(`no module of type ${moduleType} on the canvas`);
  return testId.slice('module-'.length);
}

/** Searches the palette, presses Enter, lays the patch out; returns the new module's id. */
export async function addFromPalette(page: Page, query: string, moduleType: string): Promise<string> {
  const before = new Set(await moduleIds(page));
  const search = page.getByTestId('palette-search');
  await search.fill(query);
  await page.getByTestId(`palette-item-${moduleType}`).waitFor();
  await search.press('Enter');
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid^="module-"]').length > count,
    before.size,
  );
  const added = (await moduleIds(page)).filter((id) => !before.has(id));
  if (added.length !== 1)
    throw new Error(`expected one new module after adding ${moduleType}, got ${added.join(', ')}`);
  await search.press('Escape');
  await layOut(page);
  return added[0];
}

/** Automatic layout then fit, so new modules do not sit on top of others. */
export async function layOut(page: Page): Promise<void> {
  await page.getByTestId('layout-button').click();
  await settle(page);
}

/**
 * Waits until every edit has been answered by the server, then until the viewport and every
 * node have stopped moving (layout, fit-view animation).
 */
export async function settle(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-pending="0"]').waitFor();
  const snapshot = () =>
    page.evaluate(() =>
      [document.querySelector('.react-flow__viewport'), ...document.querySelectorAll('.react-flow__node')]
        .map((element) => (element as HTMLElement | null)?.style.transform ?? '')
        .join('|'),
    );
  let previous = '';
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await page.waitForTimeout(150);
    const current = await snapshot();
    if (current === previous) return;
    previous = current;
  }
  throw new Error('the canvas did not settle within 7.5 s');
}

function handle(page: Page, moduleId: string, port: string, side: 'source' | 'target'): Locator {
  return page.locator(`.react-flow__handle.${side}[data-nodeid="${moduleId}"][data-handleid="${port}"]`);
}

/** The centre of a handle, checked to be the element a click there reaches. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('port handle is not visible');
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = await locator.evaluate((handle, { x, y }) => {
    const top = document.elementFromPoint(x, y);
    return top === handle ? null : (top?.outerHTML.slice(0, 160) ?? 'nothing');
  }, point);
  if (hit !== null) throw new Error(`port handle at (${point.x}, ${point.y}) is covered by ${hit}`);
  return point;
}

/** Drags a cable from an output port to an input port with the mouse. */
export async function dragCable(page: Page, from: string, to: string): Promise<void> {
  await settle(page);
  const [fromModule, fromPort] = from.split('.');
  const [toModule, toPort] = to.split('.');
  const start = await centre(handle(page, fromModule, fromPort, 'source'));
  const end = await centre(handle(page, toModule, toPort, 'target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

export async function cableCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

export async function probeText(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-probe="${key}"]`).textContent({ timeout: 10_000 })) ?? '';
}

/** Waits until a probe shows a finite number and returns it. */
export async function probeNumber(page: Page, key: string, timeoutMs = 20_000): Promise<number> {
  const handleResult = await page.waitForFunction(
    (probeKey) => {
      const text = document.querySelector(`[data-probe="${probeKey}"]`)?.textContent ?? '';
      const value = Number(text);
      // An object, so that a probe reading 0 still counts as an answer.
      return text !== '' && Number.isFinite(value) ? { value } : null;
    },
    key,
    { timeout: timeoutMs },
  );
  return ((await handleResult.jsonValue()) as { value: number }).value;
}

export async function setParam(page: Page, moduleId: string, param: string, value: number): Promise<void> {
  const field = page.getByTestId(`param-${moduleId}.${param}`);
  await field.fill(String(value));
  await field.press('Enter');
}
