import { basicAuth } from '@colyseus/core';
import { monitor } from '@colyseus/monitor';
import type { Application, NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Express-level HTTP Basic check (user `admin`, password = the admin token). */
function requireAdmin(adminToken: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const h = req.get('authorization') ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(h.trim());
    const creds = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
    const colon = creds.indexOf(':');
    if (colon > 0 && same(creds.slice(0, colon), 'admin') && same(creds.slice(colon + 1), adminToken)) return next();
    res.set('WWW-Authenticate', 'Basic realm="Sovereign Effects monitor", charset="UTF-8"');
    res.status(401).json({ code: 'admin-only', message: 'The monitor needs the admin user and the ADMIN_TOKEN.' });
  };
}

/**
 * The Colyseus monitor at /monitor, behind HTTP Basic auth (user `admin`, password
 * ADMIN_TOKEN) — checked by our own middleware before the monitor, and by the monitor's
 * own `use` hook as well. Never mounted open.
 */
export function mountMonitor(app: Application, adminToken: string): void {
  if (adminToken.length < 8) throw new Error('mountMonitor: the admin token must be at least 8 characters');
  app.use('/monitor', requireAdmin(adminToken), monitor({ use: [basicAuth({ users: { admin: adminToken } })] }));
}
