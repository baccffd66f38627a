import { THEME_STORAGE_KEY } from "./theme-store";

/**
 * The one inline script: it applies the reader's theme before first paint (an external script
 * would let the wrong colours flash). Kept here as a string so that astro.config.mjs can allow
 * exactly this text by its hash in the Content Security Policy. "system" is stored as no value
 * (theme-store.ts), so CSS follows the device.
 */
export const THEME_BOOT_SCRIPT = `try{const t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch{}`;
