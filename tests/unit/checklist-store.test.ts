import { describe, expect, it } from "vitest";
import {
  checklistStorageKey,
  createChecklistStore,
  type KeyValueStorage,
} from "../../src/scripts/checklist-store";

const POINTS = ["reasons", "responses", "alternatives", "mindset"];
const KEY = checklistStorageKey("line-koukan");

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe("checklist store", () => {
  it("saves ticks under one versioned key and reads them back", () => {
    const storage = memoryStorage();
    createChecklistStore(() => storage, KEY, POINTS).save(["mindset", "reasons"]);
    expect(JSON.parse(storage.data.get(KEY) ?? "null")).toEqual({
      version: 1,
      checked: ["reasons", "mindset"],
    });
    const again = createChecklistStore(() => storage, KEY, POINTS);
    expect([...again.load()]).toEqual(["reasons", "mindset"]);
    expect(again.persistent).toBe(true);
  });

  it("clears the stored ticks on reset", () => {
    const storage = memoryStorage();
    const store = createChecklistStore(() => storage, KEY, POINTS);
    store.save(["reasons"]);
    store.clear();
    expect(storage.data.has(KEY)).toBe(false);
    expect(store.load().size).toBe(0);
  });

  it("reads garbage, another version's shape or unknown ids as nothing ticked", () => {
    for (const raw of [
      "{not json",
      "null",
      "42",
      '"x"',
      '{"version":2,"checked":["reasons"]}',
      '{"version":1}',
      '{"version":1,"checked":"reasons"}',
    ]) {
      const store = createChecklistStore(() => memoryStorage({ [KEY]: raw }), KEY, POINTS);
      expect(store.load().size, raw).toBe(0);
    }
    const store = createChecklistStore(
      () => memoryStorage({ [KEY]: '{"version":1,"checked":["gone","responses",7]}' }),
      KEY,
      POINTS,
    );
    expect([...store.load()]).toEqual(["responses"]);
  });

  it("works in memory when storage access itself throws (storage blocked)", () => {
    const store = createChecklistStore(
      () => {
        throw new DOMException("denied", "SecurityError");
      },
      KEY,
      POINTS,
    );
    store.save(["reasons"]);
    expect([...store.load()]).toEqual(["reasons"]);
    expect(store.persistent).toBe(false);
  });

  it("keeps ticks in memory when writing fails (quota exceeded) and never throws", () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    const store = createChecklistStore(() => storage, KEY, POINTS);
    expect(() => store.save(["alternatives"])).not.toThrow();
    expect([...store.load()]).toEqual(["alternatives"]);
    expect(store.persistent).toBe(false);
    expect(() => store.clear()).not.toThrow();
    expect(store.load().size).toBe(0);
  });

  it("works when there is no storage at all", () => {
    const store = createChecklistStore(() => undefined, KEY, POINTS);
    store.save(["mindset"]);
    expect([...store.load()]).toEqual(["mindset"]);
  });

  it("drops ids that are not points of this checklist when saving", () => {
    const storage = memoryStorage();
    createChecklistStore(() => storage, KEY, POINTS).save(["reasons", "bogus"]);
    expect(storage.data.get(KEY)).not.toContain("bogus");
  });

  it("keeps each article's ticks under its own key, so one article's ticks never show on another", () => {
    const storage = memoryStorage();
    createChecklistStore(() => storage, checklistStorageKey("line-koukan"), POINTS).save([
      "summary",
      "reasons",
    ]);
    const other = createChecklistStore(() => storage, checklistStorageKey("aisatsu"), ["reasons", "summary"]);
    expect(other.load().size).toBe(0);
    expect(checklistStorageKey("aisatsu")).not.toBe(checklistStorageKey("line-koukan"));
  });
});
