// Types for scripts/serve.js (CommonJS), so TypeScript tests can import it.
import { Server } from 'http';

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** File served for "/". Default taskpane.html. */
  /** sirv dev mode: files are looked up on each request instead of once at start. */
  dev?: boolean;
  index?: string;
}

export function serve(root: string, options?: ServeOptions): Promise<{ server: Server; port: number; url: string }>;
