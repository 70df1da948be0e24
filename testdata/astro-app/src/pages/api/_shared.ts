// `_`-prefixed files under src/pages are not routed.
export const GET = () => new Response('not routed');
