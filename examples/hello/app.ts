// The smallest Flagon app worth serving: a greeting, a JSON route and a route with a path param.
// Serve it with `npx flagon-gateway serve app.ts`; list its routes with `npx flagon routes app.ts`.
import { Flagon, text } from '@flagon/framework';

const app = new Flagon();

app.get('/', { name: 'index' }, () => text('Hello, World!'));

// A plain object becomes a JSON response.
app.get('/health', { name: 'health' }, () => ({ status: 'ok' }));

app.get('/hello/:name', { name: 'greet' }, (c) => text(`Hello, ${c.params.name}!`));

export default app;
