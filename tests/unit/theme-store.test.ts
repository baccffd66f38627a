import { describe, expect, it } from "vitest";
import type { KeyValueStorage } from "../../src/scripts/checklist-store";
import {
  readThemePreference,
  THEME_STORAGE_KEY,
  themeAttribute,
  writeThemePreference,
} from "../../src/scripts/theme-store";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const storage: KeyValueStorage = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
  return { data, storage };
}

describe("theme preference", () => {
  it("stores light and dark, and stores system as no value", () => {
    const { data, storage } = memoryStorage();
    expect(writeThemePreference(() => storage, "dark")).toBe(true);
    expect(data.get(THEME_STORAGE_KEY)).toBe("dark");
    expect(readThemePreference(() => storage)).toBe("dark");
    writeThemePreference(() => storage, "system");
    expect(data.has(THEME_STORAGE_KEY)).toBe(false);
    expect(readThemePreference(() => storage)).toBe("system");
  });

  it("reads unknown or corrupt values as system", () => {
    for (const value of ["purple", "", '{"theme":"dark"}', "DARK"]) {
      const { storage } = memoryStorage({ [THEME_STORAGE_KEY]: value });
      expect(
        readThemePreference(() => storage),
        value,
      ).toBe("system");
    }
  });

  it("never throws when storage is blocked or full", () => {
    const blocked = () => {
      throw new DOMException("denied", "SecurityError");
    };
    expect(readThemePreference(blocked)).toBe("system");
    expect(writeThemePreference(blocked, "dark")).toBe(false);
    const { storage } = memoryStorage();
    storage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    expect(writeThemePreference(() => storage, "light")).toBe(false);
    expect(writeThemePreference(() => undefined, "light")).toBe(false);
  });

  it("maps a choice to the data-theme attribute, none for system", () => {
    expect(themeAttribute("system")).toBeUndefined();
    expect(themeAttribute("dark")).toBe("dark");
    expect(themeAttribute("light")).toBe("light");
  });
});
