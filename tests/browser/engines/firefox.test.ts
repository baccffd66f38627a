import { readerPath } from "./reader-path";

readerPath("firefox");
