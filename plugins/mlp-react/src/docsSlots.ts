import { useShadowRoot } from '@backstage/plugin-techdocs-react';
import { useLayoutEffect, useState } from 'react';

// Where TechDocs addons of the portal's plugins render live figures into a model card: an element
// placed in the docs page's article, found again whenever the reader replaces the page.

/** The page's content in the TechDocs shadow DOM: mkdocs-material's article, else its container. */
const ARTICLES = ['article.md-content__inner', '[data-md-component="content"]'];

function useDocsArticle(): HTMLElement | undefined {
  const shadowRoot = useShadowRoot();
  const [article, setArticle] = useState<HTMLElement>();
  useLayoutEffect(() => {
    if (!shadowRoot) {
      setArticle(undefined);
      return undefined;
    }
    const find = () =>
      setArticle(
        ARTICLES.map(s => shadowRoot.querySelector<HTMLElement>(s)).find(
          Boolean,
        ) ?? undefined,
      );
    find();
    const observer = new MutationObserver(find);
    observer.observe(shadowRoot, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [shadowRoot]);
  return article;
}

/**
 * An element to render into, right below the heading `place` finds in the docs page's article
 * (or at the top of the article when it finds none and `orTop` is set); undefined until the page
 * is there, when not `enabled`, or when there is no such heading.
 */
function useSlot(
  enabled: boolean,
  place: (article: HTMLElement) => Element | null,
  orTop: boolean,
): HTMLElement | undefined {
  const article = useDocsArticle();
  const [slot] = useState(() => document.createElement('div'));
  const [placed, setPlaced] = useState(false);
  useLayoutEffect(() => {
    if (!enabled || !article) return undefined;
    const heading = place(article);
    if (heading) heading.after(slot);
    else if (orTop) article.prepend(slot);
    else return undefined;
    setPlaced(true);
    return () => {
      slot.remove();
      setPlaced(false);
    };
  }, [enabled, article, slot, place, orTop]);
  return enabled && article && placed ? slot : undefined;
}

const title = (article: HTMLElement) => article.querySelector('h1');

/** Right below the docs page's title (or at the top of the page without one). */
export function useSlotAfterTitle(enabled: boolean): HTMLElement | undefined {
  return useSlot(enabled, title, true);
}

/** Right below the page's `h2` with this id (MkDocs makes ids from the heading's words). */
export function useSlotAfterSection(
  enabled: boolean,
  id: string,
): HTMLElement | undefined {
  const [place] = useState(
    () => (article: HTMLElement) =>
      article.querySelector(`h2#${CSS.escape(id)}`),
  );
  return useSlot(enabled, place, false);
}
