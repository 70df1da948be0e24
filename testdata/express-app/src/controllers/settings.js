import { db } from '../lib/db.js';

export async function listSettings(req, res) {
  res.json(await db.setting.findMany());
}

export async function lateHandler(req, res) {
  res.json(await db.setting.findMany());
}
