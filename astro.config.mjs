// @ts-check
import mdx from "@astrojs/mdx";
import { satteri } from "@astrojs/markdown-satteri";
import sitemap from "@astrojs/sitemap";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { CONTENT_SECURITY_DIRECTIVES, cspHash } from "./src/build/security-headers.ts";
import { THEME_BOOT_SCRIPT } from "./src/scripts/theme-boot.ts";
import { postBuild } from "./src/build/post-build.ts";
import { plainDynamicImport } from "./src/build/plain-dynamic-import.ts";
import { articleBodyChecks, MDX_FEATURES } from "./src/article/body-checks.ts";
import { resolveSiteUrl } from "./src/site/settings.ts";

export default defineConfig({
  // Canonical and share URLs are absolute: set SITE_URL when building for production (README).
  site: resolveSiteUrl(process.env["SITE_URL"]),
  // Links are written with a trailing slash; a pasted link that lost it still resolves.
  trailingSlash: "ignore",
  build: {
    format: "directory",
    // A page renders from its first response: no render-blocking stylesheet request.
    inlineStylesheets: "always",
  },
  image: {
    service: {
      entrypoint: "astro/assets/services/sharp",
      // AVIF at a low effort: several times faster than sharp's default for slightly larger files,
      // so a site with a picture in every article still builds in minutes (the bench reports both).
      config: { avif: { effort: 2 } },
    },
  },
  markdown: {
    // No code blocks in this article; Shiki's inline styles would also need 'unsafe-inline'.
    syntaxHighlight: false,
    processor: satteri({
      mdastPlugins: [articleBodyChecks],
      features: MDX_FEATURES,
    }),
  },
  security: {
    // Scripts and styles are allowed by hash only (Astro hashes what it bundles and inlines);
    // the other directives are shared with public/_headers through security-headers.ts.
    csp: {
      algorithm: "SHA-256",
      directives: [...CONTENT_SECURITY_DIRECTIVES],
      scriptDirective: {
        hashes: [cspHash(THEME_BOOT_SCRIPT)],
      },
    },
  },
  integrations: [
    mdx(),
    // The 404 and search pages are not content to index: the search page only lists pages that
    // are in the sitemap already, and its results depend on a query (it is noindex too).
    sitemap({
      filter: (page) => !/^\/(?:404(?:\.html)?\/?|search\/)$/.test(new URL(page).pathname),
    }),
    // Each built page once through the ordered steps (scripts, CSS, CSP), then dist/_headers.
    postBuild(),
  ],
  vite: {
    // plainDynamicImport: the lazy quote-link chunk is fetched by a bare import(), without Vite's
    // preload helper (Astro forces build.modulePreload on; see the plugin).
    plugins: [tailwindcss(), plainDynamicImport()],
    // One external module per page: no inlined scripts, so no per-script CSP hashes in every page.
    // cssTarget: the browsers readers use (iOS Safari from 16.4, as Tailwind v4 targets), so the
    // CSS minifier keeps the prefixes they need, such as -webkit-backdrop-filter for the 目次 bar.
    build: {
      assetsInlineLimit: 0,
      // dist/ is kept between builds: a page the incremental build reuses stays in place instead of
      // being copied back from Astro's cache, and the post-build pass removes what no route wrote.
      emptyOutDir: false,
      cssTarget: ["safari16.4", "ios16.4", "chrome111", "firefox128"],
      rolldownOptions: {
        // Every MDX module starts with Astro's "use astro:head-inject", which rolldown warns it may
        // not keep (withastro/astro#18087): one ten-line warning per content file that nobody can
        // act on, burying the lines that matter. Every other warning is shown.
        onwarn(warning, warn) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("use astro:head-inject"))
            return;
          warn(warning);
        },
      },
    },
    environments: {
      // "site.[hash].js" rather than Astro's "BaseLayout.astro_astro_type_script_index_0_lang.[hash].js":
      // the name is written into every page's first response.
      client: { build: { rolldownOptions: { output: { entryFileNames: "_astro/site.[hash].js" } } } },
    },
  },
  devToolbar: { enabled: false },
  experimental: {
    // A rebuild renders only the pages whose data changed (each dynamic route's cacheKey, from
    // src/article/cache-keys.ts) or whose code did; the rest are restored from
    // node_modules/.astro/ (deleting it is always safe: the next build renders everything).
    incrementalBuild: true,
  },
});
