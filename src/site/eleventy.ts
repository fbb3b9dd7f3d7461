import Eleventy, { type DevServer, type UserConfig } from '@11ty/eleventy';
import { cpSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as pagefind from 'pagefind';
import type { SiteData } from './data.js';

export interface EleventyRun {
  /** The site's data; asked for on every build, so a rebuild while serving reads the postmortems again. */
  data: () => Promise<SiteData>;
  /** The templates, styles and scripts (`site/` in the package). */
  siteDir: string;
  outDir: string;
  pathPrefix: string;
  runMode: 'build' | 'serve';
  /** Files or folders whose change rebuilds the site while serving (the postmortems, the config). */
  watch?: string[];
  /** Where Eleventy's warnings and errors go. */
  log: (message: string) => void;
  /** The port to serve on (0 picks a free one); `ready` hears where the server listens. */
  port?: number;
  ready?: (server: DevServer) => void;
}

/**
 * Eleventy over the package's `site/` folder, with the postmortems as one global data entry. No
 * postmortem is ever a template: Eleventy reads only the `.njk` files in `site/`, and nothing in it
 * runs JavaScript front matter.
 */
export async function createEleventy(run: EleventyRun): Promise<Eleventy> {
  // Eleventy resolves its paths against the process's working directory.
  const fromProcess = (path: string): string => relative(process.cwd(), path) || '.';
  const input = fromProcess(run.siteDir);
  const eleventy = new Eleventy(input, fromProcess(run.outDir), {
    quietMode: true,
    // Never load an `eleventy.config.js` that happens to stand in the user's repository.
    configPath: false,
    pathPrefix: run.pathPrefix,
    runMode: run.runMode,
    config(config) {
      configure(config, run);
    },
  });
  eleventy.logger.overrideLogger({ log() {}, info() {}, warn: run.log, error: run.log });
  // Markdown and HTML files are never run through a template engine (there are none in `site/`).
  await eleventy.initializeConfig({ markdownTemplateEngine: false, htmlTemplateEngine: false });
  return eleventy;
}

function configure(config: UserConfig, run: EleventyRun): void {
  const refuse = (): never => {
    throw new Error('JavaScript front matter is not allowed in the site templates');
  };
  config.setFrontMatterParsingOptions({ engines: { javascript: refuse, js: refuse, jsLegacy: refuse } });
  config.setTemplateFormats(['njk']);
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  // Installed as a dependency, `site/` sits under node_modules, which Eleventy and .gitignore files skip.
  config.ignores.delete('**/node_modules/**');
  config.setUseGitIgnore(false);
  config.addGlobalData('hindsight', run.data);
  // Copied before each build, in full, rather than by Eleventy's passthrough copy, which goes on in
  // the background after a build fails and can outlive the command.
  config.on('eleventy.before', () => {
    cpSync(join(run.siteDir, 'assets'), join(run.outDir, 'assets'), { recursive: true });
  });
  for (const target of run.watch ?? []) config.addWatchTarget(target);
  if (run.runMode === 'serve') {
    config.setServerOptions({
      port: run.port ?? 8080,
      showVersion: false,
      messageOnStart: () => false,
      logger: { log() {}, info() {}, warn: run.log, error: run.log },
      ...(run.ready ? { ready: run.ready } : {}),
    });
  }
  config.on('eleventy.after', async () => {
    await indexSite(run.outDir);
  });
}

/** Pagefind's search index over the postmortem pages, the only ones it searches (`data-pagefind-body`); reading the others would be wasted. */
async function indexSite(outDir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir, glob: 'postmortems/**/*.html' });
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    const problems = [...added.errors, ...written.errors];
    if (problems.length > 0) throw new Error(`Cannot build the search index: ${problems.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
}

/** Stops the search indexer's process, so the command can exit. */
export async function closeIndexer(): Promise<void> {
  await pagefind.close();
}
