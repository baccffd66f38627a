import { readFile } from "node:fs/promises";

/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time of the main thread, idle included. */
  totalMs: number;
  /** Functions by their own time (not their callees'). */
  topSelf: ProfileEntry[];
  /** Functions by the time spent in them and everything they called. */
  topInclusive: ProfileEntry[];
  /** Own time by where the code lives: a package, the project's src/, Node itself, GC. */
  byArea: ProfileEntry[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  return (
    typeof value === "object" &&
    value !== null &&
    "nodes" in value &&
    Array.isArray(value.nodes) &&
    "samples" in value &&
    Array.isArray(value.samples) &&
    "timeDeltas" in value &&
    Array.isArray(value.timeDeltas)
  );
}

/** `file:///…/node_modules/@scope/pkg/dist/x.js` → `@scope/pkg`; the project's own code by folder. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node: internals";
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  if (inPackage?.[1]) return inPackage[1];
  const own = /\/(src\/[^/]+|content|dist|node_modules\/\.astro|\.astro)\//.exec(url);
  if (own?.[1]) return own[1];
  return url.replace(/^file:\/\//, "").replace(/^\/tmp\/[^/]+\//, "");
}

/** A name that says which function, in which file: `renderShareCard (share/card-layout.ts:420)`. */
function frameName(frame: CpuProfile["nodes"][number]["callFrame"]): string {
  const file = frame.url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^\/tmp\/[^/]+\//, "");
  const name = frame.functionName || "(anonymous)";
  return file ? `${name} (${file}:${frame.lineNumber + 1})` : name;
}

const top = (totals: Map<string, number>, count: number): ProfileEntry[] =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000) }));

/** Reads a `.cpuprofile` and sums its samples by function and by area, in ms. */
export async function summarizeProfile(file: string, count = 15): Promise<ProfileSummary> {
  const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile.`);
  const nodes = new Map(parsed.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  parsed.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (parsed.timeDeltas[index] ?? 0));
  });

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  // Depth-first from the root, keeping the functions on the current stack so that a recursive
  // function's time is counted once towards its inclusive total.
  const root = parsed.nodes[0];
  if (!root) return { file, totalMs: 0, topSelf: [], topInclusive: [], byArea: [] };
  const visit = (id: number, onStack: Map<string, number>): number => {
    const node = nodes.get(id);
    if (!node) return 0;
    const name = frameName(node.callFrame);
    const own = selfUs.get(id) ?? 0;
    totalUs += own;
    self.set(name, (self.get(name) ?? 0) + own);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + own);
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
    let subtree = own;
    for (const child of node.children ?? []) subtree += visit(child, onStack);
    const depth = (onStack.get(name) ?? 1) - 1;
    if (depth === 0) {
      onStack.delete(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + subtree);
    } else onStack.set(name, depth);
    return subtree;
  };
  visit(root.id, new Map());
  // The root and the program/idle pseudo-frames contain everything; they say nothing as totals.
  for (const name of ["(root)", "(program)", "(idle)"]) inclusive.delete(name);
  return {
    file,
    totalMs: Math.round(totalUs / 1000),
    topSelf: top(self, count),
    topInclusive: top(inclusive, count),
    byArea: top(areas, count),
  };
}
