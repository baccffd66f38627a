import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

function runs(command: string): boolean {
  return spawnSync(command, ["-version"], { stdio: "ignore" }).status === 0;
}

/** `JAVA_HOME`'s java when set and working, else the first `java` on the PATH that runs. */
function findJava(): string | undefined {
  const home = process.env["JAVA_HOME"];
  return [...(home ? [join(home, "bin", "java")] : []), "java"].find(runs);
}

function canInstallWithApt(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

/**
 * The `java` command for the Nu Html Checker (vnu.jar needs Java 17 or later). When none runs and
 * this is a Debian machine where we are root, installs Debian's `default-jre-headless`; otherwise
 * stops with one line saying what to install. Never downloads a Java of its own (vnu-jar's
 * postinstall would: it is denied in package.json's allowScripts).
 */
export function ensureJava(): string {
  const found = findJava();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error(
      "No Java found for the Nu Html Checker: install Java 17 or later (Debian: apt-get install default-jre-headless) or set JAVA_HOME.",
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "default-jre-headless"], { stdio: "inherit", env });
  if (!runs("java")) throw new Error("apt-get installed default-jre-headless but `java` does not run.");
  return "java";
}
