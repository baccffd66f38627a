import { lineBreaks } from "./line-breaks";

// Firefox on Android and desktop: a small phone, a large one, a desktop.
lineBreaks("firefox", [320, 414, 1280]);
