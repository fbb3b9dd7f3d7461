import Eleventy, { type DevServer, type UserConfig } from '@11ty/eleventy';
import { cpSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SiteModel } from './model.js';
import type { PageView } from './page.js';
import { pageSets } from './pages/index.js';

/** What one build renders: the site model and, for each kind of page, the views to write. */
export interface SiteContent {
  model: SiteModel;
  /** By page kind; a rebuild may leave out pages that did not change. */
  views: Record<string, PageView[]>;
}

export interface EleventyRun {
  /** Asked for on every build, so a rebuild while serving reads the postmortems again. */
  content: () => Promise<SiteContent>;
  /** The styles, scripts and icon (`site/` in the package). */
  siteDir: string;
  outDir: string;
  pathPrefix: string;
  runMode: 'build' | 'serve';
  /** Files or folders whose change rebuilds the site while serving (the postmortems, the config). */
  watch?: string[];
  /** Where Eleventy's warnings and errors go. */
  log: (message: string) => void;
  /** Hears each page as it is rendered. */
  onPage?: () => void;
  /** Completes the site once Eleventy has written its pages. */
  after?: () => Promise<void>;
  /** The port to serve on (0 picks a free one); `ready` hears where the server listens. */
  port?: number;
  ready?: (server: DevServer) => void;
}

/**
 * Eleventy with one paginated template per kind of page, rendered by the page modules in
 * `pages/`. No file is ever read as a template: not a postmortem, not anything in the site folder,
 * so no front matter or template code of anyone's runs.
 */
export async function createEleventy(run: EleventyRun): Promise<Eleventy> {
  // Eleventy resolves its paths against the process's working directory.
  const fromProcess = (path: string): string => relative(process.cwd(), path) || '.';
  const eleventy = new Eleventy(fromProcess(run.siteDir), fromProcess(run.outDir), {
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
  await eleventy.initializeConfig({ markdownTemplateEngine: false, htmlTemplateEngine: false });
  return eleventy;
}

function configure(config: UserConfig, run: EleventyRun): void {
  const refuse = (): never => {
    throw new Error('JavaScript front matter is not allowed');
  };
  config.setFrontMatterParsingOptions({ engines: { javascript: refuse, js: refuse, jsLegacy: refuse } });
  config.setTemplateFormats(['11ty.js']);
  // The pages are the templates below; no file in the site folder is one.
  config.ignores.add('**/*');
  config.setUseGitIgnore(false);
  // Eleventy parses every written page again to rewrite URLs; the pages carry their final links already.
  delete config.transforms['@11ty/eleventy/html-transformer'];
  config.addGlobalData('hindsight', run.content);
  for (const pages of pageSets) {
    config.addTemplate(`${pages.name}.11ty.js`, {
      data: {
        pagination: { data: `hindsight.views.${pages.name}`, size: 1, alias: 'view' },
        permalink: (data: { view: PageView }) => data.view.path,
        eleventyExcludeFromCollections: true,
      },
      render(data: { view: PageView; hindsight: SiteContent }) {
        run.onPage?.();
        return joined(pages.render(data.view, data.hindsight.model));
      },
    });
  }
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
  if (run.after) config.on('eleventy.after', run.after);
}

/**
 * The page as one string in memory. A page built by concatenation is held as a tree of its
 * thousands of pieces; Eleventy keeps every page of a run until the run is written, and each
 * collection of young objects meanwhile copies every piece. Reading a character joins them (V8
 * does, in place), and the pieces are garbage at once: at ten thousand postmortems the main
 * thread spent a third less time collecting young objects, and the process peaked 30 to 160 MB lower.
 */
function joined(html: string): string {
  html.charCodeAt(0);
  return html;
}
