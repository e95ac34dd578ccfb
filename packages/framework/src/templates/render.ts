import type { Response, ResponseInit } from '../response.js';
import { html } from '../responses/text.js';
import type { Template } from './define-template.js';
import type { TemplateHost } from './environment.js';
import { templateEnvironment } from './environment.js';
import { TemplateError } from './errors.js';
import type { GlobalsHost, RenderContext } from './globals.js';
import { templateContext } from './globals.js';

/**
 * Renders a template of the context's app into an HTML response (what `c.render` does): `data` over
 * the globals, validated first when the template was declared with a schema.
 *
 * @example
 * ```ts
 * renderTemplate(c, 'notes/list', { notes }, { status: 200 });
 * ```
 */
export function renderTemplate(
  c: RenderContext,
  template: string | Template<object>,
  data: object | undefined,
  init: ResponseInit | undefined,
): Response {
  const app = c.app as unknown as TemplateHost & GlobalsHost;
  const name = typeof template === 'string' ? template : template.name;
  const checked = typeof template === 'string' ? data : validated(template, data);
  return html(templateEnvironment(app).render(name, templateContext(c, app, checked)), init);
}

function validated(template: Template<object>, data: object | undefined): object | undefined {
  if (template.schema === undefined) return data;
  const result = template.schema.safeParse(data);
  if (result.success) return result.data as object;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`);
  throw new TemplateError(`Invalid data for template ${template.name}: ${issues.join('; ')}`, {
    kind: 'data',
    template: template.name,
    cause: result.error,
  });
}
