/**
 * The Flagon framework's side of the small-app scenarios, written as its docs show: sessions, flash
 * and CSRF in the core behind `SECRET_KEY`, `c.render` from the app's `templates/` (where `flashes()`
 * and `csrfField` are globals), and the app's `static/` folder served at `/static/`.
 */
import type { Flagon } from '@flagon/framework';
import { FLASH_CATEGORY, FLASH_MESSAGE, PAGE_DATA, PAGE_TEMPLATE } from '../app/page-template.js';
import { FLASHED, PATHS } from '../app/payloads.js';
import { counterAnswer, countOf } from '../app/session.js';

/**
 * Registers the session and page routes on `app` (its static folder needs no route).
 *
 * @example
 * ```ts
 * registerSmallApp(new Flagon({ root: APP_DIR, config: { SECRET_KEY } }));
 * ```
 */
export function registerSmallApp(app: Flagon): void {
  app.get(PATHS.session, (c) => {
    const count = countOf({ count: c.session.get('count') }) + 1;
    c.session.set('count', count);
    return counterAnswer(count);
  });

  app.get(PATHS.flash, (c) => {
    c.flash(FLASH_MESSAGE, FLASH_CATEGORY);
    c.csrfToken();
    return FLASHED;
  });
  app.get(PATHS.page, (c) => c.render(PAGE_TEMPLATE, PAGE_DATA));
}
