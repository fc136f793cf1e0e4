// Package http answers API-level questions: can this client call that API,
// and how exactly? (aws-semantics.md section 9, ARCHITECTURE.md "HTTP").
//
// An API call is a chain: the client resolves the host name (solver/dns),
// opens TCP 443 to the answer (solver/reach, both directions), and lands on
// whatever owns that address: an execute-api interface endpoint (the private
// front door) or API Gateway's public front end. There API Gateway's own
// rules decide: which API the request names (host name, Host header,
// x-apigw-api-id, R9.5), the endpoint type (R9.3, R9.8), the endpoint policy
// and the API's resource policy (solver/policy, R9.4, R9.10), the stage.
//
// For one client and one API every access method is tried (default name,
// endpoint-specific vpce- names with a header, the {api-id}-{vpce-id} alias,
// custom domain names) and each answer carries its recipe (URL, headers) or
// every reason it fails with what would fix it.
//
// Decisions that AWS leaves ambiguous (appendix B) live in one place each:
// the status of an unidentified request (B11) in unidentifiedStatus.
package http
