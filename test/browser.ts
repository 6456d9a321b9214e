import type { Browser } from 'playwright-core';

/** Flags that keep headless Chromium from reaching the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const chromiumPath = process.env.RAMPART_TEST_CHROMIUM;
if (!chromiumPath) console.log('browser tests skipped: set RAMPART_TEST_CHROMIUM to a Chromium binary (e.g. /usr/bin/chromium) to run them');

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 30_000 });
}
