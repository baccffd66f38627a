import { readerPath } from "./reader-path";

readerPath("webkit");
