/** The id of the page's one heading-share button template (HeadingShareTemplate.astro). */
export const HEADING_SHARE_TEMPLATE_ID = "heading-share-button";
