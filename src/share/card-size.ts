/** A share card's size in pixels, apart from how it is drawn: every page's <head> names it. */
export const SHARE_CARD_WIDTH = 1200;
export const SHARE_CARD_HEIGHT = 630;
