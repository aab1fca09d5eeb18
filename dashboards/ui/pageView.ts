import type { Html } from './html.js';

/** What a page's entry gives the server to lay out: its title and body, and how many rows it shows. */
export interface PageView {
  title: string;
  body: Html;
  rows?: number;
}
