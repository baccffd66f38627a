import { syncContent } from "./test-site.ts";

/** The components project's set-up: the content layer synced, nothing built. */
export default function setup() {
  syncContent();
}
