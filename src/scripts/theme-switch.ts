import {
  readThemePreference,
  THEME_PREFERENCES,
  themeAttribute,
  writeThemePreference,
  type ThemePreference,
} from "./theme-store";

const storage = () => window.localStorage;

class ThemeSwitchElement extends HTMLElement {
  connectedCallback() {
    const current = readThemePreference(storage);
    for (const input of this.querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
      input.checked = input.value === current;
      input.addEventListener("change", () => {
        const preference = (THEME_PREFERENCES as readonly string[]).includes(input.value)
          ? (input.value as ThemePreference)
          : "system";
        writeThemePreference(storage, preference);
        const attribute = themeAttribute(preference);
        if (attribute) document.documentElement.dataset["theme"] = attribute;
        else delete document.documentElement.dataset["theme"];
      });
    }
  }
}

customElements.define("theme-switch", ThemeSwitchElement);
