import { lineBreaks } from "./line-breaks";

// Android's WebView and desktop Chrome: a small phone, a large one, a desktop.
lineBreaks("chromium", [320, 414, 1280]);
