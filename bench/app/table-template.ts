/**
 * The template scenario: an eta template of a 20-row table whose values need escaping, compiled once
 * when the module loads and rendered per request. Every contender calls {@link renderTable}, so eta is
 * used the same way everywhere and only the framework around it differs.
 */
import { Eta } from 'eta';

/** How many rows the table has. */
export const TEMPLATE_ROWS = 20;

/** One row of the table: values with characters autoescaping must rewrite. */
export interface TableRow {
  readonly id: number;
  readonly name: string;
  readonly note: string;
}

const SOURCE = `<!doctype html>
<html><head><meta charset="utf-8"><title><%= it.title %></title></head>
<body><table>
<thead><tr><th>#</th><th>name</th><th>note</th></tr></thead>
<tbody>
<% for (const row of it.rows) { %><tr><td><%= row.id %></td><td><%= row.name %></td><td><%= row.note %></td></tr>
<% } %></tbody>
</table></body></html>
`;

// Values carry every character autoEscape rewrites (& < > " '), so escaping is part of the work measured.
/** The table's rows, also the rows of the page scenario (`page-template.ts`). */
export const TABLE_ROWS: readonly TableRow[] = Array.from({ length: TEMPLATE_ROWS }, (_, index) => ({
  id: index + 1,
  name: `Item <${index + 1}> & "friends"`,
  note: `<script>alert('row ${index + 1}')</script>`,
}));
const data = { title: 'Fortunes & <friends>', rows: TABLE_ROWS };

const eta = new Eta({ autoEscape: true });
const compiled = eta.compile(SOURCE);

/**
 * Renders the table page (about 2.5 KB of HTML) from the template compiled at startup.
 *
 * @example
 * ```ts
 * app.get('/template', () => html(renderTable()));
 * ```
 */
export function renderTable(): string {
  return eta.render(compiled, data);
}
