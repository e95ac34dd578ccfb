// The forms of the notes app, as zod schemas: `c.validateForm(schema)` gives the data, or the errors by
// field and the text the user typed, to show the form again.
import { UploadedFile } from '@flagon/framework';
import { z } from 'zod';

const username = z
  .string()
  .trim()
  .min(3, 'At least 3 characters.')
  .max(40, 'At most 40 characters.')
  .regex(/^[\w.-]+$/, 'Letters, digits, dots, dashes and underscores only.');

/** Sign-up: a new name and a password typed twice. */
export const SignupForm = z
  .object({
    username,
    password: z.string().min(8, 'At least 8 characters.').max(200, 'At most 200 characters.'),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { message: 'The passwords differ.', path: ['confirm'] });

/** Log-in: checked against the stored hash, so only presence is validated here. */
export const LoginForm = z.object({
  username: z.string().trim().min(1, 'Enter your name.').max(40),
  password: z.string().min(1, 'Enter your password.').max(200),
  /** The checkbox: `on` when ticked, absent otherwise. */
  remember: z.literal('on').optional(),
  /** Where to go after logging in: the page that asked for it (checked by `localRedirect`). */
  next: z.string().max(2000).optional(),
});

/** The largest attachment a note takes (also the upload limit of the note routes). */
export const MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024;

/** A note, and an optional file: a file input left empty sends a file with no name. */
export const NoteForm = z.object({
  title: z.string().trim().min(1, 'Give the note a title.').max(200, 'At most 200 characters.'),
  body: z.string().max(20_000, 'At most 20000 characters.').default(''),
  attachment: z
    .instanceof(UploadedFile)
    .optional()
    .transform((file) => (file === undefined || file.filename === '' ? undefined : file)),
});
