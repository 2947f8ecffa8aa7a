/**
 * A button that opens a small panel under it (column chooser, saved views,
 * status menu). Escape or a click outside closes it; Escape gives the focus
 * back to the button.
 */
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

interface PopoverProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** The button's content and accessible name. */
  readonly label: ReactNode;
  readonly ariaLabel?: string;
  readonly buttonClassName?: string;
  readonly hasPopup?: 'menu' | 'dialog';
  readonly disabled?: boolean;
  readonly panelClassName?: string;
  readonly panelLabel: string;
  readonly buttonRef?: RefObject<HTMLButtonElement | null>;
  /** Where the focus goes on Escape (default: the button). */
  readonly onEscape?: () => void;
  readonly children: ReactNode;
}

export function Popover({ open, onOpenChange, label, ariaLabel, buttonClassName, hasPopup = 'dialog', disabled, panelClassName, panelLabel, buttonRef, onEscape, children }: PopoverProps): ReactNode {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // The first control of the panel takes the focus.
    const first = panelRef.current?.querySelector<HTMLElement>('[data-autofocus], [role="menuitem"], input, button, select');
    first?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) onOpenChange(false);
    };
    // Escape closes it even when the focus left the panel (a deleted item took it along).
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const inside = rootRef.current?.contains(document.activeElement) ?? false;
      if (!inside && document.activeElement !== document.body) return;
      event.preventDefault();
      onOpenChange(false);
      if (onEscape) onEscape();
      else button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onOpenChange, onEscape, button]);

  return (
    <div className="q-popover" ref={rootRef}>
      <button
        ref={button}
        type="button"
        className={buttonClassName ?? 'btn btn-small'}
        aria-haspopup={hasPopup}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        aria-disabled={disabled || undefined}
        onClick={() => {
          if (!disabled) onOpenChange(!open);
        }}
      >
        {label}
        <span className="q-caret" aria-hidden="true" />
      </button>
      {open ? (
        <div
          id={id}
          ref={panelRef}
          className={`q-popover-panel ${panelClassName ?? ''}`}
          role={hasPopup === 'menu' ? undefined : 'dialog'}
          aria-label={hasPopup === 'menu' ? undefined : panelLabel}
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}
