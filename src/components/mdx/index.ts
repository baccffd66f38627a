import Callout from "../Callout.astro";
import Figure from "../Figure.astro";
import ChecklistPoint from "../ChecklistPoint.astro";
import SummaryChecklist from "../SummaryChecklist.astro";
import ArticleChecklistPoint from "./ArticleChecklistPoint.astro";
import ArticleSubheading from "./ArticleSubheading.astro";
import LeadParagraph from "./LeadParagraph.astro";
import SectionFigure from "./SectionFigure.astro";
import SectionSubheading from "./SectionSubheading.astro";

/** Components the MDX content may use by name, without imports. */
const contentComponents = { SummaryChecklist, ChecklistPoint, Callout };

/** For `<Content components={…} />` on the full article. */
export const articleComponents = {
  ...contentComponents,
  ChecklistPoint: ArticleChecklistPoint,
  h3: ArticleSubheading,
  // Pictures arrive as Astro's image element, which renders the page's `img` component.
  img: Figure,
};

/** For `<Content components={…} />` on a section's own page. */
export const sectionPageComponents = { ...contentComponents, h3: SectionSubheading, img: SectionFigure };

/** For the lead's `<Content components={…} />`. */
export const leadComponents = { p: LeadParagraph };
