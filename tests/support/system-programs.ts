import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The programs the tests drive (three browsers, a display for one of them, Java for the Nu Html
 * Checker, two web servers and openssl for the host tests) and the fonts they need, all from the machine's own packages: nothing is ever
 * downloaded by the tests. Each entry names the Debian package that provides it.
 */
const PROGRAMS = {
  /** Chromium or Chrome; `CHROME_PATH` wins over the usual install paths. */
  chromium: {
    env: "CHROME_PATH",
    paths: [
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome-stable",
      "/usr/bin/google-chrome",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ],
    debian: "chromium",
  },
  /** Firefox, driven over WebDriver BiDi (no geckodriver needed). */
  firefox: {
    env: "FIREFOX_PATH",
    paths: ["/usr/bin/firefox-esr", "/usr/bin/firefox"],
    debian: "firefox-esr",
  },
  /** WebKitGTK's WebDriver; it starts MiniBrowser, which comes with the WebKitGTK library. */
  webkitDriver: {
    env: "WEBKIT_DRIVER_PATH",
    paths: ["/usr/bin/WebKitWebDriver"],
    debian: "webkit2gtk-driver",
  },
  miniBrowser: {
    env: "MINIBROWSER_PATH",
    paths: [
      "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
      "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
      "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
    ],
    debian: "webkit2gtk-driver",
  },
  /** A virtual X display for WebKitGTK, which has no headless mode. */
  xvfb: { env: "XVFB_PATH", paths: ["/usr/bin/Xvfb"], debian: "xvfb" },
  /**
   * Java 17 or later for the Nu Html Checker (vnu.jar). Never the one vnu-jar's postinstall would
   * download: that script is denied in package.json's allowScripts.
   */
  java: { env: "JAVA_PATH", paths: ["/usr/bin/java"], debian: "default-jre-headless" },
  /** Real web servers for the host tests, with the files the build writes for them. */
  nginx: { env: "NGINX_PATH", paths: ["/usr/sbin/nginx"], debian: "nginx-light" },
  caddy: { env: "CADDY_PATH", paths: ["/usr/bin/caddy"], debian: "caddy" },
  /** A throwaway certificate authority, so the hosts are tested over HTTPS. */
  openssl: { env: "OPENSSL_PATH", paths: ["/usr/bin/openssl"], debian: "openssl" },
  /** Real glyph widths for Japanese text in every engine (line-break and layout checks). */
  japaneseFonts: {
    env: "",
    paths: ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
    debian: "fonts-noto-cjk",
  },
} as const;

export type Program = keyof typeof PROGRAMS;
export type ProgramPaths = Record<Program, string>;

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

function find(program: Program): string | undefined {
  const { env, paths } = PROGRAMS[program];
  const fromEnv = env ? process.env[env] : undefined;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${env}=${fromEnv} does not exist.`);
    return fromEnv;
  }
  return paths.find((path) => existsSync(path));
}

function canInstallWithApt(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

/**
 * Where each of `programs` is. What is missing is installed from Debian's packages when this is a
 * Debian machine where we are root (one apt-get for all of them); elsewhere the tests stop with one
 * line naming the packages to install.
 */
export function ensurePrograms<P extends Program>(programs: readonly P[]): Record<P, string> {
  const missing = programs.filter((program) => find(program) === undefined);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((program) => PROGRAMS[program].debian))];
    if (!canInstallWithApt()) {
      throw new Error(
        `Missing ${missing.join(", ")}: install ${packages.join(" ")} (Debian/Ubuntu: apt-get install ${packages.join(" ")}) or set ${missing
          .map((program) => PROGRAMS[program].env)
          .filter(Boolean)
          .join("/")}.`,
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", ...packages], {
      stdio: "inherit",
      env,
    });
  }
  return Object.fromEntries(
    programs.map((program) => {
      const path = find(program);
      if (!path)
        throw new Error(`apt-get installed ${PROGRAMS[program].debian} but ${program} was not found.`);
      return [program, path];
    }),
  ) as Record<P, string>;
}

/** The browser for the Chromium-only tools (screenshots, Lighthouse) and tests. */
export function ensureChromium(): string {
  return ensurePrograms(["chromium", "japaneseFonts"]).chromium;
}

/**
 * A virtual X display for WebKitGTK, on the first free display number from :99. Returns its name
 * (":99") and a function that stops it.
 */
export async function startXvfb(xvfbPath: string): Promise<{ display: string; stop: () => void }> {
  for (let number = 99; number < 120; number += 1) {
    if (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) continue;
    const display = `:${number}`;
    const server: ChildProcess = spawn(
      xvfbPath,
      [display, "-screen", "0", "1400x1200x24", "-nolisten", "tcp"],
      {
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && server.exitCode === null) {
      if (existsSync(`/tmp/.X11-unix/X${number}`)) return { display, stop: () => server.kill() };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.kill();
  }
  throw new Error("Xvfb did not start on any display from :99 to :119.");
}
