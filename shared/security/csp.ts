/**
 * The renderer's Content-Security-Policy, in one place. renderer/index.html carries RENDERER_CSP_META in a
 * <meta> tag (the policy that actually guards file:// loads, which have no response headers); the main process
 * adds RENDERER_CSP as a response header wherever there are headers (the dev server). `frame-ancestors` is
 * ignored in a <meta> policy, so it is only in the header form.
 */
export const RENDERER_CSP_META =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'";

export const RENDERER_CSP = `${RENDERER_CSP_META}; frame-ancestors 'none'`;
