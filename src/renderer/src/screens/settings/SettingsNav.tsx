/**
 * The settings page's table of contents: a sticky list of its sections at
 * the side (at the top on narrow windows), which jumps to one and shows the
 * one being read. Sections tell it their title as they mount (a supervisor
 * sees more of them), so that the list is always the page's.
 */
import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import './settings-nav.css';

/** `register(id, title)` returns the unregistering function. */
export const SettingsNavContext = createContext<((id: string, title: string) => () => void) | null>(null);

interface Entry {
  readonly id: string;
  readonly title: string;
}

/** How far below the top of the scrolling area a section's start still counts as "being read". */
const READING_LINE_PX = 96;

/** The list of sections, and the function sections register with. */
export function useSettingsSections(): { entries: readonly Entry[]; register: (id: string, title: string) => () => void } {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const register = useCallback((id: string, title: string) => {
    setTitles((before) => new Map(before).set(id, title));
    return () =>
      setTitles((before) => {
        const after = new Map(before);
        after.delete(id);
        return after;
      });
  }, []);
  // In the page's order, whatever order the sections mounted in.
  const entries = useMemo(() => {
    const list = [...titles].map(([id, title]) => ({ id, title, element: document.getElementById(id) }));
    list.sort((a, b) => (a.element && b.element ? (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1) : 0));
    return list.map(({ id, title }) => ({ id, title }));
  }, [titles]);
  return { entries, register };
}

function scrollingParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement ?? null; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

export function SettingsNav({ entries }: { readonly entries: readonly Entry[] }): ReactNode {
  const { t } = useI18n();
  const navRef = useRef<HTMLElement>(null);
  const [current, setCurrent] = useState<string | null>(null);
  /** While a jump scrolls, the section jumped to stays current (a short last section may never reach the top). */
  const jumpedTo = useRef<string | null>(null);

  useEffect(() => {
    const scroller = scrollingParent(navRef.current);
    if (!scroller) return;
    let frame = 0;
    const follow = (): void => {
      frame = 0;
      const top = scroller.getBoundingClientRect().top + READING_LINE_PX;
      const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 4;
      let reading: string | null = entries[0]?.id ?? null;
      for (const { id } of entries) {
        const element = document.getElementById(id);
        if (element && element.getBoundingClientRect().top <= top) reading = id;
      }
      if (atEnd && jumpedTo.current) reading = jumpedTo.current;
      else if (atEnd) reading = entries.at(-1)?.id ?? reading;
      setCurrent(reading);
      // In the bar of a narrow window, the current section's link stays in sight.
      if (reading) navRef.current?.querySelector(`a[href="#${CSS.escape(reading)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    const onScroll = (): void => {
      if (!frame) frame = requestAnimationFrame(follow);
    };
    // A scroll the analyst makes (wheel, keys, scrollbar) ends what a jump decided.
    const onManual = (): void => {
      jumpedTo.current = null;
    };
    follow();
    scroller.addEventListener('scroll', onScroll, { passive: true });
    scroller.addEventListener('wheel', onManual, { passive: true });
    scroller.addEventListener('keydown', onManual);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onManual);
      scroller.removeEventListener('keydown', onManual);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [entries]);

  const jump = (id: string): void => {
    const section = document.getElementById(id);
    if (!section) return;
    jumpedTo.current = id;
    setCurrent(id);
    section.scrollIntoView({ block: 'start' });
    // The keyboard follows: Tab goes on inside the section jumped to.
    section.focus({ preventScroll: true });
  };

  if (entries.length < 2) return null;
  return (
    <nav className="settings-nav" ref={navRef} aria-label={t('settings.nav.label')}>
      <ol>
        {entries.map(({ id, title }) => (
          <li key={id}>
            <a
              href={`#${id}`}
              aria-current={current === id ? 'location' : undefined}
              onClick={(event) => {
                event.preventDefault();
                jump(id);
              }}
            >
              {title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
