/**
 * The three browser engines our readers use, behind one small interface, so that one test body
 * runs in each: Chromium (Android's System WebView, Chrome) through playwright-core, WebKit
 * (iPhone Safari, LINE on iPhone) through Debian's WebKitWebDriver and WebKitGTK's MiniBrowser with
 * selenium-webdriver, and Firefox over WebDriver BiDi with puppeteer-core. Every engine is the one
 * installed on the machine (tests/support/system-programs.ts); none is downloaded.
 *
 * The interface is what a reader does: open a page at a phone's size, click, press a key, reload,
 * and read the page with a function run inside it. Page functions are sent as source text: they
 * must not close over anything in the test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { chromium, type Browser as PlaywrightBrowser, type Page as PlaywrightPage } from "playwright-core";
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from "puppeteer-core";
import { Builder, By, Key, type WebDriver } from "selenium-webdriver";
import { decode as decodePng, encode as encodePng } from "fast-png";
import { CHROMIUM_ARGS } from "./system-programs.ts";
import { FRAME_HARNESS_PATH } from "./static-server.ts";

export type EngineName = "chromium" | "webkit" | "firefox";

export interface Viewport {
  width: number;
  height: number;
}

export type Key = "Escape" | "Tab" | "Enter" | "Space";

export interface EnginePage {
  readonly engine: EngineName;
  /**
   * Opens a site path (it may carry a fragment) and waits for its load event. Not for a change of
   * fragment alone on the page already open: that loads nothing (in WebKit's frame, it would wait).
   */
  goto(path: string): Promise<void>;
  /** Runs `fn` in the page with `args` (JSON values) and returns its (awaited) JSON result. */
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** A real click (pointer events) in the middle of the element `selector` matches. */
  click(selector: string): Promise<void>;
  /** A real key press, sent to whatever has focus. */
  press(key: Key): Promise<void>;
  /** Reloads and waits for the load event. */
  reload(): Promise<void>;
  /** A PNG of the viewport as it is now. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** A page of exactly `viewport`'s size, with storage of its own (nothing from earlier pages). */
  newPage(viewport: Viewport): Promise<EnginePage>;
  close(): Promise<void>;
}

export interface EngineTargets {
  /** Where the built site is served. */
  baseUrl: string;
  /**
   * The same site served so that its pages may be framed by the test harness page (WebKit's
   * narrow widths; see `webkit`).
   */
  frameableUrl: string;
  chromiumPath: string;
  firefoxPath: string;
  webkitDriverPath: string;
  miniBrowserPath: string;
  /** The X display for WebKitGTK (Xvfb, started by the global set-up). */
  display: string;
}

/** The top-left `width`×`height` of a PNG, as a PNG. */
function cropPng(png: Buffer, width: number, height: number): Buffer {
  const image = decodePng(png);
  const channels = image.channels;
  const rowBytes = width * channels;
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y += 1) {
    const start = y * image.width * channels;
    data.set(image.data.subarray(start, start + rowBytes) as Uint8Array, y * rowBytes);
  }
  return Buffer.from(encodePng({ width, height, data, channels, depth: 8 }));
}

/** `fn` called with `args`, as an expression a page can evaluate (a promise is awaited by all three). */
function callSource(fn: (...args: never[]) => unknown, args: readonly unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

/** Each key as puppeteer and as WebDriver name it. */
const KEYS = { Escape: "Escape", Tab: "Tab", Enter: "Enter", Space: " " } as const;
const WEBDRIVER_KEYS = { Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE } as const;

// ── Chromium ───────────────────────────────────────────────────────────────────────────────

function playwrightPage(page: PlaywrightPage, baseUrl: string): EnginePage {
  return {
    engine: "chromium",
    async goto(path) {
      await page.goto(`${baseUrl}${path}`);
    },
    async evaluate(fn, ...args) {
      return page.evaluate(callSource(fn, args)) as never;
    },
    async click(selector) {
      await page.locator(selector).click();
    },
    async press(key) {
      await page.keyboard.press(key === "Space" ? "Space" : key);
    },
    async reload() {
      await page.reload();
    },
    async screenshot() {
      return page.screenshot();
    },
    async close() {
      await page.context().close();
    },
  };
}

async function launchChromium(targets: EngineTargets): Promise<Engine> {
  const browser: PlaywrightBrowser = await chromium.launch({
    executablePath: targets.chromiumPath,
    args: CHROMIUM_ARGS,
  });
  return {
    name: "chromium",
    async newPage(viewport) {
      const context = await browser.newContext({ viewport, locale: "ja-JP" });
      return playwrightPage(await context.newPage(), targets.baseUrl);
    },
    close: () => browser.close(),
  };
}

// ── Firefox ────────────────────────────────────────────────────────────────────────────────

function puppeteerPage(page: PuppeteerPage, baseUrl: string): EnginePage {
  return {
    engine: "firefox",
    async goto(path) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
    },
    async evaluate(fn, ...args) {
      return page.evaluate(callSource(fn, args)) as never;
    },
    async click(selector) {
      await page.locator(selector).click();
    },
    async press(key) {
      await page.keyboard.press(KEYS[key]);
    },
    async reload() {
      await page.reload({ waitUntil: "load" });
    },
    async screenshot() {
      return Buffer.from(await page.screenshot());
    },
    async close() {
      await page.browserContext().close();
    },
  };
}

async function launchFirefox(targets: EngineTargets): Promise<Engine> {
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: "firefox",
    executablePath: targets.firefoxPath,
    headless: true,
    extraPrefsFirefox: {
      "intl.accept_languages": "ja-JP, ja",
      // The network is closed: no update checks, telemetry or remote settings to wait for.
      "app.update.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
    },
  });
  return {
    name: "firefox",
    async newPage(viewport) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(viewport);
      return puppeteerPage(page, targets.baseUrl);
    },
    close: () => browser.close(),
  };
}

// ── WebKit ─────────────────────────────────────────────────────────────────────────────────

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitForDriver(url: string, driver: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer at ${url}`);
}

/** MiniBrowser's narrowest window: narrower viewports are measured in a frame (see webdriverPage). */
const WEBKIT_MIN_WINDOW_WIDTH = 447;

/**
 * A WebKit page. A viewport at least as wide as MiniBrowser's narrowest window is the window
 * itself, sized so that its inner size is exactly the viewport. A narrower one (a phone) is an
 * iframe of exactly that size in a harness page of the same origin, and every command runs in
 * that frame (WebDriver's current browsing context), as it would at the top of a phone's browser;
 * the frame's document has the real page's headers, CSP included. What only a top-level page gets
 * (text fragments, for one) needs a viewport of at least 447 px.
 */
function webdriverPage(driver: WebDriver, targets: EngineTargets, framed: boolean): EnginePage {
  const frameLoaded = async (navigate: () => Promise<void>) => {
    await driver.switchTo().defaultContent();
    // A load event from the frame element says the frame's document has loaded (CSS, fonts, images).
    await driver.executeScript(
      "const f = document.getElementById('page'); window.__loaded = false; f.onload = () => { window.__loaded = true; };",
    );
    await navigate();
    await driver.wait(async () => (await driver.executeScript("return window.__loaded")) === true, 20_000);
    await driver.switchTo().frame(driver.findElement(By.id("page")));
  };
  return {
    engine: "webkit",
    async goto(path) {
      const open = async () => {
        if (!framed) {
          await driver.get(`${targets.baseUrl}${path}`);
          return;
        }
        await frameLoaded(async () => {
          await driver.executeScript(
            "document.getElementById('page').src = arguments[0];",
            `${targets.frameableUrl}${path}`,
          );
        });
      };
      // Once more after a load that never finished: MiniBrowser under automation has been seen to
      // hang on one navigation in a few hundred on a busy machine.
      await open().catch(open);
    },
    async evaluate(fn, ...args) {
      const result = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => ${callSource(fn, args)}).then(
           (value) => done({ value: value === undefined ? null : value }),
           (error) => done({ error: String(error && error.stack || error) }));`,
      );
      const { value, error } = result as { value?: unknown; error?: string };
      if (error !== undefined) throw new Error(`in WebKit: ${error}`);
      return value as never;
    },
    async click(selector) {
      const element = await driver.findElement(By.css(selector));
      // WebKitWebDriver does not scroll an element inside a frame into view before clicking it;
      // at once, as the page scrolls smoothly and the click would aim at where it was.
      await driver.executeScript(
        "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' })",
        element,
      );
      await element.click();
    },
    async press(key) {
      await driver.actions().sendKeys(WEBDRIVER_KEYS[key]).perform();
    },
    async reload() {
      if (!framed) {
        await driver.navigate().refresh();
        return;
      }
      await frameLoaded(async () => {
        await driver.executeScript("document.getElementById('page').contentWindow.location.reload();");
      });
    },
    async screenshot() {
      const window = Buffer.from(await driver.takeScreenshot(), "base64");
      if (!framed) return window;
      // The frame sits at the harness page's top left: the window cut to its size. (WebKitGTK's
      // own element screenshot of the frame leaves its top band black.)
      const { width, height } = (await driver.executeScript(
        "return { width: innerWidth, height: innerHeight }",
      )) as Viewport;
      return cropPng(window, width, height);
    },
    async close() {
      await driver.quit();
    },
  };
}

async function launchWebKit(targets: EngineTargets): Promise<Engine> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A session left open by a failed test is replaced rather than blocking the next one.
  const args = [`--port=${port}`, "--host=127.0.0.1", "--replace-on-new-session"];
  const driverProcess = spawn(targets.webkitDriverPath, args, {
    env: {
      ...process.env,
      DISPLAY: targets.display,
      // As root (CI), WebKitGTK's bubblewrap sandbox may find no user namespaces to use, as
      // Chromium's sandbox does not run as root either (CHROMIUM_ARGS): only our own pages load.
      ...(process.getuid?.() === 0 && { WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: "1" }),
    },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => {
    driverProcess.once("exit", () => resolve());
    driverProcess.once("error", () => resolve());
  });
  await waitForDriver(url, driverProcess);
  const sessions = new Set<WebDriver>();

  // One MiniBrowser per page: its storage is the session's own (ephemeral), as a new context is.
  const openSession = async (viewport: Viewport): Promise<EnginePage> => {
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: targets.miniBrowserPath, args: ["--automation"] },
      })
      .build();
    sessions.add(driver);
    // A navigation that has not loaded in 30 s has hung (the default waits 300 s).
    await driver.manage().setTimeouts({ pageLoad: 30_000 });
    const page = await openWebKitPage(driver, targets, viewport);
    return {
      ...page,
      async close() {
        sessions.delete(driver);
        await page.close();
      },
    };
  };

  return {
    name: "webkit",
    newPage(viewport) {
      // A new MiniBrowser has been seen to hang while it starts, on a busy machine, and the
      // WebDriver client would wait for ever: after 45 s a second session replaces it
      // (--replace-on-new-session).
      const attempt = () =>
        withDeadline(openSession(viewport), 45_000, `a WebKit page ${viewport.width} px wide`);
      return attempt().catch(attempt);
    },
    async close() {
      // Every MiniBrowser first, then the driver (killed if it does not leave within 5 s).
      await Promise.allSettled([...sessions].map((driver) => withDeadline(driver.quit(), 10_000, "quit")));
      sessions.clear();
      driverProcess.kill();
      const timer = setTimeout(() => driverProcess.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `promise`, or a rejection naming `what` once `ms` have passed without it settling. */
function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A new MiniBrowser session sized for `viewport`: the window itself, or the frame harness. */
async function openWebKitPage(driver: WebDriver, targets: EngineTargets, viewport: Viewport) {
  const window = driver.manage().window();
  if (viewport.width >= WEBKIT_MIN_WINDOW_WIDTH) {
    // The window's outer size, less its toolbar, is the viewport: size it, measure, correct.
    await window.setRect(viewport);
    const inner = (await driver.executeScript("return [innerWidth, innerHeight]")) as [number, number];
    await window.setRect({
      width: 2 * viewport.width - inner[0],
      height: 2 * viewport.height - inner[1],
    });
    return webdriverPage(driver, targets, false);
  }
  await window.setRect({ width: 1024, height: Math.max(viewport.height, 900) + 100 });
  const query = new URLSearchParams({ width: String(viewport.width), height: String(viewport.height) });
  await driver.get(`${targets.frameableUrl}${FRAME_HARNESS_PATH}?${query}`);
  return webdriverPage(driver, targets, true);
}

const LAUNCHERS: Record<EngineName, (targets: EngineTargets) => Promise<Engine>> = {
  chromium: launchChromium,
  webkit: launchWebKit,
  firefox: launchFirefox,
};

export function launchEngine(name: EngineName, targets: EngineTargets): Promise<Engine> {
  return LAUNCHERS[name](targets);
}
