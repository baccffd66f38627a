import type { Plugin } from "vite";

/** The id Vite's import analysis gives the helper it wraps around every dynamic `import()`. */
export const PRELOAD_HELPER_ID = "\0vite/preload-helper.js";

/**
 * The helper without preloading: `import()` as written.
 *
 * Vite wraps each dynamic `import()` in `__vitePreload(factory, deps)`, whose helper
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
    // Without the helper a lazily imported chunk's CSS would never be added to the page: refuse it.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        for (const lazy of chunk.dynamicImports) {
          const target = bundle[lazy];
          const css = target?.type === "chunk" ? target.viteMetadata?.importedCss : undefined;
          if (css && css.size > 0)
            this.error(
              `${lazy} is imported lazily by ${chunk.fileName} and imports CSS (${[...css].join(", ")}), ` +
                "which only Vite's preload helper would add to the page; import that CSS statically.",
            );
        }
      }
    },
  };
}
