import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Where Chromium or Chrome is usually installed; `CHROME_PATH` wins over all of them. */
const CANDIDATE_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/**
 * Flags for a headless Chromium in a closed sandbox: no GPU, no background traffic to Google
 * services (the network is closed and such connections would only fail), and no sandbox when root.
 */
export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];

function findInstalled(): string | undefined {
  const fromEnv = process.env["CHROME_PATH"];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  return CANDIDATE_PATHS.find((path) => existsSync(path));
}

function canInstallWithApt(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

/**
 * The browser for the browser tests. When none is installed and this is a Debian machine where
 * we are root, installs Debian's `chromium` (and Japanese fonts, so text has real glyph widths);
 * otherwise stops with one line saying what to install. Never downloads a browser of its own.
 */
export function ensureChromium(): string {
  const found = findInstalled();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error(
      "No Chromium or Chrome found: install Chromium (Debian: apt-get install chromium) or set CHROME_PATH.",
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], {
    stdio: "inherit",
    env,
  });
  const installed = findInstalled();
  if (!installed) throw new Error("apt-get installed chromium but no browser binary was found.");
  return installed;
}
