// Package policy evaluates API Gateway resource policies offline: given a
// policy document and one request (action, resource ARN, principal and the
// condition keys present on the request) it answers Allow, explicit Deny,
// implicit Deny or Unknown, names the statement that decided and says why in a
// sentence a person can act on (docs/RULES.md R9.4, R9.10, R9.11, R7.17).
//
// Supported: Effect, Sid, Principal/NotPrincipal ("*", AWS account IDs and
// ARNs, Service, Federated, CanonicalUser), Action/NotAction (case-insensitive
// wildcards), Resource/NotResource (case-sensitive wildcards, and API
// Gateway's shorthand "execute-api:/stage/METHOD/path" relative to the API's
// ARN), and the condition operators private and public APIs use: String*,
// IpAddress/NotIpAddress, Arn*, Bool, Null, each with ...IfExists, and the
// ForAnyValue:/ForAllValues: qualifiers applied to single-valued keys.
//
// Condition keys are those of R7.17 and R9.10 (aws:SourceVpce, aws:SourceVpc,
// aws:SourceIp, aws:VpcSourceIp, aws:PrincipalOrgID, aws:PrincipalAccount,
// aws:PrincipalArn, aws:SourceArn, aws:SourceAccount) plus any key the caller
// puts in Request.Context. A key outside that set, an unknown operator or a
// policy variable (${...}) makes its statement undecidable; the answer is
// Unknown only when such a statement could change the outcome, and Decision
// lists every construct that did.
//
// Evaluation follows IAM: an applicable Deny wins, otherwise an applicable
// Allow allows, otherwise the call is implicitly denied. A missing key makes
// positive operators false and negated operators true, which is why the usual
// "Deny unless StringEquals aws:SourceVpce" statement also denies calls that
// did not come through any endpoint (R9.10).
package policy
