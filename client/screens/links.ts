/** A join link (`/j/<code>`: the code alone names the match and the seat; client/screens/link-screen.ts) on `base` (an origin, or the address students use; a trailing slash is dropped). */
export const joinLink = (base: string, code: string): string => `${base.replace(/\/+$/, '')}/j/${encodeURIComponent(code)}`;
