// The notes of the logged-in user: list, create, show, edit, delete, and the attachment. Every query
// names the user, so someone else's note is a 404 here, exactly like a note that does not exist.
import { abort, Blueprint, redirect } from '@flagon/framework';
import { attachmentResponse, storedContentType } from './attachment-response.js';
import { authn } from './authn.js';
import {
  createNote,
  deleteNote,
  findAttachment,
  findNote,
  listNotes,
  saveAttachment,
  updateNote,
} from './db/notes.js';
import type { NotesBlueprint, NotesContext } from './env.js';
import { MAX_ATTACHMENT_SIZE, NoteForm } from './forms.js';
import { noteIdOf } from './note-id.js';

// One file of at most MAX_ATTACHMENT_SIZE, and a body only a little larger than the file and the text.
const uploads = { maxFiles: 1, maxFileSize: MAX_ATTACHMENT_SIZE, maxSize: MAX_ATTACHMENT_SIZE + 64 * 1024 };

/**
 * The `notes` blueprint, under `/notes`: every page needs a logged-in user.
 *
 * @example
 * ```ts
 * app.register(notesBlueprint());
 * ```
 */
export function notesBlueprint(): NotesBlueprint {
  const notes: NotesBlueprint = new Blueprint('notes', { prefix: '/notes' });
  notes.before(authn.loginRequired);

  notes.get('/', { name: 'list' }, async (c) =>
    c.render('notes/list', { notes: await listNotes(c.state.db, user(c).id) }),
  );

  notes.get('/new', { name: 'new' }, (c) =>
    c.render('notes/form', { note: undefined, errors: {}, values: { title: '', body: '' } }),
  );

  notes.post('/', { name: 'create', uploads }, async (c) => {
    const form = await c.validateForm(NoteForm);
    if (!form.success) {
      return c.render('notes/form', { note: undefined, ...form }, { status: 422 });
    }
    const { title, body, attachment } = form.data;
    const note = await createNote(c.state.db, user(c).id, { title, body });
    if (attachment !== undefined) await attach(c, note.id, attachment);
    c.flash(`Note “${title}” added.`, 'success');
    return redirect(c.urlFor('notes.show', { id: note.id }), 303);
  });

  notes.get('/:id', { name: 'show' }, async (c) =>
    c.render('notes/show', { note: await ownNote(c, c.params.id) }),
  );

  notes.get('/:id/edit', { name: 'edit' }, async (c) => {
    const note = await ownNote(c, c.params.id);
    return c.render('notes/form', { note, errors: {}, values: { title: note.title, body: note.body } });
  });

  notes.post('/:id/edit', { name: 'update', uploads }, async (c) => {
    const note = await ownNote(c, c.params.id);
    const form = await c.validateForm(NoteForm);
    if (!form.success) return c.render('notes/form', { note, ...form }, { status: 422 });
    const { title, body, attachment } = form.data;
    await updateNote(c.state.db, user(c).id, note.id, { title, body });
    if (attachment !== undefined) await attach(c, note.id, attachment);
    c.flash(`Note “${title}” saved.`, 'success');
    return redirect(c.urlFor('notes.show', { id: note.id }), 303);
  });

  notes.post('/:id/delete', { name: 'delete' }, async (c) => {
    const note = await ownNote(c, c.params.id);
    await deleteNote(c.state.db, user(c).id, note.id);
    c.flash(`Note “${note.title}” deleted.`, 'success');
    return redirect(c.urlFor('notes.list'), 303);
  });

  notes.get('/:id/attachment', { name: 'attachment' }, async (c) => {
    const attachment = await findAttachment(c.state.db, user(c).id, noteIdOf(c.params.id));
    if (attachment === undefined) abort(404);
    return attachmentResponse(attachment);
  });

  return notes;
}

/** The logged-in user (`authn.loginRequired` ran before every route here). */
function user(c: NotesContext) {
  return c.user!;
}

/** The note of the URL if it is the user's own, else a 404. */
async function ownNote(c: NotesContext, rawId: string) {
  const note = await findNote(c.state.db, user(c).id, noteIdOf(rawId));
  if (note === undefined) abort(404);
  return note;
}

async function attach(
  c: NotesContext,
  noteId: number,
  file: { filename: string; type: string; bytes(): Promise<Uint8Array> },
): Promise<void> {
  await saveAttachment(c.state.db, user(c).id, noteId, {
    filename: file.filename,
    content_type: storedContentType(file.type),
    data: await file.bytes(),
  });
}
