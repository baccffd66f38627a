import { describe, expect, it } from "vitest";
import {
  CHECKLIST_STORAGE_KEY,
  createChecklistStore,
  type KeyValueStorage,
} from "../../src/scripts/checklist-store";

const POINTS = ["reasons", "responses", "alternatives", "mindset"];

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
    createChecklistStore(() => storage, POINTS).save(["mindset", "reasons"]);
    expect(JSON.parse(storage.data.get(CHECKLIST_STORAGE_KEY) ?? "null")).toEqual({
      version: 1,
      checked: ["reasons", "mindset"],
    });
    const again = createChecklistStore(() => storage, POINTS);
    expect([...again.load()]).toEqual(["reasons", "mindset"]);
    expect(again.persistent).toBe(true);
  });

  it("clears the stored ticks on reset", () => {
    const storage = memoryStorage();
    const store = createChecklistStore(() => storage, POINTS);
    store.save(["reasons"]);
    store.clear();
    expect(storage.data.has(CHECKLIST_STORAGE_KEY)).toBe(false);
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
      const store = createChecklistStore(() => memoryStorage({ [CHECKLIST_STORAGE_KEY]: raw }), POINTS);
      expect(store.load().size, raw).toBe(0);
    }
    const store = createChecklistStore(
      () => memoryStorage({ [CHECKLIST_STORAGE_KEY]: '{"version":1,"checked":["gone","responses",7]}' }),
      POINTS,
    );
    expect([...store.load()]).toEqual(["responses"]);
  });

  it("works in memory when storage access itself throws (storage blocked)", () => {
    const store = createChecklistStore(() => {
      throw new DOMException("denied", "SecurityError");
    }, POINTS);
    store.save(["reasons"]);
    expect([...store.load()]).toEqual(["reasons"]);
    expect(store.persistent).toBe(false);
  });

  it("keeps ticks in memory when writing fails (quota exceeded) and never throws", () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    const store = createChecklistStore(() => storage, POINTS);
    expect(() => store.save(["alternatives"])).not.toThrow();
    expect([...store.load()]).toEqual(["alternatives"]);
    expect(store.persistent).toBe(false);
    expect(() => store.clear()).not.toThrow();
    expect(store.load().size).toBe(0);
  });

  it("works when there is no storage at all", () => {
    const store = createChecklistStore(() => undefined, POINTS);
    store.save(["mindset"]);
    expect([...store.load()]).toEqual(["mindset"]);
  });

  it("drops ids that are not points of this checklist when saving", () => {
    const storage = memoryStorage();
    createChecklistStore(() => storage, POINTS).save(["reasons", "bogus"]);
    expect(storage.data.get(CHECKLIST_STORAGE_KEY)).not.toContain("bogus");
  });
});
