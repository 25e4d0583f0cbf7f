import { useShadowRoot } from '@backstage/plugin-techdocs-react';
import { useLayoutEffect, useState } from 'react';

/** The page's content in the TechDocs shadow DOM: mkdocs-material's article, else its container. */
const ARTICLES = ['article.md-content__inner', '[data-md-component="content"]'];

/** The docs page's article, found again whenever the reader replaces the page. */
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
 * An element right below the docs page's title (or at the top of the page without one), to
 * render into; undefined until the page is there, or when not `enabled`.
 */
export function useSlotAfterTitle(enabled: boolean): HTMLElement | undefined {
  const article = useDocsArticle();
  const [slot] = useState(() => document.createElement('div'));
  useLayoutEffect(() => {
    if (!enabled || !article) return undefined;
    const title = article.querySelector('h1');
    if (title) title.after(slot);
    else article.prepend(slot);
    return () => slot.remove();
  }, [enabled, article, slot]);
  return enabled && article ? slot : undefined;
}
