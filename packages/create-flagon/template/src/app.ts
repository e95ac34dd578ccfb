// The app: a page, and a JSON API whose input zod checks. `npm start` serves it, `npm test` tests it.
import { Flagon, html } from '@flagon/framework';
import { z } from 'zod';

const app = new Flagon();

const PAGE = `<!doctype html>
<title>Flagon</title>
<h1>Hello from Flagon</h1>
<p>Try <a href="/api/greeting?name=Ada">/api/greeting?name=Ada</a>, then edit <code>src/app.ts</code>.</p>
`;

app.get('/', () => html(PAGE));

// The query is validated: a missing or empty name gets a 422 that says which field is wrong.
const Greeting = z.object({ name: z.string().min(1).max(50) });
app.get('/api/greeting', { query: Greeting }, (c) => ({ message: `Hello, ${c.query.name}!` }));

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
app.post('/api/items', { body: Item }, (c) => ({ created: c.body.name, price: c.body.price }));

export default app;
