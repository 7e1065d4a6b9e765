import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

const fixtures = resolve(__dirname, '../fixtures');

test('importing a valid canonical JSONL file says how many tasks came in', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByTestId('import-file-input').setInputFiles(resolve(fixtures, 'tasks.valid.jsonl'));
  await expect(page.getByRole('status').filter({ hasText: /Imported \d+ tasks from tasks\.valid\.jsonl/ })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).not.toHaveCount(0);
});

test('a file with an error imports nothing and names the line and the field', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'broken.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"id":"t1","project":"P","title":"ok","payload":{"kind":"reasoning","problem":"2+2?"}}\n' +
        '{"id":"t2","project":"P","title":"bad","payload":{"kind":"ranking","conversation":[{"role":"user","content":"hi"}],"responses":[{"id":"a","content":"x"}]}}\n',
    ),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported from broken.jsonl');
  await expect(alert).toContainText(/line 2/i);
  await expect(alert).toContainText('responses');
  await page.screenshot({ path: resolve(screenshotDir, 'import-error.png') });
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
});
