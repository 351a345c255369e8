import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { newDataDir, startApp, type AppProcess } from './app-process';
import { launchBrowser, watchPageErrors } from './browser';

/**
 * The workstation as the person at the counter finds it: the real app started on a data
 * folder that the test has already seeded, and a browser window on its first screen with
 * page errors and CSP violations watched.
 */
export interface Counter {
  app: AppProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What watchPageErrors collected on `page`: a scenario ends expecting none. */
  problems: string[];
  /**
   * Closes the window, stops the app and starts it again on the same data, as at the end of a
   * day; a new window opens on it. `app`, `context`, `page` and `problems` are then the new ones.
   */
  restart(): Promise<Page>;
  close(): Promise<void>;
}

export interface CounterOptions {
  /** Playwright's wait for each step (ms); its own default when not given. */
  timeout?: number;
  /** The window's options, e.g. acceptDownloads for a test that saves a report. */
  window?: BrowserContextOptions;
  /** Runs on the new page before the app loads, e.g. page.clock.install() to fast-forward idle time. */
  beforeLoad?: (page: Page) => Promise<void>;
}

/** Opens a counter on an already prepared `dataDir`; whoever opens it closes it (counterPerDescribe does both). */
export async function openCounter(dataDir: string, o: CounterOptions = {}): Promise<Counter> {
  const app = await startApp(dataDir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const counter: Counter = { app, browser, ...(await openWindow(browser, app, o)), restart, close };
    return counter;

    async function restart(): Promise<Page> {
      await counter.context.close();
      await counter.app.stop();
      counter.app = await startApp(dataDir);
      Object.assign(counter, await openWindow(counter.browser, counter.app, o));
      return counter.page;
    }
    async function close(): Promise<void> {
      await counter.context.close();
      await counter.app.stop();
      await counter.browser.close();
    }
  } catch (e) {
    await browser?.close();
    await app.stop();
    throw e;
  }
}

async function openWindow(browser: Browser, app: AppProcess, o: CounterOptions): Promise<Pick<Counter, 'context' | 'page' | 'problems'>> {
  const context = await browser.newContext(o.window);
  if (o.timeout !== undefined) context.setDefaultTimeout(o.timeout);
  const page = await context.newPage();
  const problems = watchPageErrors(page);
  await o.beforeLoad?.(page);
  await page.goto(app.url);
  return { context, page, problems };
}

/**
 * The counter a describe block's scenarios play at: before its first test `prepare` writes
 * what the workstation already holds into a new data folder (configuration, enrolled users,
 * applications taken in earlier), then the app starts and a window opens on it; after its
 * last test all of it is closed. Its fields are there from the first beforeAll on.
 */
export function counterPerDescribe(prepare: (dataDir: string) => unknown, o: CounterOptions = {}): Counter {
  let opened: Counter | undefined;
  const current = (): Counter => {
    if (!opened) throw new Error('the counter opens in beforeAll: use it inside a hook or a test');
    return opened;
  };
  beforeAll(async () => {
    const dataDir = newDataDir();
    await prepare(dataDir);
    opened = await openCounter(dataDir, o);
  });
  afterAll(() => opened?.close());
  return {
    get app() {
      return current().app;
    },
    get browser() {
      return current().browser;
    },
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get problems() {
      return current().problems;
    },
    restart: () => current().restart(),
    close: () => current().close(),
  };
}
