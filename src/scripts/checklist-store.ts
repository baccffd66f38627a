import { STORAGE_NAMESPACE } from "../site/settings";

/**
 * One versioned key per article for its summary checklist, so ticks on one article never show
 * on another. A change to the stored shape gets a new version, and an old value is then ignored
 * rather than misread.
 */
export function checklistStorageKey(article: string): string {
  return `${STORAGE_NAMESPACE}:checklist:${article}`;
}
export const CHECKLIST_STORAGE_VERSION = 1;

/** The part of the Web Storage API the store uses; tests pass their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface StoredChecklist {
  version: typeof CHECKLIST_STORAGE_VERSION;
  checked: string[];
}

export interface ChecklistStore {
  /** The ticked point ids (re-read from storage each time, so other tabs' ticks show): only ids that exist now, in the order of `pointIds`. */
  load(): Set<string>;
  /** Remembers the ticks; keeps them in memory when storage refuses. */
  save(checked: Iterable<string>): void;
  clear(): void;
  /** False once storage has failed: ticks then last only until the page is left. */
  readonly persistent: boolean;
}

/** Reads a stored value; anything that is not the current shape reads as "nothing ticked". */
export function parseStoredChecklist(raw: string | null, pointIds: readonly string[]): Set<string> {
  if (raw === null) return new Set();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return new Set();
  }
  if (
    typeof value !== "object" ||
    value === null ||
    (value as Partial<StoredChecklist>).version !== CHECKLIST_STORAGE_VERSION ||
    !Array.isArray((value as Partial<StoredChecklist>).checked)
  ) {
    return new Set();
  }
  const stored = new Set((value as StoredChecklist).checked);
  return new Set(pointIds.filter((id) => stored.has(id)));
}

export function serializeChecklist(checked: Iterable<string>): string {
  const value: StoredChecklist = { version: CHECKLIST_STORAGE_VERSION, checked: [...checked] };
  return JSON.stringify(value);
}

/**
 * A checklist store that never throws: `getStorage` may itself throw (storage blocked), return
 * nothing, or hand back a storage whose calls throw (quota, private mode). From the first failure
 * on, the store works in memory only.
 */
export function createChecklistStore(
  getStorage: () => KeyValueStorage | null | undefined,
  key: string,
  pointIds: readonly string[],
): ChecklistStore {
  let storage: KeyValueStorage | undefined;
  try {
    storage = getStorage() ?? undefined;
  } catch {
    storage = undefined;
  }
  let memory = new Set<string>();

  const withStorage = (action: (s: KeyValueStorage) => void) => {
    if (!storage) return;
    try {
      action(storage);
    } catch {
      storage = undefined;
    }
  };

  return {
    load() {
      withStorage((s) => {
        memory = parseStoredChecklist(s.getItem(key), pointIds);
      });
      return new Set(memory);
    },
    save(checked) {
      const known = new Set(checked);
      memory = new Set(pointIds.filter((id) => known.has(id)));
      withStorage((s) => s.setItem(key, serializeChecklist(memory)));
    },
    clear() {
      memory = new Set();
      withStorage((s) => s.removeItem(key));
    },
    get persistent() {
      return storage !== undefined;
    },
  };
}
