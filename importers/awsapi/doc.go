// Package awsapi imports a live AWS estate, read-only, into the directory of
// describe-JSON that importers/awsjson reads: one parser serves both sources.
//
// Import asks every account (the caller's, or each role it assumes) and every
// region it is given for the resources awsjson models, using only Describe,
// List, Get and Search calls (docs/iam-policy.json lists exactly those
// actions; a test derives the called operations from this package's source
// and checks them against the policy). Every list is paginated; at most
// Options.Concurrency requests are in flight at once; throttling is retried
// with the SDK's adaptive retry mode.
//
// It writes OUT/accounts/<account>/<region>/<File>.json, with the file names,
// top-level members and wrapper shapes of awsjson.Files (e.g.
// TransitGatewayStaticRoutes.json holds [{TransitGatewayRouteTableId, Routes}]),
// and OUT/manifest.json: the time, the caller identity, the regions and every
// API call with its outcome and item count. A denied or failed call is
// recorded and the import goes on.
//
// Secrets are never written: Lambda environment variables, VPN customer
// gateway configurations and tunnel pre-shared keys, Direct Connect BGP
// authentication keys, API Gateway stage variables and integration request
// templates and parameters are removed before a file is written (scrub.go).
package awsapi
