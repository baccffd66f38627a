/**
 * Moves a page's module scripts behind its first paint.
 *
 * Everything our scripts do is an enhancement of markup that already works (share buttons,
 * theme switch, the 目次 bar's label, saved checklist ticks); none of it is needed to read. A
 * `<script type="module" src>` is fetched while the page is parsed and runs before
 * DOMContentLoaded, so on a slow connection its request competes with the first paint, and a lab
 * measure such as Lighthouse counts it as part of that paint. Instead the page's one inline
 * script (the theme boot, already allowed by its hash) imports the modules once the document is
 * parsed and its first contentful paint has been presented: the same modules, in the same order.
 * Browsers without paint timing (a "paint" PerformanceObserver) wait for the next frame instead.
 */

const MODULE_SCRIPT = /<script type="module" src="([^"]+)"><\/script>/g;

/**
 * The loader appended to the inline script: once DOMContentLoaded has fired and the
 * first-contentful-paint entry exists (buffered, so an earlier paint counts), or, without paint
 * timing (or without PerformanceObserver at all), after the next frame. A browser that never reports the paint (a page loaded in the
 * background, say) still gets the modules three seconds after DOMContentLoaded; they load once.
 * Written small: it is in every page's first response.
 */
export function afterFirstPaintLoader(sources: readonly string[]): string {
  const imports = sources.map((source) => `import(${JSON.stringify(source)})`).join(",");
  return [
    'addEventListener("DOMContentLoaded",()=>{',
    `let d,l=()=>{d||(d=1,${imports})};`,
    "setTimeout(l,3e3);",
    'self.PerformanceObserver?.supportedEntryTypes?.includes("paint")',
    '?new PerformanceObserver(e=>{e.getEntriesByName("first-contentful-paint")[0]&&l()}).observe({type:"paint",buffered:!0})',
    ":requestAnimationFrame(()=>setTimeout(l))})",
  ].join("");
}

/**
 * `html` with its external module scripts removed and loaded instead by a loader appended to the
 * inline `bootScript`. Unchanged when the page has no module script. Throws when the page has
 * module scripts but not the boot script to carry the loader, rather than drop them.
 */
export function loadModulesAfterFirstPaint(html: string, bootScript: string): string {
  const sources = [...html.matchAll(MODULE_SCRIPT)].map(([, source]) => source ?? "");
  if (sources.length === 0) return html;
  const boot = `<script>${bootScript}</script>`;
  if (!html.includes(boot))
    throw new Error("A page with module scripts has no theme boot script to load them.");
  return html
    .replace(MODULE_SCRIPT, "")
    .replace(boot, () => `<script>${bootScript};${afterFirstPaintLoader(sources)}</script>`);
}
