import type { ReactNode } from 'react';

type DraftOfferProps = {
  title: string;
  /** What the draft is and when it was saved. */
  children: ReactNode;
  restoreLabel: string;
  discardLabel: string;
  onRestore: () => void;
  onDiscard: () => void;
};

/** A form left unsaved on this device: carry on with it, or let it go. */
export function DraftOffer({
  title,
  children,
  restoreLabel,
  discardLabel,
  onRestore,
  onDiscard,
}: DraftOfferProps) {
  return (
    <section className="alert alert--info" aria-labelledby="draft-offer-title">
      <h2 id="draft-offer-title" className="alert__title">
        {title}
      </h2>
      <p>{children}</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onRestore} autoFocus>
          {restoreLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          {discardLabel}
        </button>
      </div>
    </section>
  );
}
