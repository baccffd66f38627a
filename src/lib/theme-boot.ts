/**
 * The one inline script: it applies the reader's theme before first paint (an external script
 * would let the wrong colours flash). Kept here as a string so that astro.config.mjs can allow
 * exactly this text by its hash in the Content Security Policy. Mirrors THEME_STORAGE_KEY in
 * theme-store.ts; "system" is stored as no value, so CSS follows the device.
 */
export const THEME_BOOT_SCRIPT =
  'try{const t=localStorage.getItem("line-koukan:theme");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch{}';
