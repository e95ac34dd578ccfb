// Sessions and CSRF over a real socket: the app under the gateway's Node adapter, a cookie-keeping agent.

import { csrfTokenFrom } from '@flagon/framework/testing';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Flagon, html } from '../../src/index.js';
import { recordingLogger, SECRET } from './helpers.js';

function app() {
  const flagon = new Flagon({ config: { SECRET_KEY: SECRET }, logger: recordingLogger() });
  flagon.get('/count', (c) => {
    const visits = ((c.session.get('visits') as number | undefined) ?? 0) + 1;
    c.session.set('visits', visits);
    return String(visits);
  });
  flagon.get('/form', (c) =>
    html(`<form method="post">${`<input type="hidden" name="csrf_token" value="${c.csrfToken()}">`}</form>`),
  );
  flagon.post('/form', (c) => {
    c.flash('Saved');
    return 'saved';
  });
  flagon.get('/flashes', (c) => c.flashes().map((f) => f.message));
  return toNodeHandler(flagon);
}

describe('sessions over a real socket', () => {
  it('counts visits through the cookie the agent sends back', async () => {
    const agent = request.agent(app());
    await agent.get('/count').expect(200, '1').expect('vary', 'Cookie');
    const second = await agent.get('/count').expect(200, '2');
    expect(second.headers['set-cookie']?.[0]).toMatch(
      /^session=[\w.-]+; Path=\/; Max-Age=2678400; HttpOnly; SameSite=Lax$/,
    );
  });

  it('refuses a post without the token or from another origin, takes one with it, and flashes', async () => {
    const agent = request.agent(app());
    const page = await agent.get('/form').expect(200);
    const token = csrfTokenFrom(page.text);
    await agent.post('/form').type('form').send({ title: 'x' }).expect(403);
    await agent
      .post('/form')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ csrf_token: token })
      .expect(403)
      .expect(/Origin https:\/\/evil\.example does not match http:\/\/127\.0\.0\.1:\d+/);
    await agent.post('/form').type('form').send({ csrf_token: token }).expect(200, 'saved');
    await agent.get('/flashes').expect(200, ['Saved']);
    await agent.get('/flashes').expect(200, []);
  });
});
