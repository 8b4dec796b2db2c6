// The client type-checks convex/ through convex/_generated/api; this brings the backend's
// declarations for untyped data packages into that program too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../convex/lib/geo/packages.d.ts" />
