import type { Browser, BrowserContext, Page } from '@playwright/test';

// Types for first-load-js.mjs, which stays plain JavaScript so that measure-first-load-js.mjs runs with Node alone.

/** One script: its path, its size and its size gzipped, in bytes. */
export interface ScriptSize {
  file: string;
  raw: number;
  gzip: number;
  recharts?: boolean;
}

export declare const PAGE_ROUTES: { dashboard: string; account: string };
export declare const PAGE_BUDGET_KB: number;
export declare const CUSTOMER_BUDGET_KB: number;
export declare function gzipSize(buffer: Buffer): number;
export declare function totalGzip(rows: ScriptSize[]): number;
export declare function isRecharts(text: string): boolean;
export declare function firstLoadFromManifests(route: string, nextDir?: string): ScriptSize[];
export declare function customerPageScripts(page: Page, url: string): Promise<{ rows: ScriptSize[]; html: { raw: number; gzip: number } }>;
export declare function newCustomerLink(browser: Browser, url: string, org: string, login: string): Promise<string>;
export declare function signedIn(browser: Browser, url: string, login: string): Promise<{ signIn: BrowserContext; page: Page }>;
