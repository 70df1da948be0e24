import { Router } from 'express';
import { requireAuth, clerkMiddleware } from '@clerk/express';
import { requireUser, requireDecoded } from '../middleware/require-user.js';
import { listNotes, createNote, readNote, deleteNote, updateNote, pinNote, sharedNote } from '../controllers/notes.js';

const router = Router();
const validate = (req, _res, next) => next();

router.get('/', requireAuth(), listNotes); // ✓ requireAuth()
router.post('/', clerkMiddleware(), createNote); // ✗ per-route clerkMiddleware() only attaches auth
router.route('/:id').get(requireUser, readNote).delete(deleteNote); // GET ✓ requireUser; DELETE ✗
router.put('/:id', [requireUser, validate], updateNote); // ✓ guard inside a middleware array
router.patch('/:id/pin', pinNote); // ~ reads getAuth(req) but never checks it
router.get('/shared/:token', sharedNote); // ✓ capability token looked up, 404 when unknown
router.post('/import', requireDecoded, createNote); // ✗ jwt.decode is not verification

export default router;
