import type { Plugin } from "vite";

/** The id Vite's import analysis gives the helper it wraps around every dynamic `import()`. */
export const PRELOAD_HELPER_ID = "\0vite/preload-helper.js";

/**
 * The helper without preloading: `import()` as written.
 *
 * Vite wraps each dynamic `import()` in `__vitePreload(factory, deps)`, whose helper (~0.6 KB gzip)
 * adds `<link rel=modulepreload>` for the chunk's static imports and fires `vite:preloadError`.
 * Our one lazy chunk (quote-link) has no static imports of its own beyond the page module, which is
 * already loaded, so `deps` is always empty and the helper would do nothing but cost bytes. Astro
 * forces `build.modulePreload` on, so the helper cannot be switched off by configuration; a `pre`
 * plugin's `load` answers for its id before Vite's own.
 */
export const PLAIN_PRELOAD_HELPER = "export const __vitePreload = (load) => load();";

export function plainDynamicImport(): Plugin {
  return {
    name: "plain-dynamic-import",
    enforce: "pre",
    apply: "build",
    load: {
      filter: { id: /^\0vite\/preload-helper\.js$/ },
      handler(id) {
        return id === PRELOAD_HELPER_ID ? PLAIN_PRELOAD_HELPER : null;
      },
    },
  };
}
