import type { TestProject } from "vitest/node";
import { serveStatic } from "../static-server.ts";
import { buildTestSite } from "./test-site.ts";

/**
 * The build project's set-up: the test site built (once per run, shared with the browser
 * project), and served as a host would for the tests that ask the server for a file.
 */
export default async function setup(project: TestProject) {
  const distDir = buildTestSite();
  const server = await serveStatic(distDir);
  project.provide("distDir", distDir);
  project.provide("baseUrl", server.url);
  return () => server.close();
}
