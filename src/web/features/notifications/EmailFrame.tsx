type EmailFrameProps = { html: string; title: string };

/**
 * An email's HTML, shown in a sandboxed frame: no scripts, no forms, no access to the page or
 * its session, whatever the email contains.
 */
export function EmailFrame({ html, title }: EmailFrameProps) {
  return (
    <iframe
      className="email-frame"
      title={title}
      sandbox=""
      srcDoc={html}
      referrerPolicy="no-referrer"
    />
  );
}
