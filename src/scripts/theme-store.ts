import { STORAGE_NAMESPACE } from "../site/settings";
import type { KeyValueStorage } from "./checklist-store";

/**
 * The reader's colour theme choice. `system` follows the device and is stored as "no choice".
 * The inline script (theme-boot.ts) reads the same key before first paint.
 */
export const THEME_STORAGE_KEY = `${STORAGE_NAMESPACE}:theme`;
export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

function isThemePreference(value: unknown): value is ThemePreference {
  return (THEME_PREFERENCES as readonly unknown[]).includes(value);
}

/** The stored choice; anything unreadable or unknown reads as `system`. Never throws. */
export function readThemePreference(getStorage: () => KeyValueStorage | null | undefined): ThemePreference {
  try {
    const value = getStorage()?.getItem(THEME_STORAGE_KEY);
    return isThemePreference(value) ? value : "system";
  } catch {
    return "system";
  }
}

/** Stores the choice; returns false when storage refused (the choice then lasts for this page). */
export function writeThemePreference(
  getStorage: () => KeyValueStorage | null | undefined,
  preference: ThemePreference,
): boolean {
  try {
    const storage = getStorage();
    if (!storage) return false;
    if (preference === "system") storage.removeItem(THEME_STORAGE_KEY);
    else storage.setItem(THEME_STORAGE_KEY, preference);
    return true;
  } catch {
    return false;
  }
}

/** The `data-theme` attribute for a choice: none for `system`, so CSS follows the device. */
export function themeAttribute(preference: ThemePreference): "light" | "dark" | undefined {
  return preference === "system" ? undefined : preference;
}
