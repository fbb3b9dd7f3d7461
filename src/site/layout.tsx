import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SiteModel } from './model.js';

export type NavItem = 'home' | 'dashboard' | 'action-items' | 'services' | 'severities';

const navigation: Array<[NavItem, string, string]> = [
  ['home', '/', 'Postmortems'],
  ['dashboard', '/dashboard/', 'Dashboard'],
  ['action-items', '/action-items/', 'Action items'],
  ['services', '/services/', 'Services'],
  ['severities', '/severities/', 'Severity levels'],
];

export interface LayoutProps {
  model: SiteModel;
  title: string;
  nav?: NavItem;
  /** Module scripts under `assets/`. */
  scripts?: string[];
  children: ComponentChildren;
}

/** The language every page is written in: the `lang` of each page and of each search record. */
export const siteLanguage = 'en';

/** Defence in depth: even markup that slipped past the sanitizer could not run a script. */
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'";

/** A whole HTML page: the site's header, navigation and footer around `children`. */
export function page({ model, title, nav, scripts = [], children }: LayoutProps): string {
  const { site, link, problems } = model;
  return `<!doctype html>\n${renderToString(
    <html lang={siteLanguage}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content={contentSecurityPolicy} />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <title>{`${title} · ${site.title}`}</title>
        <meta name="description" content={site.description} />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={link('/assets/site.css')} />
        <link rel="icon" href={link('/assets/favicon.svg')} type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" href={link('/feed.xml')} title={site.title} />
        {scripts.map((script) => (
          <script type="module" src={link(`/assets/${script}`)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-title" href={site.base}>
              {site.title}
            </a>
            <nav aria-label="Site">
              <ul>
                {navigation.map(([item, path, label]) => (
                  <li>
                    <a href={link(path)} aria-current={nav === item ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        {problems.length > 0 && (
          <div class="problems" role="alert">
            <div class="wrap">
              <p>
                <strong>Postmortems with errors are left off this preview.</strong> <code>hindsight build</code> refuses to publish until they are fixed:
              </p>
              <ul>
                {problems.map((problem) => (
                  <li>
                    <code>{problem}</code>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>Figures as of {site.asOf}, when this site was built.</p>
            <p>
              <a href={link('/feed.xml')}>Atom feed</a> · Data: <a href={link('/api/stats.json')}>stats.json</a>,{' '}
              <a href={link('/api/postmortems.json')}>postmortems.json</a>, <a href={link('/api/action-items.json')}>action-items.json</a> · CSV:{' '}
              <a href={link('/downloads/postmortems.csv')} download>
                postmortems
              </a>
              ,{' '}
              <a href={link('/downloads/action-items.csv')} download>
                action items
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>,
  )}\n`;
}
