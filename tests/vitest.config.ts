/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { getViteConfig } from "astro/config";

/**
 * Four projects, each with only the set-up its tests need (tests/support/setup/), so one can run
 * alone: `npx vitest run --config tests/vitest.config.ts --project unit` takes seconds.
 * - unit: pure functions; nothing synced, built or started.
 * - components: Astro components rendered in the container; the content layer synced.
 * - build: the built test site and fresh builds of project copies; the test site built.
 * - browser: Chromium, WebKit, Firefox, the real hosts; the test site built (once per run, shared
 *   with the build project) and served, the engines and servers found or installed.
 */
export default getViteConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each browser test file starts its own engine (Chromium, WebKit or Firefox); two cores are
    // enough for two files at once.
    maxWorkers: 2,
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        test: {
          name: "components",
          include: ["tests/components/**/*.test.ts"],
          globalSetup: ["tests/support/setup/content.ts"],
        },
      },
      {
        test: {
          name: "build",
          include: ["tests/build/**/*.test.ts"],
          globalSetup: ["tests/support/setup/site.ts"],
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/support/setup/browsers.ts"],
        },
      },
    ],
  },
});
