/**
 * The Content-Security-Policy of the renderer page: no network, only our own files. Sent by both
 * shells (main/electron on every response, main/server on every page) and repeated in
 * renderer/index.html; one definition here so neither shell imports the other.
 */

/** The policy string as sent in the Content-Security-Policy header. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";
