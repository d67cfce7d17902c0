import type { ReactNode } from 'react';

interface Props {
  caption: ReactNode;
  /** keep the caption for assistive technologies only */
  captionHidden?: boolean;
  bordered?: boolean;
  /** let cells wrap (DSFR cells are single-line by default) */
  multiline?: boolean;
  className?: string;
  testId?: string;
  /**
   * a wide table that may scroll sideways: its scroll area takes the keyboard focus (RGAA, axe
   * "scrollable-region-focusable"), named by this label
   */
  scrollLabel?: string;
  children: ReactNode;
}

/** DSFR table markup (v1.12+): wrapper, scroll container, caption. Rows and headers are the caller's. */
export function TableFrame({ caption, captionHidden = false, bordered = true, multiline = true, className, testId, scrollLabel, children }: Props) {
  const cls = ['fr-table', bordered ? 'fr-table--bordered' : '', multiline ? 'fr-table--multiline' : '', captionHidden ? 'fr-table--no-caption' : '', className ?? '']
    .filter(Boolean).join(' ');
  return (
    <div className={cls} data-testid={testId}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" {...(scrollLabel ? { tabIndex: 0, role: 'region', 'aria-label': scrollLabel } : {})}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
