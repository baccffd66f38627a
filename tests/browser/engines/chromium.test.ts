import { readerPath } from "./reader-path";

readerPath("chromium");
