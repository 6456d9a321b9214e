import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error whose status and message go to the client as `{ "error": message }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** `:name` segments of the route's path. */
  params: Record<string, string>;
}

/**
 * One entry of the route table. Features plug in by adding routes (the dashboard API, metrics,
 * and later the admission webhook), so the server itself knows none of them.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/scans/:id`; a trailing `/*` matches any rest (static files). */
  path: string;
  /** Requires the access token (default true). */
  auth?: boolean;
  handler(ctx: RouteContext): unknown | Promise<unknown>;
}

interface Compiled {
  route: Route;
  re: RegExp;
  names: string[];
}

export class Router {
  private readonly compiled: Compiled[] = [];

  constructor(routes: readonly Route[] = []) {
    for (const r of routes) this.add(r);
  }

  add(route: Route): this {
    const names: string[] = [];
    const body = route.path
      .split('/')
      .map((seg) => {
        if (seg === '*') {
          names.push('rest');
          return '(.*)';
        }
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.compiled.push({ route, re: new RegExp(`^${body}$`), names });
    return this;
  }

  /** The route for a method and path; `allowed` lists the methods of a path that exists under another method. */
  match(method: string, pathname: string): { route?: Route; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const c of this.compiled) {
      const m = c.re.exec(pathname);
      if (!m) continue;
      if (c.route.method !== method && !(method === 'HEAD' && c.route.method === 'GET')) {
        allowed.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m[i + 1]!);
        } catch {
          throw new HttpError(400, `path segment "${m[i + 1]}" is not valid percent-encoding`);
        }
      });
      return { route: c.route, params, allowed };
    }
    return { params: {}, allowed };
  }

  routes(): Route[] {
    return this.compiled.map((c) => c.route);
  }
}
