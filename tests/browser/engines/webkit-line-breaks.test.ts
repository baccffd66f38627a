import { lineBreaks } from "./line-breaks";

// What iPhone Safari and LINE on iPhone show: phones and a tablet.
lineBreaks("webkit", [320, 375, 390, 768]);
