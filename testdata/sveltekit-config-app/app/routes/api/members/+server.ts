import { error } from '@sveltejs/kit'

// `locals.memberRepo` exists for everyone: neither reading it nor testing it checks the
// caller. Both fire.
export const GET = async ({ locals }) => Response.json(await locals.memberRepo.list())

export const DELETE = async ({ locals, url }) => {
  if (!locals.memberRepo) error(500, 'no repository')
  return Response.json(await locals.memberRepo.remove(url.searchParams.get('id') ?? ''))
}
