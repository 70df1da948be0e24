// No loader or action: not an endpoint.
export default function Index() {
  return <h1>Welcome</h1>
}
