import { clerkMiddleware } from '@clerk/tanstack-react-start/server'
import { createStart } from '@tanstack/react-start'

// Populates the auth state for every request; protects nothing by itself.
export const startInstance = createStart(() => ({ requestMiddleware: [clerkMiddleware()] }))
