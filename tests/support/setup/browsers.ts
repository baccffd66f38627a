import type { TestProject } from "vitest/node";
import { serveStatic } from "../static-server.ts";
import { ensurePrograms, startXvfb } from "../system-programs.ts";
import { buildTestSite, writeObservatoryPreloadList } from "./test-site.ts";

/**
 * The browser project's set-up: the test site, served on 127.0.0.1 (twice: once as a host would,
 * once frameable by the WebKit harness); the three engines, Java, nginx, Caddy and openssl found
 * (or installed); a virtual display for WebKitGTK.
 */
export default async function setup(project: TestProject) {
  const distDir = buildTestSite();
  const programs = ensurePrograms([
    "chromium",
    "firefox",
    "webkitDriver",
    "miniBrowser",
    "xvfb",
    "japaneseFonts",
    "java",
    "nginx",
    "caddy",
    "openssl",
  ]);
  writeObservatoryPreloadList();
  const server = await serveStatic(distDir);
  const frameable = await serveStatic(distDir, { frameable: true });
  const xvfb = await startXvfb(programs.xvfb);
  project.provide("distDir", distDir);
  project.provide("baseUrl", server.url);
  project.provide("chromiumPath", programs.chromium);
  project.provide("hostPrograms", {
    nginx: programs.nginx,
    caddy: programs.caddy,
    openssl: programs.openssl,
  });
  project.provide("engineTargets", {
    baseUrl: server.url,
    frameableUrl: frameable.url,
    chromiumPath: programs.chromium,
    firefoxPath: programs.firefox,
    webkitDriverPath: programs.webkitDriver,
    miniBrowserPath: programs.miniBrowser,
    display: xvfb.display,
  });
  return async () => {
    xvfb.stop();
    await Promise.all([server.close(), frameable.close()]);
  };
}
