import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Every built HTML file under `dir` (the build's output folder), as absolute paths. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}
