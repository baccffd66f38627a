import { checklistStorageKey, createChecklistStore } from "./checklist-store";

class SummaryChecklistElement extends HTMLElement {
  #abort = new AbortController();

  connectedCallback() {
    const form = this.querySelector("form");
    const progress = this.querySelector<HTMLElement>("[data-progress]");
    const notSaved = this.querySelector<HTMLElement>("[data-not-saved]");
    if (!form || !progress) return;
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    // Ticks are kept per article: the page marks which one this checklist belongs to. Without
    // that mark they are kept in memory only, never under a key another checklist could share.
    const article = this.closest<HTMLElement>("[data-article]")?.dataset["article"];
    const key = checklistStorageKey(article ?? "");
    const store = createChecklistStore(
      () => (article ? window.localStorage : undefined),
      key,
      boxes.map((box) => box.value),
    );
    const template = progress.dataset["template"] ?? "";
    const { signal } = this.#abort;

    const showProgress = () => {
      const done = boxes.filter((box) => box.checked).length;
      progress.textContent = template
        .replace("{done}", String(done))
        .replace("{total}", String(boxes.length));
      progress.hidden = false;
      if (notSaved) notSaved.hidden = store.persistent;
    };
    const applyStored = () => {
      const checked = store.load();
      for (const box of boxes) box.checked = checked.has(box.value);
      showProgress();
    };

    form.addEventListener(
      "change",
      () => {
        store.save(boxes.filter((box) => box.checked).map((box) => box.value));
        showProgress();
      },
      { signal },
    );
    form.addEventListener(
      "reset",
      (event) => {
        event.preventDefault();
        for (const box of boxes) box.checked = false;
        store.clear();
        showProgress();
      },
      { signal },
    );
    // Ticks made on another page of the site (another tab) show up here too.
    window.addEventListener(
      "storage",
      (event) => {
        if (event.key === null || event.key === key) applyStored();
      },
      { signal },
    );
    // A page restored from the back/forward cache may hold stale ticks.
    window.addEventListener("pageshow", (event) => event.persisted && applyStored(), { signal });
    // On a slow connection this script arrives after the page is shown: a point the reader ticked
    // before then is theirs, kept together with what was saved, not overwritten by it.
    const tickedEarly = boxes.filter((box) => box.checked).map((box) => box.value);
    if (tickedEarly.length > 0) store.save([...new Set([...store.load(), ...tickedEarly])]);
    applyStored();
  }

  disconnectedCallback() {
    this.#abort.abort();
    this.#abort = new AbortController();
  }
}

customElements.define("summary-checklist", SummaryChecklistElement);
