import { getAuth } from '@clerk/express';
import { db } from '../lib/db.js';

export async function listNotes(req, res) {
  res.json(await db.note.findMany({ where: { ownerId: getAuth(req).userId } }));
}

export async function createNote(req, res) {
  res.status(201).json(await db.note.create({ data: req.body }));
}

export async function readNote(req, res) {
  res.json(await db.note.findUnique({ where: { id: req.params.id } }));
}

export async function deleteNote(req, res) {
  await db.note.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
}

export async function updateNote(req, res) {
  res.json(await db.note.update({ where: { id: req.params.id }, data: req.body }));
}

// Reads the identity but never checks it: a signed-out caller writes with ownerId null.
export async function pinNote(req, res) {
  const { userId } = getAuth(req);
  await db.note.update({ where: { id: req.params.id }, data: { pinnedBy: userId } });
  res.sendStatus(204);
}

// The unguessable share token is the credential: an unknown token ends the request.
export async function sharedNote(req, res) {
  const share = await db.share.findUnique({ where: { token: req.params.token } });
  if (!share) return res.status(404).end();
  res.json(await db.note.findUnique({ where: { id: share.noteId } }));
}
