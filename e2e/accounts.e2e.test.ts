import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from './browser';
import { signUpThroughApi } from './support/api-as-user';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

const TABLE = 'demo.accounts_e2e_readings';
const PASSWORD = 'a long enough passphrase';

/** A small blueprint: one table input shown as a table. */
const blueprint = {
  schemaVersion: 1,
  name: 'oven-readings',
  version: '1.0.0',
  title: 'Oven readings',
  description: 'Every reading of the ovens, newest first.',
  usages: ['monitor'],
  inputs: {
    readings: {
      kind: 'table',
      title: 'Oven readings',
      columns: {
        id: { type: 'int8', role: 'key' },
        temp: { type: 'float8', unit: 'degC', role: 'measure' },
      },
      primaryKey: ['id'],
    },
  },
  nodes: [
    { id: 'readings', type: 'core/source.table@^1', config: { input: 'readings' } },
    { id: 'rows', type: 'core/table@^1', title: 'All readings', config: { columns: ['id', 'temp'] } },
  ],
  edges: [{ from: 'readings.rows', to: 'rows.rows' }],
};

let pt: PlatformUnderTest;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** The id of the twin Ada deploys, made public later. */
let twinId = '';

beforeAll(async () => {
  pt = await startPlatformUnderTest('accounts');
  await pt.platform.database.sql`create schema if not exists demo`;
  await pt.platform.database.sql.unsafe(`create table ${TABLE} (id int8 primary key, temp float8)`);
  await pt.platform.database.sql.unsafe(`insert into ${TABLE} values (1, 180.5), (2, 181.25)`);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pt?.stop();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const header = () => page.getByRole('banner');

describe('accounts in Chromium', { timeout: 120_000 }, () => {
  it('welcomes a visitor and says where to start', async () => {
    await page.goto(`${pt.url}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Digital twins of your equipment, without the specialists');
    expect(await header().getByRole('link', { name: 'Log in' }).count()).toBe(1);
    expect(await header().getByRole('link', { name: 'Sign up' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Browse the blueprints' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}accounts-welcome.png` });
  });

  it('signs up: a weak password is explained first, then the account is created and signed in', async () => {
    await header().getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText('Use at least 10 characters').count()).toBe(1);
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${ARTIFACTS}accounts-signup-weak-password.png` });

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Hello, Ada Lovelace');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await header().getByText('Ada Lovelace').count()).toBe(1);
    expect(await header().getByRole('link', { name: 'My twins' }).count()).toBe(1);
    await expect.poll(() => page.getByText('You have no twins yet').count()).toBe(1);
    await expect.poll(() => page.getByText('You have published nothing yet').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'No drafts' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}accounts-home-empty.png` });
  });

  it('logs out, and refuses a second account with the same email in plain words', async () => {
    await header().getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => header().getByRole('link', { name: 'Log in' }).count()).toBe(1);
    expect(await (await page.request.get(`${pt.url}/api/auth/me`)).status()).toBe(401);

    await page.goto(`${pt.url}/signup`);
    await page.getByLabel('Your name').fill('Another Ada');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('An account with this email already exists; log in instead.');
  });

  it('refuses a wrong password, then logs in', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    // The sign-up form has the same field labels: wait until the log-in page (its own chunk) has replaced it.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log in');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The email or the password is not right.');
    await page.screenshot({ path: `${ARTIFACTS}accounts-login-wrong-password.png` });

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Hello, Ada Lovelace');
  });

  it("lists the user's twins and published entries on the home page, with links", async () => {
    // Publish a blueprint and deploy a twin through the API, in the browser's own session.
    const me = (await (await page.request.get(`${pt.url}/api/auth/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    const published = await page.request.post(`${pt.url}/api/blueprints/${blueprint.name}/versions`, {
      headers,
      data: blueprint,
    });
    expect(published.status(), await published.text()).toBe(201);
    const twin = await page.request.post(`${pt.url}/api/twins`, {
      headers,
      data: {
        schemaVersion: 1,
        title: 'Bakery ovens',
        description: 'The two ovens of the bakery.',
        blueprint: { name: blueprint.name, version: '1.0.0' },
        bindings: {
          readings: {
            kind: 'table',
            connection: 'builtin',
            table: TABLE,
            columns: { id: 'id', temp: 'temp' },
          },
        },
        visibility: 'private',
      },
    });
    expect(twin.status(), await twin.text()).toBe(201);
    twinId = ((await twin.json()) as { id: string }).id;
    const draft = await page.request.post(`${pt.url}/api/drafts`, {
      headers,
      data: { title: 'Oven readings, next try', document: { ...blueprint, version: '1.1.0' } },
    });
    expect(draft.status(), await draft.text()).toBe(201);
    const draftId = ((await draft.json()) as { id: string }).id;
    // Someone else's twin is not listed.
    const bob = await signUpThroughApi((await browser.newContext()).request, pt.url, {
      email: 'bob@example.com',
      password: PASSWORD,
      name: 'Bob',
    });
    expect(bob.id).not.toBe('');

    await page.reload();
    const twins = page.getByRole('list', { name: 'My twins' });
    await expect.poll(() => twins.getByRole('link').allTextContents()).toEqual(['Bakery ovens']);
    expect(await twins.getByRole('link').getAttribute('href')).toBe(`/twins/${twinId}`);
    const mine = page.getByRole('list', { name: 'Published by me' });
    await expect.poll(() => mine.getByRole('link').allTextContents()).toEqual(['Oven readings']);
    const drafts = page.getByRole('list', { name: 'My drafts' });
    await expect.poll(() => drafts.getByRole('link').allTextContents()).toEqual(['Oven readings, next try']);
    expect(await drafts.getByRole('link').getAttribute('href')).toBe(`/editor/${draftId}`);
    await page.screenshot({ path: `${ARTIFACTS}accounts-home.png`, fullPage: true });

    await twins.getByRole('link', { name: 'Bakery ovens' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Bakery ovens');
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('181.25');
  });

  it('lists public twins under "Live twins" for a visitor, with blueprint, owner and a link that opens it', async () => {
    await page.goto(`${pt.url}/`);
    const live = page.getByRole('list', { name: 'Live twins' });
    // Still private: listed as Ada's own twin, not as a live (public) one.
    await expect.poll(() => page.getByText('No public twins yet').count()).toBe(1);
    expect(await live.count()).toBe(0);

    const me = (await (await page.request.get(`${pt.url}/api/auth/me`)).json()) as { csrfToken: string };
    const changed = await page.request.patch(`${pt.url}/api/twins/${twinId}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { visibility: 'public' },
    });
    expect(changed.status(), await changed.text()).toBe(200);
    await header().getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => header().getByRole('link', { name: 'Log in' }).count()).toBe(1);

    await page.goto(`${pt.url}/`);
    await expect.poll(() => live.getByRole('link').allTextContents()).toEqual(['Bakery ovens']);
    expect(await live.getByRole('link').getAttribute('href')).toBe(`/twins/${twinId}`);
    const card = live.getByRole('listitem');
    expect(await card.textContent()).toContain('from oven-readings 1.0.0');
    expect(await card.textContent()).toContain('by Ada Lovelace');
    await page.screenshot({ path: `${ARTIFACTS}accounts-home-live-twins.png`, fullPage: true });

    await live.getByRole('link', { name: 'Bakery ovens' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Bakery ovens');
    expect(new URL(page.url()).pathname).toBe(`/twins/${twinId}`);
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('181.25');
  });

  it('shows a page-not-found page with a way back', async () => {
    await page.goto(`${pt.url}/no/such/page`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.getByRole('link', { name: 'Browse the library' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}not-found.png` });
  });
});
