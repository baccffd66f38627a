// @ts-check
import eslintPluginAstro from "eslint-plugin-astro";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig(
  globalIgnores(["dist/", ".astro/", "node_modules/", "tests/.output/"]),
  { basePath: root },
  tseslint.configs.strict,
  eslintPluginAstro.configs["flat/recommended"],
  eslintPluginAstro.configs["flat/jsx-a11y-strict"],
  {
    rules: {
      // `@ts-ignore` hides type errors instead of fixing them; `@ts-expect-error` needs a reason.
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": "allow-with-description" }],
      "@typescript-eslint/no-explicit-any": "error",
      // Safari/VoiceOver drops list semantics from lists styled with `list-style: none` (as
      // Tailwind's preflight styles every list), so lists state role="list" on purpose.
      "astro/jsx-a11y/no-redundant-roles": ["error", { ul: ["list"], ol: ["list"] }],
    },
  },
);
